"""The words every layer shares: evaluation types, the order of rounds, how organizations are matched by
name, and how paths are shown in messages.

The rubric loader, the forms, the scoring, the store, the reports, the comparison, the command line and the
platform all use these, so they live below all of them: this module imports nothing of the package but the
translation markers (`evaluator.i18n`).

Rounds are names typed on forms ("2023-第二届微公益创投", "第十届", "2024"); they sort naturally: runs of
Arabic or Chinese numerals compare as numbers, so 第二届 < 第十届 and 2023-… < 2024-….
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from typing import Literal

from evaluator.i18n import N_, Lang, t

EvaluationType = Literal["self", "midterm", "final"]
# before and after mean the same everywhere: a self-assessment precedes the midterm, the midterm the final
EVALUATION_TYPE_ORDER: dict[str, int] = {"self": 0, "midterm": 1, "final": 2}
EVALUATION_TYPE_NAMES: dict[str, str] = {"self": N_("Self-assessment"), "midterm": N_("Midterm"), "final": N_("Final")}

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = re.compile(r"[0-9]+|[零〇一二两三四五六七八九十百千]+")

RoundKey = tuple[tuple[int, int | str], ...]


def evaluation_type_name(kind: str, lang: Lang) -> str:
    """自评 / Self-assessment, 中期 / Midterm, 终期 / Final."""
    return t(lang, EVALUATION_TYPE_NAMES[kind])


def chinese_number(text: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇二四 → 2024 (digit by digit without units)."""
    if not any(ch in _UNITS for ch in text):
        return int("".join(str(_DIGITS[ch]) for ch in text))
    total, digit = 0, None
    for ch in text:
        if ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            digit = _DIGITS[ch]
    return total + (digit or 0)


def round_key(name: str) -> RoundKey:
    """A sort key for round names: text parts as text, numeral runs as numbers."""
    key: list[tuple[int, int | str]] = []
    position = 0
    for match in _NUMBER.finditer(name):
        if match.start() > position:
            key.append((1, name[position:match.start()]))
        run = match.group()
        key.append((0, int(run) if run.isdigit() else chinese_number(run)))
        position = match.end()
    if position < len(name):
        key.append((1, name[position:]))
    return (*key, (-1, name))  # a name that is a prefix of another sorts first


def name_key(name: str) -> str:
    """How organizations and self-organizations are matched by name: full/half width, spaces and case ignored."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()


def display_path(path: Path | str) -> str:
    """Paths in messages: relative to the working directory when under it, as the user typed them."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def portable_path(path: Path | str) -> str:
    """A file's path as outputs others read show it (a result's source, a report's appendix): a relative path
    as given, an absolute one as the file's name alone, so no output shows where a machine keeps its files."""
    given = Path(path)
    return given.name if given.is_absolute() else given.as_posix()
