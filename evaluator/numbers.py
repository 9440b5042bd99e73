"""Exact arithmetic, one rounding and one way of writing numbers, for every output.

Points are kept exact (`Fraction`) from indicator to domain to total and rounded once, half-up
(四舍五入: 1.125 → 1.13, 84.995 → 85.00), when a figure is published. A number from a YAML file or a
workbook enters through its decimal text, so 0.1 is 1/10 and never 0.1000000000000000055….

Every output writes numbers with these functions: result JSON (`published`), traces, CLI tables,
reports, the portfolio PDF and the xlsx workbook (`excel_format` makes a spreadsheet show exactly the
text `points`, `percent` and `signed` write). The same figure reads the same everywhere:

    points  1.5, 85, 84.99            published points: half-up to 2 decimals, no trailing zeros
    percent 87.1%, 100%               a share of 1 as a percent: half-up to 1 decimal
    signed  +1.25, −0.5, 0            a change: a sign (a true minus), 0 when it rounds to nothing
    number  12,000, 3.5               a measured value: half-up to 2 decimals, thousands from 10,000 on

A figure the rubric declares (a band's minimum, a weight, a range) is written as declared:
`places=None` keeps every decimal it has (0.035 → 3.5%, 0.0325 → 3.25%).

A value a person typed into a form is echoed back to them in a message as their spreadsheet shows it,
so they can find it: `typed` (120000, 0.125: no rounding, no grouping) and `typed_percent`.
"""

from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Literal, SupportsFloat

Exact = Fraction
Numeric = int | float | Fraction | Decimal

POINT_PLACES = 2      # published points, totals and changes
PERCENT_PLACES = 1    # shares, written as percents
MINUS = "\u2212"      # a true minus sign for changes: −0.5
_QUANTUM = {p: Decimal(1).scaleb(-p) for p in range(7)}


def exact(x: Numeric | str) -> Fraction:
    """The exact value of a number as written: a float through its shortest decimal text (repr), a
    string as a decimal ("1.125") or a fraction ("9/8")."""
    if isinstance(x, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, (float, int)):
        return _exact_cached(x)
    return Fraction(x)


@lru_cache(maxsize=8192)
def _exact_cached(x: float | int) -> Fraction:
    """Rubric figures and form values recur on every form: their exact values are made once."""
    return Fraction(repr(x)) if isinstance(x, float) else Fraction(x)


def as_float(x: Numeric) -> float:
    """A float for a measure kept beside its exact value (a trace's ratio), clamped to the float range so a
    pathological input (a denominator of 1e-300) never overflows."""
    try:
        return float(x)
    except OverflowError:
        return sys.float_info.max if x > 0 else -sys.float_info.max


def exact_text(x: Numeric) -> str:
    """The exact value as a reduced fraction, "9/8", or an integer, "3": what a result's `exact` fields hold."""
    return str(exact(x))


def round_half_up(x: Numeric | str, places: int = POINT_PLACES) -> Decimal:
    """Round half away from zero (四舍五入) at `places` decimals, on the exact value: 1.125 → 1.13."""
    if isinstance(x, float) and abs(x) < 1e15:  # a float's exact decimal text, rounded by decimal (fast path)
        return Decimal(repr(x)).quantize(_QUANTUM[places], rounding=ROUND_HALF_UP) if places in _QUANTUM \
            else round_half_up(exact(x), places)
    value = exact(x)
    n, d = value.numerator, value.denominator
    whole = (abs(n) * 10**places * 2 + d) // (2 * d)
    return Decimal(-whole if n < 0 else whole).scaleb(-places)


def published(x: Numeric) -> float:
    """The published figure of a point value, as JSON and the store keep it: rounded once, half-up, 2 decimals."""
    return float(round_half_up(x, POINT_PLACES))


def _declared_places(x: Numeric | str, most: int = 10) -> int:
    """The decimals a declared figure has (0.035 has 3), at most `most`."""
    value, places = exact(x), 0
    while places < most and (value * 10**places).denominator != 1:
        places += 1
    return places


def _text(x: Numeric | str, places: int | None) -> str:
    """Half-up to `places` decimals (None: as declared), without trailing zeros and never as "-0"."""
    places = _declared_places(x) if places is None else places
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    text = f"{round_half_up(x, places):f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _grouped(text: str) -> str:
    """Thousands separated from 10,000 on (a Chinese reader groups 4-digit numbers as they are)."""
    sign, body = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, _, fraction = body.partition(".")
    if len(whole) > 4:
        whole = f"{int(whole):,}"
    return sign + whole + ("." + fraction if fraction else "")


def number(x: Numeric, places: int | None = POINT_PLACES) -> str:
    """A measured value as people write it: 12,000 元, 3.5 小时, 0."""
    return _grouped(_text(x, places))


def typed(x: float) -> str:
    """A value as the person typed it, for a message about it: 120000, 0.125, 1e-07 (15 significant digits,
    the most a spreadsheet keeps; no rounding to places, no thousands separators)."""
    return str(int(x)) if float(x).is_integer() else f"{x:.15g}"


def typed_percent(share: float) -> str:
    """A typed share as the percent a spreadsheet shows for it: 0.85 → 85%, 0.333 → 33.3%."""
    return f"{typed(round(share * 100, 10))}%"


def points(x: Numeric) -> str:
    """Points, a domain's or a total: the published figure, 84.99, 85, 1.5."""
    return number(x, POINT_PLACES)


def percent(share: Numeric, places: int | None = PERCENT_PLACES) -> str:
    """A share of 1 as a percent: 0.871 → 87.1%, 1 → 100%."""
    return number(exact(share) * 100, places) + "%"


def signed(change: Numeric, places: int = POINT_PLACES) -> str:
    """A change with its sign: +1.25, −0.5, and 0 when it rounds to nothing (never ±0 or 0.0)."""
    text = number(abs(exact(change)), places)
    if text == "0":
        return "0"
    return ("+" if change > 0 else MINUS) + text


def direction(change: Numeric, places: int = POINT_PLACES) -> Literal["up", "down", "same"]:
    """Which way a change goes, as `signed` writes it: a change that rounds to 0 is the same."""
    shown = signed(change, places)
    return "same" if shown == "0" else "up" if shown.startswith("+") else "down"


def telling(left: Numeric, right: Numeric, places: int, most: int = 6) -> int:
    """The decimals needed to show two different values differently (at least `places`): a comparison
    "94.97% < 95%" must not read "95% < 95%"."""
    a, b = exact(left), exact(right)
    while places < most and a != b and round_half_up(a, places) == round_half_up(b, places):
        places += 1
    return places


def adds_up(parts: list[Numeric], total: Numeric) -> bool:
    """Whether published parts add up to the published total exactly as shown (else a table says why not)."""
    return sum((round_half_up(p) for p in parts), Decimal(0)) == round_half_up(total)


ExcelKind = Literal["int", "points", "share", "change", "share_change"]


def excel_value(kind: ExcelKind, value: SupportsFloat | Fraction) -> float | int:
    """The value a workbook cell holds: already rounded as its text is, so Excel shows the same figure."""
    if kind == "int":
        return int(value)  # type: ignore[arg-type]
    if kind in ("share", "share_change"):
        return float(round_half_up(exact(float(value)) * 100, PERCENT_PLACES) / 100)
    return float(round_half_up(exact(float(value)), POINT_PLACES))


def excel_format(kind: ExcelKind, value: SupportsFloat | Fraction) -> str:
    """An Excel number format that shows `value` exactly as `points`, `percent` or `signed` write it."""
    if kind == "int":
        return "0"
    v = exact(float(value))
    if kind in ("share", "share_change"):
        decimals = _decimals(percent(v))
        body = "0" + ("." + "0" * decimals if decimals else "") + "%"
    else:
        decimals = _decimals(points(v))
        body = "0" + ("." + "0" * decimals if decimals else "")
    if kind in ("change", "share_change"):
        return f'+{body};"{MINUS}"{body};0'
    return body


def _decimals(text: str) -> int:
    digits = text.rstrip("%")
    return len(digits.partition(".")[2])
