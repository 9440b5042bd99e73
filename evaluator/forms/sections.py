"""Reading the parts of a form through the `_meta` map: cover, evidence fields, ratings and notes
(the roster and feedback tables are in `tables`). Every value keeps its cell; every issue is located."""

from __future__ import annotations

from functools import partial
from typing import Callable

from pydantic import ValidationError

from evaluator.i18n import LANGS
from evaluator.evidence import CellRef, Project, Value
from evaluator.problems import Location, Problem
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rubric
from evaluator.rubric.text import Text
from evaluator.forms import texts
from evaluator.forms.cells import Book, Raw
from evaluator.forms.convert import Issue, Read, read_rating, read_value
from evaluator.forms.layout import NOTE_FIELD, Slot
from evaluator.forms.meta import FormMeta
from evaluator.forms.project import COVER_LIMITS, LATER_FIELDS, PROJECT_FIELDS, project_data

Convert = Callable[[Raw], Read]
# An empty required answer: on the cover it leaves the project unidentified (an error); in the evidence
# and roster, scoring handles what is missing (the indicator's on_missing), so a warning.
REQUIRED_ANSWER: Issue = ("F023", "error", {})
REQUIRED_EVIDENCE: Issue = ("F034", "warning", {})


Label = tuple  # parts of a message label: rubric texts and plain strings, joined only when a problem is reported


def label(*parts: Text | str) -> Label:
    return parts


def _both(parts: Label) -> dict[str, str]:
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
            self.problems.append(Problem(code="F018", location=Location(file=self.shown, sheet=texts.META_SHEET),
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
        got = convert(raw)
        missing = (if_empty,) if if_empty and raw.value is None else ()
        self.report(got.issues + missing, sheet, cell, what)
        return Value(value=got.value, cell=CellRef(sheet=sheet, cell=cell))

    def cell(self, key: str, what: Label, convert: Convert, if_empty: Issue | None = None) -> Value:
        slot = self.locate(key, what)
        return Value() if slot is None else self.read(slot.sheet, slot.ref, what, convert, if_empty)


def read_project(ctx: Context) -> Project | None:
    """The cover; None when a required answer is missing or wrong (already reported)."""
    got = {f.id: ctx.cell(f"project:{f.id}", label(f.label), _cover_reader(f), _required(f, REQUIRED_ANSWER))
           for f in PROJECT_FIELDS if f.id not in LATER_FIELDS or f"project:{f.id}" in ctx.meta.slots}
    start, end = got["period_start"], got["period_end"]
    if start.value and end.value and end.value < start.value:
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


def read_values(ctx: Context, rubric: Rubric) -> dict[str, Value]:
    return {f.id: ctx.cell(f"value:{f.id}", label(i.id, f.label), partial(read_value, f), _required(f, REQUIRED_EVIDENCE))
            for i in rubric.indicators for f in i.evidence}


def _required(field: EvidenceField, issue: Issue) -> Issue | None:
    return issue if field.required else None


def read_ratings(ctx: Context, rubric: Rubric) -> dict[str, dict[str, Value]]:
    raters = {r.id: r for r in rubric.raters}
    return {
        i.id: {r: ctx.cell(f"rating:{i.id}:{r}", label(i.id, i.name, "·", raters[r].label), read_rating) for r in i.raters}
        for i in rubric.indicators if i.rule.kind == "rating"
    }


def read_notes(ctx: Context, rubric: Rubric) -> dict[str, Value]:
    notes = {i.id: ctx.cell(f"note:{i.id}", label(i.id, texts.NOTE_ROW), partial(read_value, NOTE_FIELD))
             for i in rubric.indicators}
    return {k: v for k, v in notes.items() if v.value is not None}
