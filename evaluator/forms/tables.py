"""Reading the sheets of repeated rows: the roster of self-organizations and the feedback sheet.

A row counts when any of its cells holds something; rows are read only inside the area the map
names, and anything written below it is pointed out rather than silently dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial

from openpyxl.utils import column_index_from_string, get_column_letter

from evaluator.evidence import FeedbackItem, RosterRow, Value
from evaluator.forms.convert import Issue, normal, read_indicator, read_value
from evaluator.forms.layout import FEEDBACK_FIELDS
from evaluator.forms.memo import by_identity
from evaluator.forms.sections import REQUIRED_EVIDENCE, Context, Convert, Label, label
from evaluator.problems import Location, Problem
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rubric

_RANGE = re.compile(r"^([A-Z]+)([0-9]+):\1([0-9]+)$")


@dataclass(frozen=True)
class _Column:
    field: EvidenceField
    sheet: str
    letter: str
    first: int
    last: int

    @property
    def ask(self) -> tuple[Label, Convert, Issue | None]:
        """What a problem calls a cell of the column, how it is read, the issue if it is empty."""
        return _ask(self.field)


@by_identity(256)
def _ask(field: EvidenceField) -> tuple[Label, Convert, Issue | None]:
    """A column's ask, made once per field: the same reader every form, so `remembered` conversions carry
    over from one form to the next."""
    return label(field.label), partial(read_value, field), REQUIRED_EVIDENCE if field.required else None


def read_roster(ctx: Context, rubric: Rubric) -> list[RosterRow]:
    """Roster rows; the first column names the organization, and a name listed twice is an error."""
    columns = _columns(ctx, "roster", rubric.ladder.roster_columns)
    name_id = rubric.ladder.roster_columns[0].id
    rows: list[RosterRow] = []
    seen: dict[str, int] = {}
    for row in _filled_rows(ctx, columns):
        values = {c.field.id: _read(ctx, c, row) for c in columns}
        name = values[name_id] if name_id in values else Value()
        key = normal(str(name.value)).casefold() if name.value is not None else None
        if key is not None and key in seen and name.cell is not None:
            where = Location(file=ctx.shown, sheet=name.cell.sheet, cell=name.cell.cell)
            ctx.problems.append(Problem(code="F032", location=where, params={"name": name.value, "first_row": seen[key]}))
        elif key is not None:
            seen[key] = row
        rows.append(RosterRow(row=row, values=values))
    return rows


def read_feedback(ctx: Context, rubric: Rubric) -> list[FeedbackItem]:
    columns = _columns(ctx, "feedback", FEEDBACK_FIELDS)
    by_id = {c.field.id: c for c in columns}
    items = []
    for row in _filled_rows(ctx, columns):
        found = {id: _read(ctx, c, row) for id, c in by_id.items() if id != "indicator"}
        indicator = by_id.get("indicator")
        if indicator is not None:
            found["indicator"] = ctx.read(indicator.sheet, f"{indicator.letter}{row}", label(indicator.field.label),
                                          partial(read_indicator, rubric.indicators))
        items.append(FeedbackItem.model_validate({"row": row, **{k: v.value for k, v in found.items()}}))
    return items


def _read(ctx: Context, column: _Column, row: int) -> Value:
    return ctx.read(column.sheet, f"{column.letter}{row}", *column.ask)


def _columns(ctx: Context, prefix: str, fields: list[EvidenceField]) -> list[_Column]:
    """The located columns of a table (a column whose sheet is missing or that the map lacks is left out)."""
    columns = []
    for field in fields:
        slot = ctx.locate(f"{prefix}:{field.id}", label(field.label))
        match = _RANGE.match(slot.ref) if slot else None
        if slot and match:
            columns.append(_Column(field, slot.sheet, match[1], int(match[2]), int(match[3])))
    return columns


def _filled_rows(ctx: Context, columns: list[_Column]) -> list[int]:
    """Rows inside the table area with anything in them; content below the area gets one warning."""
    if not columns:
        return []
    sheet, first, last = columns[0].sheet, columns[0].first, columns[0].last
    grid = ctx.book.grid(sheet)
    indices = [column_index_from_string(c.letter) - 1 for c in columns]
    rows = [row for row in range(first, min(last, grid.last_row()) + 1) if grid.filled(row, indices)]
    for row in range(last + 1, grid.last_row() + 1):
        filled = [i for i, v in enumerate(grid.row_values(row)) if v is not None]
        if filled:
            cell = f"{get_column_letter(filled[0] + 1)}{row}"
            where = Location(file=ctx.shown, sheet=sheet, cell=cell)
            ctx.problems.append(Problem(code="F033", severity="warning", location=where, params={"first": first, "last": last}))
            break
    return rows
