"""One rounding and one way of writing numbers: exact values, half-up once, the same text everywhere."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluator.numbers import (
    adds_up,
    direction,
    exact,
    exact_text,
    excel_format,
    excel_value,
    number,
    percent,
    points,
    published,
    round_half_up,
    signed,
    telling,
)


def test_half_up_on_the_exact_value_not_on_binary_noise():
    # binary floats: 1.125 rounds to 1.12 with round(), 2.675 to 2.67, 84.995 to 84.99
    assert [str(round_half_up(x)) for x in (1.125, 2.675, 84.995, 0.125, 1.005)] == ["1.13", "2.68", "85.00", "0.13", "1.01"]
    assert str(round_half_up(-1.125)) == "-1.13" and str(round_half_up("84.994999")) == "84.99"
    assert published(84.995) == 85.0 and points(84.995) == "85"


def test_a_float_enters_through_its_decimal_text():
    assert exact(0.1) == Fraction(1, 10) and exact(0.1) + exact(0.2) == exact(0.3)
    assert exact("9/8") == Fraction(9, 8) and exact_text(1.125) == "9/8" and exact_text(3.0) == "3"
    with pytest.raises(TypeError):
        exact(True)


@given(st.decimals(min_value=-10**6, max_value=10**6, places=6, allow_nan=False, allow_infinity=False),
       st.integers(0, 4))
def test_round_half_up_is_decimal_half_up_on_the_written_value(value, places):
    assert round_half_up(str(value), places) == value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def test_the_same_figure_reads_the_same_everywhere():
    assert [points(x) for x in (85, 84.99, 1.5, 0.004, -0.004)] == ["85", "84.99", "1.5", "0", "0"]
    assert [percent(x) for x in (0.871, 1, 0.25, 0.94999)] == ["87.1%", "100%", "25%", "95%"]
    assert [signed(x) for x in (1.25, -0.5, 0.004, 0)] == ["+1.25", "\u22120.5", "0", "0"]   # never ±0 or 0.0
    assert [direction(x) for x in (1.25, -0.5, 0.004)] == ["up", "down", "same"]
    assert [number(x) for x in (12000, 123456.789, 3.5, 9999.5)] == ["12,000", "123,456.79", "3.5", "9999.5"]


def test_a_comparison_is_written_with_the_decimals_that_tell_its_sides_apart():
    assert telling(94.97, 95, 1) == 2 and telling(87.1, 80, 1) == 1 and telling(95, 95, 1) == 1


def test_parts_that_do_not_add_up_as_shown_are_noticed():
    assert adds_up([1.125, 1.125], 2.25) is False      # 1.13 + 1.13 = 2.26, not 2.25
    assert adds_up([1.5, 2.25], 3.75) is True


@given(st.floats(0, 1), st.sampled_from(["share", "share_change"]))
def test_a_workbook_shows_a_share_exactly_as_the_text_does(share, kind):
    value, fmt = excel_value(kind, share), excel_format(kind, share)
    decimals = len(percent(share).rstrip("%").partition(".")[2])
    assert fmt.count("0") - 1 == decimals or kind == "share_change"
    assert percent(value) == percent(share)


@given(st.floats(0, 100))
def test_a_workbook_shows_points_exactly_as_the_text_does(value):
    cell, fmt = excel_value("points", value), excel_format("points", value)
    assert points(cell) == points(value)
    assert fmt == "0" + ("." + "0" * len(points(value).partition(".")[2]) if "." in points(value) else "")


@pytest.mark.parametrize(("value", "text", "share"), [
    (120000.0, "120000", "12000000%"), (0.125, "0.125", "12.5%"), (0.85, "0.85", "85%"), (1e-07, "1e-07", "1e-05%"),
    (-3.0, "-3", "-300%"), (0.1 + 0.2, "0.3", "30%"), (1 / 3, "0.333333333333333", "33.3333333333%")])
def test_a_typed_value_is_echoed_as_the_spreadsheet_shows_it(value, text, share):
    """What a person typed comes back in a message unrounded and ungrouped (number() would write 120,000)."""
    from evaluator.numbers import number, typed, typed_percent

    assert typed(value) == text and typed_percent(value) == share
    assert number(120000) == "120,000" != typed(120000.0)
