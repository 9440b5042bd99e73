"""Tables in openpyxl sheets the way funders use them: frozen header, autofilter, numbers as numbers
with number formats, and text that can never act as a formula (`evaluator.sheet_text`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.i18n import Lang
from evaluator.numbers import excel_format, excel_value
from evaluator.report.phrasing import ts
from evaluator.rubric.bilingual import Text
from evaluator.sheet_text import cell_at, put_text
from evaluator.text_table import width

Kind = Literal["text", "int", "points", "share", "change", "share_change"]
HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Column:
    """A column: its header (an English msgid, `N_`-marked where written, with `params` filled in; a
    `Text` parameter, such as a domain's name, is put in the header's language) and its kind of value."""

    title: str
    kind: Kind = "text"
    params: tuple[tuple[str, str | Text], ...] = ()

    def header(self, lang: Lang) -> str:
        return ts(lang, self.title, **{k: v(lang) if isinstance(v, Text) else v for k, v in self.params})


def put(cell: Cell, value: object, kind: Kind) -> None:
    if value is None:
        return
    if kind == "text" or isinstance(value, str):
        put_text(cell, str(value))
        return
    # the value as its text reads (points half-up to 2 decimals, shares to 0.1%), in a format that shows
    # it exactly as evaluator.numbers writes it: 85, 84.99, 87.1%, +1.25
    cell.value = excel_value(kind, value)  # type: ignore[arg-type]
    cell.number_format = excel_format(kind, value)  # type: ignore[arg-type]


def write_table(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[object]], lang: Lang,
                frozen_columns: int = 0) -> None:
    """Header in row 1, one row per item; header frozen (with the first `frozen_columns` columns)."""
    for c, column in enumerate(columns, start=1):
        cell = cell_at(ws, f"{get_column_letter(c)}1")
        put_text(cell, column.header(lang))
        cell.font, cell.fill = HEADER_FONT, HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = 32  # room for a header wrapped on two lines
    for r, row in enumerate(rows, start=2):
        for c, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            put(cell_at(ws, f"{get_column_letter(c)}{r}"), value, column.kind)
    ws.freeze_panes = f"{get_column_letter(frozen_columns + 1)}2"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A1:{last}{max(len(rows) + 1, 2)}"
    _widths(ws, columns, rows, lang)


def _widths(ws: Worksheet, columns: Sequence[Column], rows: Sequence[Sequence[object]], lang: Lang) -> None:
    for c, column in enumerate(columns):
        texts = [str(row[c]) for row in rows[:500] if isinstance(row[c], str)]
        wide = max([width(column.header(lang)) // 2 + 2, 8] + [width(text) + 2 for text in texts])
        ws.column_dimensions[get_column_letter(c + 1)].width = min(wide, 48)
