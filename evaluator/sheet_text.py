"""Text into spreadsheet cells, never as a formula: the one way text enters a cell we write.

Text from rubrics (labels, choices, the hidden lists behind the dropdowns) and from forms (project,
organization and round names) may start with = + - @ or a tab: openpyxl would store "=…" as a formula,
which Excel evaluates when the file is opened. Every text cell is written as a string (data_type 's',
never 'f' or an error value), and a risky one also gets the quote prefix, so Excel shows it and does
not evaluate it even after the user edits the cell.
"""

from __future__ import annotations

import datetime as dt

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.worksheet.worksheet import Worksheet

# what we write into a cell: text, numbers, dates, booleans, or nothing
CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | None

RISKY = ("=", "+", "-", "@", "\t", "\r", "\n")


def active_sheet(wb: Workbook) -> Worksheet:
    """A new workbook's one worksheet (openpyxl types `active` loosely: it may be a chart sheet, or none)."""
    ws = wb.active
    if not isinstance(ws, Worksheet):
        raise TypeError("the workbook has no active worksheet")
    return ws


def cell_at(ws: Worksheet, ref: str) -> Cell:
    """The cell at `ref`, one we write: a merge's top-left cell, never a cell a merge covers."""
    cell = ws[ref]
    if not isinstance(cell, Cell):
        raise TypeError(f"{ws.title}!{ref} is covered by a merged range")
    return cell


def put_text(cell: Cell, text: str) -> None:
    """A string cell, whatever the text looks like: never a formula, never an error value."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    cell.value = text
    cell.data_type = "s"
    if text.startswith(RISKY):
        cell.quotePrefix = True


def put_value(cell: Cell, value: CellValue) -> None:
    """Any value we write: text through `put_text`, numbers, dates and booleans as they are."""
    if isinstance(value, str):
        put_text(cell, value)
    else:
        cell.value = value
