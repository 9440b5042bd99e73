"""One sheet per domain: each indicator as a block of rows (what to check, evidence, ratings with their
anchors, a note), drawn from the `Line`s the layout planned, so the cells match the `_meta` map."""

from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from evaluator.i18n import pt, t
from evaluator.problems import list_separator
from evaluator.messages import METHODS
from evaluator.numbers import number
from evaluator.forms import styles, texts
from evaluator.forms.layout import NOTE_FIELD, DomainSheet, Layout, Line
from evaluator.forms.validation import NUMBER_FORMATS, Validations, hint

LABEL_WIDTH, RATER_WIDTH, HELP_WIDTH = 34, 11, 42


class _Sheet:
    """Column geometry of a domain sheet: A number, B label, C… one per rater, then the notes column."""

    def __init__(self, ws: Worksheet, layout: Layout):
        self.ws, self.layout = ws, layout
        self.last_input = get_column_letter(layout.help_column - 1)
        self.help = get_column_letter(layout.help_column)
        self.input_width = RATER_WIDTH * len(layout.raters)
        self.full_width = LABEL_WIDTH + self.input_width + HELP_WIDTH

    def banner(self, row: int, first: str, value: str, font=styles.BODY, fill=None) -> None:
        """Text across the sheet from `first` to the notes column, tall enough to show it all."""
        styles.put(self.ws, f"{first}{row}", value, font, fill)
        styles.merge(self.ws, f"{first}{row}", f"{self.help}{row}")
        styles.fit_row(self.ws, row, [(value, self.full_width if first == "B" else self.full_width + 7)])


def draw_domain_sheet(ws: Worksheet, sheet: DomainSheet, layout: Layout, validations: Validations) -> None:
    lang, domain = layout.lang, sheet.domain
    s = _Sheet(ws, layout)
    styles.set_widths(ws, {"A": 7, "B": LABEL_WIDTH, s.help: HELP_WIDTH}
                      | {get_column_letter(3 + i): RATER_WIDTH for i in range(len(layout.raters))})
    s.banner(1, "A", f"{domain.id} " + texts.DOMAIN_POINTS(lang).format(name=domain.name(lang), points=number(domain.points, None)),
             styles.TITLE)
    s.banner(2, "A", domain.description(lang), styles.SMALL)
    head = texts.DOMAIN_HEAD
    for ref, text in (("A3", head[0]), ("B3", head[1]), ("C3", head[2]), (f"{s.help}3", head[3])):
        styles.put(ws, ref, text(lang), styles.BOLD, styles.HEAD_FILL, styles.CENTER)
    styles.merge(ws, "C3", f"{s.last_input}3")
    for line in sheet.lines:
        _DRAW[line.kind](s, line, validations)
    ws.freeze_panes = "A4"
    styles.print_setup(ws, "1:3", landscape=True)
    styles.protect(ws)


def _indicator(s: _Sheet, line: Line, _: Validations) -> None:
    lang, ind = s.layout.lang, line.indicator
    styles.put(s.ws, f"A{line.row}", ind.id, styles.BOLD, styles.INDICATOR_FILL)
    title = texts.INDICATOR_HEAD(lang).format(id=ind.id, name=ind.name(lang), points=number(ind.points, None),
                                             rule=texts.RULE_NAMES[ind.rule.kind](lang))
    s.banner(line.row, "B", title, styles.HEADING, styles.INDICATOR_FILL)


def _look_at(s: _Sheet, line: Line, _: Validations) -> None:
    lang, guidance = s.layout.lang, line.indicator.guidance
    methods = list_separator(lang).join(t(lang, METHODS[m]) for m in guidance.methods)
    styles.put(s.ws, f"A{line.row}", texts.LOOK_AT(lang), styles.SMALL)
    s.banner(line.row, "B", guidance.look_at(lang) + "\n" + texts.METHODS(lang).format(methods=methods))


def _evidence(s: _Sheet, line: Line, validations: Validations) -> None:
    ws, lang, field, row = s.ws, s.layout.lang, line.field, line.row
    label = field.label(lang) + (pt(lang, "unit after a label", " ({unit})", unit=field.unit(lang)) if field.unit else "")
    styles.put(ws, f"A{row}", None)
    styles.put(ws, f"B{row}", label, styles.BOLD if field.required else styles.BODY)
    styles.make_input(ws[f"C{row}"], NUMBER_FORMATS.get(field.type))
    for column in range(4, s.layout.help_column):
        styles.make_input(ws.cell(row, column))
    styles.merge(ws, f"C{row}", f"{s.last_input}{row}")
    help_text = hint(field, lang)
    styles.put(ws, f"{s.help}{row}", help_text, styles.SMALL)
    validations.field(f"C{row}", field)
    styles.fit_row(ws, row, [(label, LABEL_WIDTH), (help_text, HELP_WIDTH)])


def _raters(s: _Sheet, line: Line, _: Validations) -> None:
    ws, lang, row = s.ws, s.layout.lang, line.row
    styles.put(ws, f"A{row}", None)
    styles.put(ws, f"B{row}", texts.RATING_ROW(lang), styles.BOLD)
    styles.merge(ws, f"B{row}", f"B{row + 1}")
    for rater in s.layout.raters:
        asked = rater.id in line.indicator.raters
        styles.put(ws, f"{s.layout.rater_column(rater.id)}{row}", rater.label(lang), styles.BOLD if asked else styles.SMALL,
                   styles.HEAD_FILL if asked else styles.MUTED_FILL, styles.CENTER)
    styles.put(ws, f"{s.help}{row}", texts.VALIDATION_LIST(lang), styles.SMALL)
    styles.merge(ws, f"{s.help}{row}", f"{s.help}{row + 1}")
    styles.fit_row(ws, row, [(r.label(lang), RATER_WIDTH) for r in s.layout.raters])


def _rating(s: _Sheet, line: Line, validations: Validations) -> None:
    ws, row = s.ws, line.row
    styles.put(ws, f"A{row}", None)
    for rater in s.layout.raters:
        ref = f"{s.layout.rater_column(rater.id)}{row}"
        if rater.id in line.indicator.raters:
            styles.make_input(ws[ref])
            ws[ref].alignment = styles.CENTER
            validations.dropdown(ref, f"rating:{line.indicator.id}")
        else:
            styles.put(ws, ref, texts.RATING_NOT_ASKED, styles.SMALL, styles.MUTED_FILL, styles.CENTER)
    ws.row_dimensions[row].height = 30


def _anchor(s: _Sheet, line: Line, _: Validations) -> None:
    lang = s.layout.lang
    styles.put(s.ws, f"A{line.row}", texts.LEVEL(lang).format(level=line.level), styles.BOLD, align=styles.CENTER)
    s.banner(line.row, "B", line.indicator.rule.levels[line.level](lang))


def _computed(s: _Sheet, line: Line, _: Validations) -> None:
    key = "roster" if line.indicator.rule.kind == "roster" else "other"
    styles.put(s.ws, f"A{line.row}", None)
    s.banner(line.row, "B", texts.COMPUTED[key](s.layout.lang), styles.SMALL)


def _note(s: _Sheet, line: Line, validations: Validations) -> None:
    ws, lang, row = s.ws, s.layout.lang, line.row
    styles.put(ws, f"A{row}", None)
    styles.put(ws, f"B{row}", texts.NOTE_ROW(lang))
    for column in range(3, s.layout.help_column):
        styles.make_input(ws.cell(row, column), NUMBER_FORMATS["text"])
    styles.merge(ws, f"C{row}", f"{s.last_input}{row}")
    styles.put(ws, f"{s.help}{row}", texts.NOTE_HELP(lang), styles.SMALL)
    validations.field(f"C{row}", NOTE_FIELD)
    ws.row_dimensions[row].height = 44


def _gap(s: _Sheet, line: Line, _: Validations) -> None:
    s.ws.row_dimensions[line.row].height = 8


_DRAW = {"indicator": _indicator, "look_at": _look_at, "evidence": _evidence, "raters": _raters, "rating": _rating,
         "anchor": _anchor, "computed": _computed, "note": _note, "gap": _gap}
