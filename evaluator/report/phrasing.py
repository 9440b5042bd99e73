"""How the reports put values into words: lists of names and phrases, and the totals each grade covers.

The words themselves are in the catalogue (`evaluator.i18n`); what is shared by the handbook, the feedback
report and the portfolio is put together here so that they say it alike.
"""

from __future__ import annotations

import re
from string import Formatter

from evaluator import i18n
from evaluator.i18n import Lang, pt
from evaluator.numbers import number

HAN = "\u3400-\u9fff"


_WIDE = re.compile(f"[{HAN}\u3000-\u303f\uff00-\uffef]")   # Chinese characters and full-width punctuation
_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z0-9%]")


def _join(left: str, right: str) -> str:
    """`left` + `right` where a filled-in value meets the words around it: a space between a Chinese character
    and a Latin letter or digit, either way round ("较 2023-第二届", "3 个"); a template's space between two
    Chinese sides dropped ("第二届 的" → "第二届的")."""
    if not left or not right:
        return left + right
    if left.endswith(" ") and len(left) > 1 and _WIDE.match(left[-2]) and _WIDE.match(right[0]):
        return left[:-1] + right
    if right.startswith(" ") and len(right) > 1 and _WIDE.match(left[-1]) and _WIDE.match(right[1]):
        return left + right[1:]
    a, b = left[-1], right[0]
    mixed = (_HAN.match(a) and _LATIN.match(b)) or (_LATIN.match(a) and _HAN.match(b))
    return left + (" " if mixed else "") + right


def fill(pattern: str, params: dict[str, object]) -> str:
    """`pattern` with its {fields} filled, spaced at each value's edges by `_join`; the values themselves
    (names typed on forms) are never changed."""
    out, after_value = "", False
    for literal, field, spec, _ in Formatter().parse(pattern):
        if literal:
            out = _join(out, literal) if after_value else out + literal
        if field is None:
            after_value = False
            continue
        out = _join(out, format(params[field], spec or ""))
        after_value = True
    return out


def ts(lang: Lang, message: str, /, **params: object) -> str:
    """`t` with the values put in by `fill`: for phrases that set names and numbers among Chinese words."""
    pattern = i18n.t(lang, message)
    return fill(pattern, params) if params else pattern


def tns(lang: Lang, singular: str, plural: str, n: int, /, **params: object) -> str:
    """`tn` with the values other than `n` put in by `fill`."""
    return fill(i18n.tn(lang, singular, plural, n, **{k: "{" + k + "}" for k in params}), params)


def joined(items: list[str], lang: Lang) -> str:
    """Names in a row: 甲、乙 / a, b."""
    return pt(lang, "list", ", ").join(items)


def listed(items: list[str], lang: Lang) -> str:
    """Phrases in a row (criteria, checklist items), which may hold commas of their own."""
    return pt(lang, "list of phrases", "; ").join(items)


def total_spans(mins: list[float], lang: Lang) -> list[str]:
    """The totals each grade covers, for grade minimums from the best grade down:
    “85 及以上”, “60 至不足 85”, “不足 60”."""
    spans, upper = [], None
    for low in mins:
        if upper is None:
            spans.append(ts(lang, "{lo} or more", lo=number(low, None)))
        elif low <= 0:
            spans.append(ts(lang, "under {hi}", hi=number(upper, None)))
        else:
            spans.append(ts(lang, "{lo} to under {hi}", lo=number(low, None), hi=number(upper, None)))
        upper = low
    return spans


def grade_spans(grades, lang: Lang) -> list[tuple[str, str]]:
    """(label, totals covered) for each grade of a rubric or a result, best first."""
    return list(zip((g.label(lang) for g in grades), total_spans([g.min for g in grades], lang), strict=True))

