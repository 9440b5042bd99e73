"""Where everything goes on the form: sheets, rows, columns and the map from every answer to its cell.

The template is drawn from this plan and the plan's `slots` are written into `_meta`, so the reader
finds each answer by name, never by guessing at the layout. Slot keys:
`project:<field>`, `value:<field>`, `rating:<indicator>:<rater>`, `note:<indicator>`,
`roster:<column>` and `feedback:<column>` (the last two name a column range, e.g. `B5:B104`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from openpyxl.utils import get_column_letter

from evaluator.forms import phrases
from evaluator.forms.project import PROJECT_FIELDS
from evaluator.messages import Lang
from evaluator.rubric.bilingual import Text
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Domain, Indicator, Rater, Rubric
from evaluator.rubric.rules import RatingRule
from evaluator.text_table import width

TEMPLATE_VERSION = 1
# characters: the form's validation allows no more, and a longer answer (pasted past the validation)
# is refused when read, so every report stays fast (issue 10: a 100 000-character answer took minutes)
TEXT_LIMIT = 2000
ROSTER_ROWS = 100
FEEDBACK_ROWS = 60
COVER_FIRST_ROW = 4
DOMAIN_FIRST_ROW = 4
NOTE_FIELD = EvidenceField(id="note", label=phrases.NOTE_ROW, type="text")
# All text: the indicator column has a dropdown of indicators, and the reader matches it to an indicator id.
FEEDBACK_FIELDS = [EvidenceField(id=key, label=label, type="text") for key, label in phrases.FEEDBACK_COLUMNS.items()]
LineKind = Literal["indicator", "look_at", "evidence", "raters", "rating", "anchor", "computed", "note", "gap"]


@dataclass(frozen=True)
class Slot:
    sheet: str
    ref: str  # one cell ("C7") or a column range ("B5:B104")


@dataclass(frozen=True)
class Line:
    """One row of a domain sheet and what it shows."""

    kind: LineKind
    row: int
    indicator: Indicator
    field: EvidenceField | None = None
    level: int | None = None

    @property
    def evidence(self) -> EvidenceField:
        """The field an `evidence` line asks for."""
        if self.field is None:
            raise ValueError(f"row {self.row} ({self.kind}) asks for no evidence field")
        return self.field

    @property
    def anchor(self) -> Text:
        """What the level of an `anchor` line means."""
        rule = self.indicator.rule
        if self.level is None or not isinstance(rule, RatingRule):
            raise ValueError(f"row {self.row} ({self.kind}) explains no rating level")
        return rule.levels[self.level]


@dataclass(frozen=True)
class DomainSheet:
    name: str
    domain: Domain
    lines: list[Line]


@dataclass(frozen=True)
class Column:
    id: str
    letter: str
    field: EvidenceField


@dataclass(frozen=True)
class Table:
    """A sheet of repeated rows: the roster and the feedback sheet."""

    name: str
    columns: list[Column]
    first_row: int
    last_row: int

    @property
    def hint_row(self) -> int | None:
        """Row 4 holds format hints when the table starts at row 5 (the roster's typed columns)."""
        return 4 if self.first_row == 5 else None


@dataclass(frozen=True)
class Layout:
    lang: Lang
    cover: str
    cover_rows: list[tuple[EvidenceField, int]]
    guide: str
    raters: list[Rater]          # the rating columns of every domain sheet, from column C
    domains: list[DomainSheet]
    roster: Table
    feedback: Table
    lists: dict[str, list[str]]  # dropdown lists, written one per column on the lists sheet

    @property
    def help_column(self) -> int:
        return 3 + len(self.raters)

    def rater_column(self, rater_id: str) -> str:
        return get_column_letter(3 + [r.id for r in self.raters].index(rater_id))

    @cached_property
    def slots(self) -> dict[str, Slot]:
        return _slots(self)

    def list_ref(self, key: str) -> str:
        column = get_column_letter(list(self.lists).index(key) + 1)
        return f"{phrases.LISTS_SHEET}!${column}$1:${column}${len(self.lists[key])}"


def plan(rubric: Rubric, lang: Lang) -> Layout:
    raters = _rating_raters(rubric)
    domains = [_domain_sheet(d, lang) for d in rubric.domains]
    roster = _table(phrases.SHEETS["roster"](lang), rubric.ladder.roster_columns, 5, ROSTER_ROWS)
    feedback = _table(phrases.SHEETS["feedback"](lang), FEEDBACK_FIELDS, 4, FEEDBACK_ROWS)
    cover = phrases.SHEETS["cover"](lang)
    cover_rows = [(f, COVER_FIRST_ROW + i) for i, f in enumerate(PROJECT_FIELDS)]
    return Layout(lang, cover, cover_rows, phrases.SHEETS["guide"](lang), raters, domains, roster, feedback,
                  _lists(rubric, lang))


def sheet_name(text: str) -> str:
    """A valid Excel sheet name: no []:*?/\\ and at most 31 characters, cut at a word's end rather than inside
    a word ("D4 Resident participation and" rather than "… and delib")."""
    name = re.sub(r"[\[\]:*?/\\]", " ", text).strip("' ")
    if len(name) <= 31:
        return name
    cut = name[:32].rfind(" ")
    words = name[:cut] if cut > 2 and name[:31].isascii() else name[:31]
    return re.sub(r"\s+(and|of|the|&|-|,)$", "", words.rstrip(" ,-&")).rstrip()


def rating_option(level: int, anchor: str) -> str:
    """A rating dropdown entry: the level first, then only as much of its anchor as a rating cell shows, so the
    chosen level is in view at a glance (the anchor's full text is in the level rows beside the cell)."""
    return f"{level} - {shorten(anchor, 12)}"


def shorten(text: str, limit: int) -> str:
    out = ""
    for ch in text:
        if width(out + ch) > limit - 1:
            return out + "…"
        out += ch
    return out


def indicator_option(indicator: Indicator, lang: Lang) -> str:
    return f"{indicator.id} {indicator.name(lang)}"


def _rating_raters(rubric: Rubric) -> list[Rater]:
    used = {r for i in rubric.indicators if i.rule.kind == "rating" for r in i.raters}
    return [r for r in rubric.raters if r.id in used] or rubric.raters[:1]


def _domain_sheet(domain: Domain, lang: Lang) -> DomainSheet:
    lines: list[Line] = []
    row = DOMAIN_FIRST_ROW
    for indicator in domain.indicators:
        for kind, field, level in _indicator_lines(indicator):
            lines.append(Line(kind, row, indicator, field, level))
            row += 1
    return DomainSheet(sheet_name(f"{domain.id} {domain.name(lang)}"), domain, lines)


def _indicator_lines(indicator: Indicator):
    yield "indicator", None, None
    yield "look_at", None, None
    for field in indicator.evidence:
        yield "evidence", field, None
    if indicator.rule.kind == "rating":
        yield "raters", None, None
        yield "rating", None, None
        for level in sorted(indicator.rule.levels):
            yield "anchor", None, level
    else:
        yield "computed", None, None
    yield "note", None, None
    yield "gap", None, None



def _table(name: str, fields: list[EvidenceField], first_row: int, rows: int) -> Table:
    columns = [Column(f.id, get_column_letter(2 + i), f) for i, f in enumerate(fields)]
    return Table(name, columns, first_row, first_row + rows - 1)


def _lists(rubric: Rubric, lang: Lang) -> dict[str, list[str]]:
    lists = {"boolean": [phrases.YES(lang), phrases.NO(lang)]}
    fields = PROJECT_FIELDS + list(rubric.evidence_fields.values()) + rubric.ladder.roster_columns
    for field in fields:
        if field.type == "choice" and field.choices:
            lists[f"choice:{field.id}"] = [c.label(lang) for c in field.choices]
    for indicator in rubric.indicators:
        if indicator.rule.kind == "rating":
            levels = indicator.rule.levels
            lists[f"rating:{indicator.id}"] = [rating_option(n, levels[n](lang)) for n in sorted(levels)]
    lists["indicator"] = [indicator_option(i, lang) for i in rubric.indicators]
    return lists


def _slots(layout: Layout) -> dict[str, Slot]:
    slots = {f"project:{f.id}": Slot(layout.cover, f"B{row}") for f, row in layout.cover_rows}
    for sheet in layout.domains:
        for line in sheet.lines:
            if line.kind == "evidence":
                slots[f"value:{line.evidence.id}"] = Slot(sheet.name, f"C{line.row}")
            elif line.kind == "rating":
                for rater in line.indicator.raters:
                    slots[f"rating:{line.indicator.id}:{rater}"] = Slot(sheet.name, f"{layout.rater_column(rater)}{line.row}")
            elif line.kind == "note":
                slots[f"note:{line.indicator.id}"] = Slot(sheet.name, f"C{line.row}")
    for prefix, table in (("roster", layout.roster), ("feedback", layout.feedback)):
        for column in table.columns:
            slots[f"{prefix}:{column.id}"] = Slot(table.name, f"{column.letter}{table.first_row}:{column.letter}{table.last_row}")
    return slots
