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

from evaluator.forms.archive import FileProblem, KeptByBytes, Package

RawValue = None | bool | int | float | str | dt.date | dt.datetime | dt.time | dt.timedelta
_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
Merge = tuple[tuple[int, int], tuple[int, int]]  # 0-based (row, column) of the first and the last cell
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

    def __init__(self, rows: Sequence[Sequence[RawValue]], merged: list[Merge], marks: dict[str, str]):
        self.rows, self.marks = rows, marks
        self._marked_rows = {position(ref)[0] + 1 for ref in marks}
        self._merged = merged
        self._index: tuple[dict[int, list[Merge]], list[Merge]] | None = None  # when an empty cell is first asked for

    def _merges(self) -> tuple[dict[int, list[Merge]], list[Merge]]:
        if self._index is None:
            merged = tuple(self._merged)
            self._index = _merge_index(merged) if len(merged) <= 4096 else _merge_index.__wrapped__(merged)
        return self._index

    def get(self, ref: str) -> Raw:
        row, col = position(ref)
        value = self._at(row, col)
        if value is None:
            anchor = self._anchor(row, col)
            if anchor is not None:
                value = self._at(*anchor)
        return Raw(value, self.marks.get(ref))

    def _anchor(self, row: int, col: int) -> tuple[int, int] | None:
        """The top-left cell of the merged range holding this cell, if any."""
        by_row, tall = self._merges()
        for merges in (by_row.get(row, ()), tall):
            for (r0, c0), (r1, c1) in merges:
                if r0 <= row <= r1 and c0 <= col <= c1:
                    return r0, c0
        return None

    def filled(self, row: int, columns: list[int]) -> bool:
        """Whether any of these 0-based columns of a 1-based row holds something (fast path for tables)."""
        if row in self._marked_rows:
            return True
        values = self.rows[row - 1] if 0 < row <= len(self.rows) else ()
        width = len(values)
        if values.count("") == width:  # calamine gives '' for every empty cell: most rows of a table area
            return False
        for c in columns:
            if c < width:
                value = values[c]
                if value != "" and even(value) is not None:
                    return True
        return False

    def last_row(self) -> int:
        """1-based number of the last row holding anything."""
        return len(self.rows)

    def row_values(self, row: int) -> list[RawValue]:
        """Evened values of a 1-based row."""
        return [even(v) for v in self.rows[row - 1]] if 0 < row <= len(self.rows) else []

    def _at(self, row: int, col: int) -> RawValue:
        """The evened value at 0-based (row, col); None outside the sheet and for an empty cell ('')."""
        if 0 <= row < len(self.rows):
            values = self.rows[row]
            if 0 <= col < len(values):
                value = values[col]
                return None if value == "" else even(value)
        return None


@functools.lru_cache(maxsize=64)
def _merge_index(merged: tuple[Merge, ...]) -> tuple[dict[int, list[Merge]], list[Merge]]:
    """Merged ranges by row (each row of a range up to _TALL_MERGE), and the taller ranges. Kept by the
    ranges themselves: every form of a template has the same ones (the index is shared, so never changed)."""
    by_row: dict[int, list[Merge]] = {}
    for merge in merged:
        (r0, _), (r1, _) = merge
        for r in range(r0, min(r1, r0 + _TALL_MERGE) + 1):
            by_row.setdefault(r, []).append(merge)
    return by_row, [m for m in merged if m[1][0] - m[0][0] > _TALL_MERGE]


class Book:
    """The workbook's sheets, loaded lazily; sheet visibility is what the file says. Whatever calamine
    raises (its errors, and a Rust panic, which arrives as a BaseException) is the file's problem."""

    def __init__(self, package: Package):
        try:
            self._wb = calamine.CalamineWorkbook.from_filelike(io.BytesIO(package.data))
            self.names: list[str] = list(self._wb.sheet_names)
        except BaseException as exc:  # noqa: BLE001 — see _calamine_failed
            raise _calamine_failed(exc, None) from None
        self._marks, self._repeated = package.marks, package.repeated
        self._grids: dict[str, Grid] = {}

    def grid(self, name: str) -> Grid:
        grid = self._grids.get(name)
        if grid is None:
            grid = self._grids[name] = Grid(*self._read_once(name), self._marks.get(name, {}))
        return grid

    def _read_once(self, name: str) -> _Read:
        """What calamine reads of the sheet; of a sheet seen before, with the same parts around it, what it read then."""
        repeated = self._repeated.get(name)
        if repeated is None:
            return self._read(name)
        kept = _read_before.get(repeated.crc, repeated.xml)
        if kept is not None and kept[0] == repeated.context:
            return kept[1]
        read = self._read(name)
        _read_before.keep(repeated.crc, repeated.xml, (repeated.context, read))
        return read

    def _read(self, name: str) -> _Read:
        try:
            sheet = self._wb.get_sheet_by_name(name)
            return sheet.to_python(skip_empty_area=False), sheet.merged_cell_ranges or []
        except BaseException as exc:  # noqa: BLE001 — see _calamine_failed
            raise _calamine_failed(exc, name) from None


# what calamine read from sheets whose exact bytes come again and again, with the same workbook, styles and
# shared strings (`_meta` in every form made from one template and not saved since): read once per process.
# The rows are shared, so a Grid never changes them.
_Read = tuple[Sequence[Sequence[RawValue]], list[Merge]]
_read_before: KeptByBytes[tuple[tuple[tuple[str, bytes], ...], _Read]] = KeptByBytes(size=8)


def _calamine_failed(exc: BaseException, sheet: str | None) -> FileProblem:
    """F003 for anything calamine raises, located at the sheet; interruptions pass through."""
    if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise exc
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return FileProblem("F003", sheet=sheet, detail=f"{sheet}: {text}" if sheet else text)
