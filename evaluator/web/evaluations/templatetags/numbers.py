"""`{{ value|number }}`: numbers on the pages as the reports write them (one formatter for both)."""

from __future__ import annotations

from django import template

from evaluator.numbers import points

register = template.Library()


@register.filter
def number(value) -> str:
    """Points as published (half-up, 2 decimals, no trailing zeros): `evaluator.numbers.points`."""
    return "" if value is None else points(value)
