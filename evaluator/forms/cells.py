"""Cell values as calamine reads them, evened out so the converters see one shape per kind of value.

Empty is always None (never '' or blanks), whole numbers are int (calamine gives 2.0 for 2), a
datetime at midnight is a date, a cell inside a merged range shows the range's value, and a cell
calamine reads as blank but that holds a formula without a saved result or an error value carries a
`mark` saying so.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
from collections.abc import Sequence
from typing import NamedTuple

import python_calamine as calamine
from openpyxl.utils import column_index_from_string

from evaluator.forms.archive import FileProblem, Package

RawValue = None | bool | int | float | str | dt.date | dt.datetime | dt.time | dt.timedelta
_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
_TALL_MERGE = 50  # rows; taller merged ranges (unusual, possibly hostile) are searched, not indexed by row


class Raw(NamedTuple):  # a tuple: one is made for every cell read, and a frozen dataclass costs 3 times as much
    value: RawValue = None
    mark: str | None = None  # "formula" (no saved result) or an error value such as "#DIV/0!"

    @property
    def empty(self) -> bool:
        return self.value is None and self.mark is None


def even(value: RawValue) -> RawValue:
    if isinstance(value, str):
        value = value.strip().strip(_INVISIBLE).strip()
        return value or None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    return value


@functools.lru_cache(maxsize=8192)
def position(ref: str) -> tuple[int, int]:
    """0-based (row, column) of an A1 reference (the same few thousand references are asked of every form)."""
    match = _REF.match(ref)
    if match is None:
        raise ValueError(ref)
    return int(match[2]) - 1, column_index_from_string(match[1]) - 1


class Grid:
    """One sheet's values, addressed by A1 references."""

    def __init__(self, rows: Sequence[Sequence[RawValue]], merged: list[tuple[tuple[int, int], tuple[int, int]]],
                 marks: dict[str, str]):
        self.rows, self.marks = rows, marks
        self._marked_rows = {position(ref)[0] + 1 for ref in marks}
        self._merged = merged
        self._index: tuple[dict[int, list], list] | None = None  # built when an empty cell is first asked for

    def _merges(self) -> tuple[dict[int, list], list]:
        """Merged ranges by row (each row of a range up to _TALL_MERGE), and the taller ranges."""
        if self._index is None:
            by_row: dict[int, list] = {}
            for merge in self._merged:
                (r0, _), (r1, _) = merge
                for r in range(r0, min(r1, r0 + _TALL_MERGE) + 1):
                    by_row.setdefault(r, []).append(merge)
            self._index = by_row, [m for m in self._merged if m[1][0] - m[0][0] > _TALL_MERGE]
        return self._index

    def get(self, ref: str) -> Raw:
        row, col = position(ref)
        value = self._at(row, col)
        if value is None:
            by_row, tall = self._merges()
            merges = by_row.get(row, []) + tall
            anchor = next(((r0, c0) for (r0, c0), (r1, c1) in merges if r0 <= row <= r1 and c0 <= col <= c1), None)
            if anchor is not None:
                value = self._at(*anchor)
        return Raw(value, self.marks.get(ref))

    def filled(self, row: int, columns: list[int]) -> bool:
        """Whether any of these 0-based columns of a 1-based row holds something (fast path for tables)."""
        values = self.rows[row - 1] if 0 < row <= len(self.rows) else []
        return row in self._marked_rows or any(
            c < len(values) and values[c] != "" and even(values[c]) is not None for c in columns)

    def last_row(self) -> int:
        """1-based number of the last row holding anything."""
        return len(self.rows)

    def row_values(self, row: int) -> list[RawValue]:
        """Evened values of a 1-based row."""
        return [even(v) for v in self.rows[row - 1]] if 0 < row <= len(self.rows) else []

    def _at(self, row: int, col: int) -> RawValue:
        if row < len(self.rows) and col < len(self.rows[row]):
            return even(self.rows[row][col])
        return None


class Book:
    """The workbook's sheets, loaded lazily; sheet visibility is what the file says. Whatever calamine
    raises (its errors, and a Rust panic, which arrives as a BaseException) is the file's problem."""

    def __init__(self, package: Package):
        try:
            self._wb = calamine.CalamineWorkbook.from_filelike(io.BytesIO(package.data))
            self.names: list[str] = list(self._wb.sheet_names)
        except BaseException as exc:  # noqa: BLE001 — see _calamine_failed
            raise _calamine_failed(exc, None) from None
        self._marks = package.marks
        self._grids: dict[str, Grid] = {}

    def grid(self, name: str) -> Grid:
        if name not in self._grids:
            try:
                sheet = self._wb.get_sheet_by_name(name)
                rows = sheet.to_python(skip_empty_area=False)
                merged = sheet.merged_cell_ranges or []
            except BaseException as exc:  # noqa: BLE001 — see _calamine_failed
                raise _calamine_failed(exc, name) from None
            self._grids[name] = Grid(rows, merged, self._marks.get(name, {}))
        return self._grids[name]


def _calamine_failed(exc: BaseException, sheet: str | None) -> FileProblem:
    """F003 for anything calamine raises, located at the sheet; interruptions pass through."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return FileProblem("F003", sheet=sheet, detail=f"{sheet}: {text}" if sheet else text)
