"""The blank evaluation form, generated from a rubric: cover, guide, one sheet per domain, roster,
feedback, and the very hidden `_lists` (dropdown sources) and `_meta` (the map the reader trusts)."""

from __future__ import annotations

from collections.abc import Mapping

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.protection import WorkbookProtection
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.forms import phrases, styles
from evaluator.forms.domain_sheet import draw_domain_sheet
from evaluator.forms.layout import TEMPLATE_VERSION, Layout, Table, plan
from evaluator.forms.meta import FormMeta, meta_rows
from evaluator.forms.validation import NUMBER_FORMATS, Validations, hint
from evaluator.messages import Lang
from evaluator.rubric.bilingual import Text
from evaluator.rubric.models import Rubric
from evaluator.sheet_text import active_sheet, put_value

TABLE_WIDTHS = {"text": 20, "choice": 16, "date": 13, "boolean": 11, "integer": 11, "number": 12, "percent": 11}


def build_template(rubric: Rubric, sha256: str, lang: Lang) -> tuple[Workbook, Layout]:
    layout = plan(rubric, lang)
    wb = Workbook()
    validations = Validations(layout)
    _cover(active_sheet(wb), rubric, layout, validations)
    _guide(wb.create_sheet(layout.guide), rubric, lang)
    for sheet in layout.domains:
        ws = wb.create_sheet(sheet.name)
        draw_domain_sheet(ws, sheet, layout, validations)
        validations.apply(ws)
    roster_widths = {"A": 6} | {c.letter: TABLE_WIDTHS[c.field.type] for c in layout.roster.columns}
    roster = wb.create_sheet(layout.roster.name)
    _table(roster, layout.roster, phrases.ROSTER_TITLE, phrases.ROSTER_NOTE, layout, validations, roster_widths)
    # 25 columns on one A4 width print at about 4 pt: two pages wide, the row number and name repeated on each
    roster.page_setup.fitToWidth = 2
    roster.print_title_cols = "A:B"
    _table(wb.create_sheet(layout.feedback.name), layout.feedback, phrases.FEEDBACK_TITLE, phrases.FEEDBACK_NOTE, layout,
           validations, {"A": 6, "B": 28, "C": 50, "D": 50}, dropdowns={"indicator": "indicator"}, row_height=44)
    for ws in wb.worksheets:   # what is printed: the sheet's content, never the empty grid around it
        ws.print_area = ws.dimensions
    _hidden(wb.create_sheet(phrases.LISTS_SHEET), [list(col) for col in layout.lists.values()], transpose=True)
    meta = FormMeta(template_version=TEMPLATE_VERSION, rubric_id=rubric.id, rubric_version=rubric.version,
                    rubric_sha256=sha256, lang=lang, slots=layout.slots)
    _hidden(wb.create_sheet(phrases.META_SHEET), meta_rows(meta))
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.title = f"{phrases.TITLE(lang)} · {rubric.title(lang)}"
    wb.properties.creator = "evaluator"
    return wb, layout


def _cover(ws: Worksheet, rubric: Rubric, layout: Layout, validations: Validations) -> None:
    lang = layout.lang
    ws.title = layout.cover
    styles.set_widths(ws, {"A": 24, "B": 38, "C": 46})
    styles.put(ws, "A1", phrases.TITLE(lang), styles.TITLE, border=False)
    rubric_line = phrases.RUBRIC_LINE(lang).format(title=rubric.title(lang), id=rubric.id, version=rubric.version)
    styles.put(ws, "A2", rubric_line, styles.SMALL, border=False)
    styles.merge(ws, "A1", "C1")
    styles.merge(ws, "A2", "C2")
    styles.fit_row(ws, 1, [], 26)
    styles.fit_row(ws, 2, [(rubric_line, 108)])
    for column, text in zip("ABC", phrases.COVER_HEAD, strict=True):
        styles.put(ws, f"{column}3", text(lang), styles.BOLD, styles.HEAD_FILL, styles.CENTER)
    for field, row in layout.cover_rows:
        styles.put(ws, f"A{row}", field.label(lang), styles.BOLD if field.required else styles.BODY)
        styles.make_input(ws[f"B{row}"], NUMBER_FORMATS.get(field.type))
        validations.field(f"B{row}", field)
        help_text = hint(field, lang)
        styles.put(ws, f"C{row}", help_text, styles.SMALL)
        styles.fit_row(ws, row, [(field.label(lang), 24), (help_text, 46)], 22)
        if field.id == "assessment":   # a paragraph, written on the form: room for several lines
            ws.row_dimensions[row].height = 120
    validations.apply(ws)
    ws.freeze_panes = "A4"
    styles.print_setup(ws, "1:3")
    styles.protect(ws)


def _guide(ws: Worksheet, rubric: Rubric, lang: Lang) -> None:
    styles.set_widths(ws, {"A": 5, "B": 100})
    styles.put(ws, "A1", phrases.GUIDE_TITLE(lang), styles.TITLE, border=False)
    styles.merge(ws, "A1", "B1")
    styles.fit_row(ws, 1, [], 26)
    for i, paragraph in enumerate(phrases.GUIDE, start=1):
        text = paragraph(lang).format(title=rubric.title(lang), version=rubric.version)
        styles.put(ws, f"A{i + 2}", i, styles.BOLD, align=styles.CENTER, border=False)
        styles.put(ws, f"B{i + 2}", text, border=False)
        styles.fit_row(ws, i + 2, [(text, 100)], 20)
    styles.print_setup(ws, "1:1")
    styles.protect(ws)


def _table(ws: Worksheet, table: Table, title: Text, note: Text, layout: Layout, validations: Validations,
           widths: Mapping[str, float], dropdowns: dict[str, str] | None = None, row_height: float = 18) -> None:
    """A sheet of repeated rows: title, note, column labels, format hints, then numbered input rows."""
    lang, last = layout.lang, table.columns[-1].letter
    for row, text, font in ((1, title(lang), styles.TITLE), (2, note(lang), styles.SMALL)):
        styles.put(ws, f"A{row}", text, font, border=False)
        styles.merge(ws, f"A{row}", f"{last}{row}")
    styles.fit_row(ws, 1, [], 26)
    styles.fit_row(ws, 2, [(note(lang), sum(widths.values()))])
    styles.set_widths(ws, widths)
    styles.put(ws, "A3", phrases.ROW_NUMBER(lang), styles.BOLD, styles.HEAD_FILL, styles.CENTER)
    for column in table.columns:
        field = column.field
        styles.put(ws, f"{column.letter}3", field.label(lang), styles.BOLD, styles.HEAD_FILL, styles.CENTER)
        if table.hint_row:
            styles.put(ws, f"{column.letter}{table.hint_row}", hint(field, lang, with_help=False), styles.SMALL,
                       styles.HEAD_FILL)
        ref = f"{column.letter}{table.first_row}:{column.letter}{table.last_row}"
        validations.field(ref, field, (dropdowns or {}).get(column.id))
    for row in range(table.first_row, table.last_row + 1):
        styles.put(ws, f"A{row}", row - table.first_row + 1, styles.SMALL, align=styles.CENTER)
        for column in table.columns:
            styles.make_input(ws[f"{column.letter}{row}"], NUMBER_FORMATS.get(column.field.type))
        ws.row_dimensions[row].height = row_height
    for row in range(3, table.first_row):
        styles.fit_row(ws, row, [(ws[f"{c.letter}{row}"].value or "", widths[c.letter]) for c in table.columns])
    validations.apply(ws)
    ws.freeze_panes = f"C{table.first_row}"
    styles.print_setup(ws, f"1:{table.first_row - 1}", landscape=True)
    styles.protect(ws)


def _hidden(ws: Worksheet, rows: list[list[str]], transpose: bool = False) -> None:
    """Machine-read content, out of sight: very hidden (not even listed by Unhide) and locked."""
    for i, values in enumerate(rows, start=1):
        for j, value in enumerate(values, start=1):
            row, column = (j, i) if transpose else (i, j)
            cell = styles.cell_at(ws, f"{get_column_letter(column)}{row}")
            put_value(cell, value)
            cell.number_format = "@"
    for j in range(1, (max(map(len, rows), default=0) if not transpose else len(rows)) + 1):
        ws.column_dimensions[get_column_letter(j)].width = 24
    ws.sheet_state = "veryHidden"
    styles.protect(ws)
