"""The calamine layer evens out value types: one shape per kind of value, whatever wrote the file."""

from __future__ import annotations

import datetime as dt

from evaluator.forms.cells import Grid, Raw, even


def test_empty_is_none_and_numbers_and_dates_have_one_shape():
    assert [even(v) for v in ("", "  ", "\u3000\u200b", None)] == [None] * 4
    assert even(2.0) == 2 and type(even(2.0)) is int and even(2.5) == 2.5 and even(True) is True
    assert even(dt.datetime(2024, 5, 1)) == dt.date(2024, 5, 1) and type(even(dt.datetime(2024, 5, 1))) is dt.date
    assert even(dt.datetime(2024, 5, 1, 9, 30)) == dt.datetime(2024, 5, 1, 9, 30)
    assert even(" 太极队\u200b ") == "太极队"


def test_a_merged_range_shows_its_value_in_every_cell():
    grid = Grid([["", "x", ""], ["", "", ""]], merged=[((0, 1), (1, 2))], marks={})
    assert [grid.get(ref).value for ref in ("B1", "C1", "B2", "C2", "A1", "A2", "Z99")] == ["x"] * 4 + [None] * 3


def test_a_tall_merged_range_is_searched_not_indexed():
    grid = Grid([["v"]], merged=[((0, 0), (99_999, 0))], marks={})
    assert grid.get("A99999").value == "v" and grid.get("B99999").value is None


def test_marked_cells_are_not_empty():
    grid = Grid([], merged=[], marks={"C7": "formula"})
    assert grid.get("C7") == Raw(None, "formula") and not grid.get("C7").empty and grid.get("C8").empty
    assert grid.filled(7, [2]) and not grid.filled(8, [2])
