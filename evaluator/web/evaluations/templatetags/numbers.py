"""`{{ value|number }}`: numbers on the pages as the reports write them (one formatter for both)."""

from __future__ import annotations

from django import template

from evaluator.report.words import number as report_number

register = template.Library()


@register.filter
def number(value) -> str:
    return "" if value is None else report_number(float(value))
