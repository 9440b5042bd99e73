"""Figures on the calibration page, written by `evaluator.numbers` as in the portfolio: alpha and levels
to 2 decimals, shares as percents, biases with their sign; None as a dash."""

from __future__ import annotations

from django import template

from evaluator.numbers import percent, points, signed

register = template.Library()


@register.filter
def two(value: float | None) -> str:
    return "—" if value is None else points(value)


@register.filter
def share(value: float | None) -> str:
    return "—" if value is None else percent(value)


@register.filter
def lean(value: float | None) -> str:
    return "—" if value is None else signed(value, 2)
