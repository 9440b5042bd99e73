"""How values and reasons read in traces: 85%, 是/yes, 12 人, "场地面积 120（D2!C7）". Numbers are written by
`evaluator.numbers`; words come from the catalogue (`evaluator.i18n`). A trace carries both languages, so
each sentence is written once, as a function of the language, and `in_both` makes it a `Text`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable

from evaluator.evidence import Value
from evaluator.i18n import LANGS, Lang, pt, t
from evaluator.numbers import number, percent
from evaluator.problems import list_separator
from evaluator.rubric.bilingual import Text
from evaluator.rubric.fields import EvidenceField


def in_both(sentence: Callable[[Lang], str]) -> Text:
    """The sentence in every language, as the `Text` a trace holds."""
    return Text(**{lang: sentence(lang) for lang in LANGS})


def at_cell(lang: Lang, label: Text, cell: str | None) -> str:
    """场地面积（D2!C7） / site area (D2!C7)."""
    return t(lang, "{label} ({cell})", label=label(lang), cell=cell)


def value_at_cell(lang: Lang, label: Text, value: Text | str | int | None, cell: str | None) -> str:
    """场地面积 120（D2!C7） / site area 120 (D2!C7)."""
    shown = value(lang) if isinstance(value, Text) else value
    return t(lang, "{label} {value} ({cell})", label=label(lang), value=shown, cell=cell)


def listed(lang: Lang, items: Iterable[str]) -> str:
    return list_separator(lang).join(items)


def shown(field: EvidenceField | None, value: object) -> Text:
    """A value as a person reads it, in both languages."""
    if value is None:
        return in_both(lambda lang: t(lang, "not filled"))
    if isinstance(value, bool):
        return in_both(lambda lang: pt(lang, "answer", "yes") if value else pt(lang, "answer", "no"))
    if field is not None and field.type == "percent" and isinstance(value, (int, float)):
        as_percent = percent(value)
        return in_both(lambda lang: as_percent)
    if field is not None and field.type == "choice" and field.choices:
        for choice in field.choices:
            if choice.id == value:
                return choice.label
    if isinstance(value, (int, float)):
        unit, as_number = (field.unit if field is not None else None), number(value)
        return in_both(lambda lang: as_number + (f" {unit(lang)}" if unit else ""))
    as_text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return in_both(lambda lang: as_text)


def cell_of(value: Value | None) -> str | None:
    return str(value.cell) if value is not None and value.cell is not None else None
