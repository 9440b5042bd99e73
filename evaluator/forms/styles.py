"""How the form looks: input cells yellow and unlocked, everything else locked, text wrapped, rows tall
enough for the Chinese text they hold (spreadsheets do not grow rows for wrapped text they did not lay out)."""

from __future__ import annotations

import math
from collections.abc import Mapping

from openpyxl.cell import Cell, MergedCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.sheet_text import CellValue, cell_at, put_value
from evaluator.text_table import width

FONT = "等线"
BODY = Font(name=FONT, size=10)
BOLD = Font(name=FONT, size=10, bold=True)
TITLE = Font(name=FONT, size=14, bold=True)
HEADING = Font(name=FONT, size=11, bold=True, color="1F3864")
SMALL = Font(name=FONT, size=9, color="595959")

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
HEAD_FILL = PatternFill("solid", fgColor="D9E1F2")
INDICATOR_FILL = PatternFill("solid", fgColor="E2EFDA")
MUTED_FILL = PatternFill("solid", fgColor="EDEDED")

_THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
INPUT = Alignment(wrap_text=True, vertical="top", horizontal="left")
CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
UNLOCKED = Protection(locked=False)

LINE_HEIGHT = 14.5  # points per line of 10-point CJK text


def put(ws: Worksheet, ref: str, value: CellValue = None, font: Font = BODY, fill: PatternFill | None = None,
        align: Alignment = WRAP, border: bool = True) -> Cell:
    """Write one locked cell with the given look."""
    cell = cell_at(ws, ref)
    if value is not None:
        put_value(cell, value)
    cell.font, cell.alignment = font, align
    if fill is not None:
        cell.fill = fill
    if border:
        cell.border = GRID
    return cell


def make_input(cell: Cell | MergedCell, number_format: str | None = None) -> None:
    cell.fill, cell.protection, cell.border, cell.alignment, cell.font = INPUT_FILL, UNLOCKED, GRID, INPUT, BODY
    if number_format:
        cell.number_format = number_format


def merge(ws: Worksheet, first: str, last: str) -> None:
    if first != last:
        ws.merge_cells(f"{first}:{last}")


def lines(text: str, columns: float) -> int:
    """How many lines `text` wraps to in a cell `columns` wide (wide characters count double)."""
    usable = max(columns - 1.5, 1)
    return sum(max(1, math.ceil(width(part) / usable)) for part in str(text).split("\n"))


def fit_row(ws: Worksheet, row: int, texts: list[tuple[str, float]], minimum: float = 18) -> None:
    """Set a row's height so the tallest of its (text, column width) pairs shows in full."""
    needed = max((lines(t, w) for t, w in texts if t), default=1)
    ws.row_dimensions[row].height = max(minimum, needed * LINE_HEIGHT + 4)


def set_widths(ws: Worksheet, widths: Mapping[str, float]) -> None:
    for column, value in widths.items():
        ws.column_dimensions[column].width = value


def print_setup(ws: Worksheet, title_rows: str, landscape: bool = False) -> None:
    """A4, fit to one page wide, header rows repeated on every page, page numbers in the footer."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    if ws.sheet_properties.pageSetUpPr is None:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties()
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = title_rows
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    if ws.oddFooter is None:
        ws.oddFooter = HeaderFooterItem()
    ws.oddFooter.center.text = "&A  &P / &N"


def protect(ws: Worksheet) -> None:
    """Lock the sheet without a password; people may still resize rows and columns."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
