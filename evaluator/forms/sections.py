"""Reading the parts of a form through the `_meta` map: cover, evidence fields, ratings and notes
(the roster and feedback tables are in `tables`). Every value keeps its cell; every issue is located."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from functools import partial
from typing import NamedTuple

from pydantic import ValidationError

from evaluator.evidence import CellRef, Project, Scalar, Value
from evaluator.forms import phrases
from evaluator.forms.cells import Book, Raw
from evaluator.forms.convert import Issue, Read, read_rating, read_value, remembered
from evaluator.forms.layout import NOTE_FIELD, Slot
from evaluator.forms.memo import by_identity
from evaluator.forms.meta import FormMeta
from evaluator.forms.project import COVER_LIMITS, LATER_FIELDS, PROJECT_FIELDS, project_data
from evaluator.i18n import LANGS, Lang
from evaluator.problems import Location, Problem
from evaluator.rubric.bilingual import Text
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rubric

Convert = Callable[[Raw], Read]
CONFLICT_MARK = "⚠≠ "  # starts a cell `evaluator merge` left for two evaluators' different values
# An empty required answer: on the cover it leaves the project unidentified (an error); in the evidence
# and roster, scoring handles what is missing (the indicator's on_missing), so a warning.
REQUIRED_ANSWER: Issue = ("F023", "error", {})
REQUIRED_EVIDENCE: Issue = ("F034", "warning", {})


Label = tuple  # parts of a message label: rubric texts and plain strings, joined only when a problem is reported


def label(*parts: Text | str) -> Label:
    return parts


def _both(parts: Label) -> dict[Lang, str]:
    return {lang: " ".join(p if isinstance(p, str) else p(lang) for p in parts) for lang in LANGS}


class Context:
    """The open workbook, its map, and the problems found so far."""

    def __init__(self, book: Book, meta: FormMeta, shown: str, missing_sheets: set[str]):
        self.book, self.meta, self.shown, self.missing = book, meta, shown, missing_sheets
        self.problems: list[Problem] = []

    def locate(self, key: str, what: Label) -> Slot | None:
        """The slot for `key`; None when its sheet is missing (reported once already) or the map lacks it."""
        slot = self.meta.slots.get(key)
        if slot is None:
            self.problems.append(Problem(code="F018", location=Location(file=self.shown, sheet=phrases.META_SHEET),
                                         params={"label": _both(what), "key": key}))
            return None
        return None if slot.sheet in self.missing else slot

    def report(self, issues: tuple[Issue, ...], sheet: str, cell: str, what: Label) -> None:
        for code, severity, params in issues:
            location = Location(file=self.shown, sheet=sheet, cell=cell)
            self.problems.append(Problem(code=code, severity=severity, location=location,
                                         params={"label": _both(what), **params}))

    def read(self, sheet: str, cell: str, what: Label, convert: Convert, if_empty: Issue | None = None) -> Value:
        """One cell's value; `if_empty` is the issue to report when it holds nothing usable."""
        raw = self.book.grid(sheet).get(cell)
        value = raw.value
        if type(value) is str and value.startswith(CONFLICT_MARK):  # left by `evaluator merge`
            self.report((("F060", "error", {"detail": value.removeprefix(CONFLICT_MARK)}),), sheet, cell, what)
            return Value(value=None, cell=CellRef(sheet=sheet, cell=cell))
        got = remembered(convert, raw)
        missing = (if_empty,) if if_empty and value is None else ()
        if got.issues or missing:
            self.report(got.issues + missing, sheet, cell, what)
        return located_value(got.value, sheet, cell)

    def cell(self, key: str, what: Label, convert: Convert, if_empty: Issue | None = None) -> Value:
        slot = self.locate(key, what)
        return Value() if slot is None else self.read(slot.sheet, slot.ref, what, convert, if_empty)


def located_value(value: Scalar, sheet: str, cell: str) -> Value:
    """A value read from a cell. Built without validation: a converter's value is already a Scalar (the
    pinned evidence digests in tests/forms show the evidence unchanged). The same few are read from the same
    cells of every form (empty, yes/no, a level, a count), so those are shared: a `Value` is frozen."""
    if value is None or type(value) in (bool, int):
        return _shared_value(type(value).__name__, value, sheet, cell)
    return Value.model_construct(value=value, cell=cell_ref(sheet, cell))


@functools.lru_cache(maxsize=16384)
def _shared_value(kind: str, value: Scalar, sheet: str, cell: str) -> Value:  # kind: True, 1 and 1.0 are equal keys
    return Value.model_construct(value=value, cell=cell_ref(sheet, cell))


@functools.lru_cache(maxsize=8192)
def cell_ref(sheet: str, cell: str) -> CellRef:
    """The (frozen, shareable) reference to a cell; the same ones are read in every form."""
    return CellRef.model_construct(sheet=sheet, cell=cell)


def _required(field: EvidenceField, issue: Issue) -> Issue | None:
    return issue if field.required else None


class Ask(NamedTuple):
    """One answer the map names: its key, what a problem calls it, how it is read, the issue if it is empty."""

    key: str
    what: Label
    convert: Convert
    if_empty: Issue | None = None


class Asks(NamedTuple):
    """Every single-cell answer of a rubric's form, in reading order: made once per rubric, not per form."""

    values: list[tuple[str, Ask]]                         # field id
    ratings: list[tuple[str, list[tuple[str, Ask]]]]      # indicator id, [rater id]
    notes: list[tuple[str, Ask]]                          # indicator id


def read_project(ctx: Context) -> Project | None:
    """The cover; None when a required answer is missing or wrong (already reported)."""
    got = {field_id: ctx.cell(*ask) for field_id, ask in _COVER
           if field_id not in LATER_FIELDS or f"project:{field_id}" in ctx.meta.slots}
    start, end = got["period_start"], got["period_end"]
    if isinstance(start.value, dt.date) and isinstance(end.value, dt.date) and end.value < start.value and end.cell:
        ctx.problems.append(Problem(code="F030", location=Location(file=ctx.shown, sheet=end.cell.sheet, cell=end.cell.cell),
                                    params={"start": start.value.isoformat(), "end": end.value.isoformat()}))
    try:
        return Project(**project_data({k: v.value for k, v in got.items()}))
    except ValidationError:
        return None


def _cover_reader(field: EvidenceField) -> Convert:
    if field.id in COVER_LIMITS:
        return partial(read_value, field, limit=COVER_LIMITS[field.id])
    return partial(read_value, field)


_COVER = [(f.id, Ask(f"project:{f.id}", label(f.label), _cover_reader(f), _required(f, REQUIRED_ANSWER)))
          for f in PROJECT_FIELDS]


def read_values(ctx: Context, rubric: Rubric) -> dict[str, Value]:
    return {field_id: ctx.cell(*ask) for field_id, ask in asks(rubric).values}


def read_ratings(ctx: Context, rubric: Rubric) -> dict[str, dict[str, Value]]:
    return {indicator_id: {rater: ctx.cell(*ask) for rater, ask in by_rater}
            for indicator_id, by_rater in asks(rubric).ratings}


def read_notes(ctx: Context, rubric: Rubric) -> dict[str, Value]:
    notes = {indicator_id: ctx.cell(*ask) for indicator_id, ask in asks(rubric).notes}
    return {k: v for k, v in notes.items() if v.value is not None}


@by_identity(16)
def asks(rubric: Rubric) -> Asks:
    """The rubric's answers to read, made once per rubric."""
    raters = {r.id: r for r in rubric.raters}
    values = [(f.id, Ask(f"value:{f.id}", label(i.id, f.label), partial(read_value, f), _required(f, REQUIRED_EVIDENCE)))
              for i in rubric.indicators for f in i.evidence]
    ratings = [(i.id, [(r, Ask(f"rating:{i.id}:{r}", label(i.id, i.name, "·", raters[r].label), read_rating)) for r in i.raters])
               for i in rubric.indicators if i.rule.kind == "rating"]
    notes = [(i.id, Ask(f"note:{i.id}", label(i.id, phrases.NOTE_ROW), partial(read_value, NOTE_FIELD)))
             for i in rubric.indicators]
    return Asks(values, ratings, notes)
