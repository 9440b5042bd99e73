"""Rounds and evaluation types: their order, so "before" and "after" mean the same everywhere, and names.

Rounds are names typed on forms ("2023-第二届微公益创投", "第十届", "2024"); they sort naturally: runs of
Arabic or Chinese numerals compare as numbers, so 第二届 < 第十届 and 2023-… < 2024-….
"""

from __future__ import annotations

import re
import unicodedata

from evaluator.i18n import N_, both
from evaluator.rubric.text import Text

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUMBER = re.compile(r"[0-9]+|[零〇一二两三四五六七八九十百千]+")

TYPE_ORDER = {"self": 0, "midterm": 1, "final": 2}
EVALUATION_TYPES = {"self": N_("Self-assessment"), "midterm": N_("Midterm"), "final": N_("Final")}
TYPE_NAMES = {kind: Text(**both(name)) for kind, name in EVALUATION_TYPES.items()}


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


def round_key(name: str) -> tuple:
    """A sort key: text parts as text, numeral runs as numbers."""
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
    return tuple(key) + ((-1, name),)  # a name that is a prefix of another sorts first


def name_key(name: str) -> str:
    """How organizations and self-organizations are matched by name: full/half width, spaces and case ignored."""
    return "".join(unicodedata.normalize("NFKC", name).split()).casefold()
