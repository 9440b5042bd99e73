"""Excel data validation for input cells, and the plain-language format hint printed beside them.

Both come from the evidence field, so the dropdowns, the ranges Excel enforces, the hint a person reads
and the checks the reader applies all say the same thing.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.forms import phrases
from evaluator.forms.layout import TEXT_LIMIT, Layout
from evaluator.i18n import pt
from evaluator.messages import Lang
from evaluator.numbers import typed, typed_percent
from evaluator.rubric.fields import EvidenceField

Kind = Literal["whole", "decimal", "list", "date", "textLength"]
Operator = Literal["between", "lessThanOrEqual"]
DATE_RANGE = (dt.date(2000, 1, 1), dt.date(2100, 12, 31))
NUMBER_FORMATS = {"integer": "0", "number": "General", "percent": "0%", "date": "yyyy-mm-dd", "text": "@"}


def hint(field: EvidenceField, lang: Lang, with_help: bool = True) -> str:
    """`整数，0–500 人；必填` followed by the field's own help."""
    parts = [phrases.HINTS[field.type](lang)] if field.type != "text" else []
    if field.range:
        low, high = (_shown(v, field.type) for v in field.range)
        parts.append(phrases.RANGE_HINT(lang).format(low=low, high=high) + (f" {field.unit(lang)}" if field.unit else ""))
    elif field.unit:
        parts.append(field.unit(lang))
    text = pt(lang, "hint parts", ", ").join(parts)
    if field.required:
        text += (pt(lang, "hint clauses", "; ") if text else "") + phrases.REQUIRED(lang)
    if with_help and field.help:
        text += ("\n" if text else "") + field.help(lang)
    return text


def _shown(value: float, type: str) -> str:
    return typed_percent(value) if type == "percent" else typed(value)


def _literal(value: float) -> str:
    """A number as a validation formula holds it, in digits (10000000000, not 1e+10): not for people to read."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


class Validations:
    """Collects the cells of each distinct rule, so a sheet holds one validation per rule, not per cell."""

    def __init__(self, layout: Layout):
        self.layout = layout
        self._rules: dict[tuple[str, str | None, str, str | None, str | None], DataValidation] = {}

    def field(self, ref: str, field: EvidenceField, list_key: str | None = None) -> None:
        lang = self.layout.lang
        if list_key or field.type in ("boolean", "choice"):
            self.dropdown(ref, list_key or ("boolean" if field.type == "boolean" else f"choice:{field.id}"))
        elif field.type == "text":
            self._add(ref, "textLength", "lessThanOrEqual", str(TEXT_LIMIT), None,
                      phrases.VALIDATION_TEXT(lang).format(limit=TEXT_LIMIT))
        elif field.type == "date":
            low, high = (str(int(to_excel(d))) for d in DATE_RANGE)
            self._add(ref, "date", "between", low, high, hint(field, lang, False))
        else:
            least, most = field.range or (-1e12, 1e12)
            kind: Kind = "whole" if field.type == "integer" else "decimal"
            self._add(ref, kind, "between", _literal(least), _literal(most), hint(field, lang, False))

    def dropdown(self, ref: str, list_key: str) -> None:
        self._add(ref, "list", None, self.layout.list_ref(list_key), None, None)

    def apply(self, ws: Worksheet) -> None:
        for rule in self._rules.values():
            ws.add_data_validation(rule)
        self._rules = {}

    def _add(self, ref: str, kind: Kind, operator: Operator | None, low: str, high: str | None, what: str | None) -> None:
        key = (kind, operator, low, high, what)
        if key not in self._rules:
            lang = self.layout.lang
            message = (phrases.VALIDATION_LIST(lang) if what is None else what if kind == "textLength"
                       else phrases.VALIDATION_RANGE(lang).format(hint=what))
            self._rules[key] = DataValidation(
                type=kind, operator=operator, formula1=low, formula2=high, allow_blank=True,
                showErrorMessage=True, errorStyle="stop", errorTitle=phrases.VALIDATION_TITLE(lang), error=message[:255],
                # the same words as a prompt when the cell is selected: what to type before a mistake is made
                showInputMessage=True, promptTitle=phrases.VALIDATION_TITLE(lang)[:32], prompt=message[:255],
            )
        self._rules[key].add(ref)
