"""Typed values from what people actually type: full-width digits, 85% / 0.85 / 85, 是/否/Y/✓,
2024年5月1日, "3 - 执行良好".

Pure functions from a `Raw` cell to a `Read`: the value (None when unusable) and the issues found,
as (code, severity, params) without a location; the reader adds where. Unambiguous forms are
accepted, with a warning whenever the text had to be reinterpreted, so nobody is surprised later.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import unicodedata
from collections.abc import Callable
from typing import Any, NamedTuple

from openpyxl.utils.datetime import from_excel, to_excel

from evaluator.evidence import Scalar
from evaluator.forms.cells import Raw
from evaluator.forms.layout import TEXT_LIMIT
from evaluator.forms.phrases import NO, YES
from evaluator.forms.validation import DATE_RANGE
from evaluator.i18n import LANGS, Lang, both, pboth
from evaluator.numbers import typed, typed_percent
from evaluator.problems import Severity, did_you_mean, list_separator
from evaluator.rubric.bilingual import Text
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Indicator

Issue = tuple[str, Severity, dict[str, Any]]
_SERIALS = (to_excel(DATE_RANGE[0]), to_excel(DATE_RANGE[1]))  # a date cell without date format holds its serial

EXPECTED = {
    "integer": both("a whole number"),
    "number": pboth("form answer", "a number"),
    "percent": both("a percentage"),
    "date": both("a date"),
}
_TRUE = {"是", "yes", "y", "true", "对", "有", "√", "✓", "✔", "☑", "1"}
_FALSE = {"否", "no", "n", "false", "错", "无", "没有", "不是", "×", "✗", "✘", "☒", "0"}
_CANONICAL = {YES.zh, YES.en.casefold(), NO.zh, NO.en.casefold()}  # what the dropdown offers: read without a warning
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", re.ASCII)  # ASCII: １２３ is not plain
_GROUPED = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?", re.ASCII)
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?|(\d{4})(\d{2})(\d{2})", re.ASCII)
_RATING = re.compile(r"([0-9]+)\s*[级分]?(\s*[-–—:：、]\s*.*)?", re.DOTALL | re.ASCII)


class Read(NamedTuple):  # a tuple: one is made for every cell read
    value: Scalar = None
    issues: tuple[Issue, ...] = ()


def found(value: Any) -> str:
    """A cell value as a person would recognise it in a message."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return f"{value:.15g}"
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 60 else text[:59] + "…"


def normal(text: str) -> str:
    """Full-width forms folded (１２３ → 123, ％ → %, ，→ ,), spaces trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def remembered(convert: Callable[[Raw], Read], raw: Raw) -> Read:
    """`convert(raw)`, remembered: converters are pure, and the same few answers (yes, no, a level, a small
    count) come in every form, so each (converter, value) is worked out once. True, 1 and 1.0 are equal
    keys, so the value's type is part of the key."""
    try:
        return _remembered(convert, raw, type(raw.value).__name__)
    except TypeError:  # an unhashable value (calamine gives none, but a Raw could be made by hand)
        return convert(raw)


@functools.lru_cache(maxsize=4096)
def _remembered(convert: Callable[[Raw], Read], raw: Raw, _kind: str) -> Read:
    return convert(raw)


def read_value(field: EvidenceField, raw: Raw, limit: int = TEXT_LIMIT) -> Read:
    """The typed value of a cell; text longer than `limit` characters is refused (F035)."""
    if raw.mark == "formula":
        return Read(None, (("F027", "warning", {}),))
    if raw.mark is not None:
        return Read(None, (("F028", "error", {"found": raw.mark}),))
    if raw.value is None:
        return Read()
    if field.type == "text":
        return _text(raw.value, limit)
    return _READERS[field.type](field, raw.value)


def _error(field: EvidenceField, value: Any) -> Read:
    return Read(None, (("F020", "error", {"expected": EXPECTED[field.type], "found": found(value)}),))


def _converted(value: Scalar, original: Any, shown: Any, *more: Issue) -> Read:
    return Read(value, (("F024", "warning", {"found": found(original), "value": shown}),) + more)


def _in_range(field: EvidenceField, read: Read) -> Read:
    if field.range is None or not isinstance(read.value, (int, float)):  # a range belongs to a number field
        return read
    low, high = field.range
    if low <= read.value <= high:
        return read
    show = typed_percent if field.type == "percent" else typed
    params = {"found": show(read.value), "low": show(low), "high": show(high)}
    return Read(None, read.issues + (("F021", "error", params),))


def _fraction(value: float) -> dict[Lang, str]:
    """How a converted share is shown: the percentage and the fraction it is stored as."""
    return both("{percent} ({fraction})", percent=typed_percent(value), fraction=typed(value))


def parsetyped(text: str, unit: Any = None) -> tuple[float, bool] | None:
    """A number written as text, and whether it carried a % sign. Accepts full-width digits, thousands
    separators, the field's unit and 万 (ten thousand); None when it is not a number."""
    t = normal(text).replace(" ", "")
    for word in ((unit.zh, unit.en) if unit else ()):
        t = t.removesuffix(word).strip()
    t = t.removesuffix("元") if t.endswith("万元") else t
    scale = 10_000 if t.endswith("万") else 1
    t = t.removesuffix("万")
    percent = t.endswith("%")
    t = t.removesuffix("%")
    if _GROUPED.fullmatch(t):
        t = t.replace(",", "")
    if not _PLAIN_NUMBER.fullmatch(t):
        return None
    number = float(t) * scale
    return (number, percent) if math.isfinite(number) else None


def _numeric(field: EvidenceField, value: Any) -> Read:
    """integer and number fields."""
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return _error(field, value)
    if isinstance(value, str):
        parsed = parsetyped(value, field.unit)
        if parsed is None or parsed[1]:
            return _error(field, value)
        number = parsed[0]
        plain = _PLAIN_NUMBER.fullmatch(value.strip()) is not None
        read = Read(number) if plain else _converted(number, value, typed(number))
    elif not math.isfinite(value):
        return _error(field, value)
    else:
        read = Read(value)
    got = read.value
    if not isinstance(got, (int, float)):  # each way above reads a number
        return _error(field, value)
    if field.type == "integer":
        if not float(got).is_integer():
            return _error(field, value)
        read = Read(int(got), read.issues)
    else:
        read = Read(float(got), read.issues)
    return _in_range(field, read)


def _percent_field(field: EvidenceField, value: Any) -> Read:
    """A share, stored as a fraction. 0.85 and 85% are clear; 85 (more than 1) means 85% unless the field
    allows shares above 1; the text "1" is read as 100% with a warning, since it might have meant 1%."""
    if isinstance(value, (bool, dt.date, dt.time, dt.timedelta)):
        return _error(field, value)
    high = field.range[1] if field.range else 1
    if isinstance(value, str):
        parsed = parsetyped(value)
        if parsed is None:
            return _error(field, value)
        number, sign = parsed
        if sign:
            return _in_range(field, _converted(number / 100, value, _fraction(number / 100)))
        if number == 1 and high <= 1:
            other: Issue = ("F025", "warning", {"found": found(value), "value": "100%", "other": "1%"})
            return _in_range(field, Read(1.0, (other,)))
        fraction = number / 100 if abs(number) > 1 and high <= 1 else number
        return _in_range(field, _converted(fraction, value, _fraction(fraction)))
    if not math.isfinite(value):
        return _error(field, value)
    if abs(value) > 1 and high <= 1:
        return _in_range(field, _converted(value / 100, value, _fraction(value / 100)))
    return _in_range(field, Read(float(value)))


def _boolean(field: EvidenceField, value: Any) -> Read:
    if isinstance(value, bool):
        return Read(value)
    text = normal(value).casefold() if isinstance(value, str) else typed(value) if isinstance(value, (int, float)) else None
    for truth, words in ((True, _TRUE), (False, _FALSE)):
        if text in words:
            shown = YES if truth else NO
            return Read(truth) if isinstance(value, str) and text in _CANONICAL else _converted(truth, value, shown.model_dump())
    return Read(None, (("F022", "error", {"found": found(value), "expected": both("Yes, No")}),))


def _choice(field: EvidenceField, value: Any) -> Read:
    text = normal(found(value)).casefold()
    for choice in field.choices or []:
        if text in (choice.id.casefold(), normal(choice.label.zh).casefold(), normal(choice.label.en).casefold()):
            return Read(choice.id)
    expected = {lang: list_separator(lang).join(c.label(lang) for c in field.choices or []) for lang in LANGS}
    return Read(None, (("F022", "error", {"found": found(value), "expected": expected}),))


def _date(field: EvidenceField, value: Any) -> Read:
    if isinstance(value, dt.datetime):
        read = Read(value.date())
    elif isinstance(value, dt.date):
        read = Read(value)
    elif isinstance(value, (int, float)) and not isinstance(value, bool) and _SERIALS[0] <= value <= _SERIALS[1]:
        day = from_excel(value).date()
        read = _converted(day, value, day.isoformat())
    elif isinstance(value, str) and (day := _text_date(value)) is not None:
        read = Read(day) if normal(value) == day.isoformat() else _converted(day, value, day.isoformat())
    else:
        return _error(field, value)
    low, high = DATE_RANGE
    if not isinstance(read.value, dt.date):  # each way above reads a day
        return _error(field, value)
    if not low <= read.value <= high:
        params = {"found": read.value.isoformat(), "low": low.isoformat(), "high": high.isoformat()}
        return Read(None, read.issues + (("F021", "error", params),))
    return read


def _text_date(text: str) -> dt.date | None:
    match = _DATE.fullmatch(normal(text))
    if match is None:
        return None
    year, month, day = (int(g) for g in (match.groups()[:3] if match[1] else match.groups()[3:]))
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _text(value: Any, limit: int) -> Read:
    text = value if isinstance(value, str) else found(value) if not isinstance(value, float) else typed(value)
    if len(text) > limit:  # refused, as the form's own validation does: every report would carry it
        return Read(None, (("F035", "error", {"found": len(text), "limit": limit}),))
    return Read(text)


def read_rating(raw: Raw) -> Read:
    """A level 0-4: 3, "3", "３", "3级" or a dropdown entry "3 - anchor text"."""
    if raw.mark == "formula":
        return Read(None, (("F027", "warning", {}),))
    if raw.mark is not None:
        return Read(None, (("F028", "error", {"found": raw.mark}),))
    value = raw.value
    if value is None:
        return Read()
    level = None
    if isinstance(value, int) and not isinstance(value, bool):
        level = value
    elif isinstance(value, str) and _PLAIN_NUMBER.fullmatch(text := normal(value)):
        level = int(float(text)) if float(text).is_integer() else None
    elif isinstance(value, str) and (match := _RATING.fullmatch(text)):
        level = int(match[1])
    if level is None or not 0 <= level <= 4:
        return Read(None, (("F029", "error", {"found": found(value)}),))
    return Read(level)


def read_indicator(indicators: list[Indicator], raw: Raw) -> Read:
    """An indicator named by id, by a dropdown entry "D1.01 name", or by its name alone."""
    if raw.value is None or raw.mark is not None:
        return read_value(_ANY_TEXT, raw)
    text = normal(found(raw.value))
    head = text.split(maxsplit=1)[0].upper()
    for indicator in indicators:
        if head == indicator.id or text in (indicator.name.zh, indicator.name.en):
            return Read(indicator.id)
    hint = did_you_mean(head, [i.id for i in indicators])
    return Read(None, (("F031", "error", {"found": found(raw.value), "hint": hint}),))


_ANY_TEXT = EvidenceField(id="text", label=Text(**pboth("form answer", "text")), type="text")
_READERS = {"integer": _numeric, "number": _numeric, "percent": _percent_field, "boolean": _boolean,
            "choice": _choice, "date": _date}
