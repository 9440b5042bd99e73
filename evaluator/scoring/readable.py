"""How values read in traces: 85%, 是/yes, 12 人 (numbers are written by `evaluator.numbers`)."""

from __future__ import annotations

import datetime as dt

from evaluator.evidence import Value
from evaluator.numbers import number, percent
from evaluator.rubric.bilingual import Text
from evaluator.rubric.fields import EvidenceField


def shown(field: EvidenceField | None, value: object) -> Text:
    """A value as a person reads it, in both languages."""
    if value is None:
        return Text(zh="未填写", en="not filled")
    if isinstance(value, bool):
        return Text(zh="是", en="yes") if value else Text(zh="否", en="no")
    if field is not None and field.type == "percent" and isinstance(value, (int, float)):
        return Text(zh=percent(value), en=percent(value))
    if field is not None and field.type == "choice" and field.choices:
        for choice in field.choices:
            if choice.id == value:
                return choice.label
    if isinstance(value, (int, float)):
        unit = field.unit if field is not None else None
        return Text(zh=f"{number(value)}{' ' + unit.zh if unit else ''}", en=f"{number(value)}{' ' + unit.en if unit else ''}")
    if isinstance(value, dt.date):
        return Text(zh=value.isoformat(), en=value.isoformat())
    return Text(zh=str(value), en=str(value))


def cell_of(value: Value | None) -> str | None:
    return str(value.cell) if value is not None and value.cell is not None else None
