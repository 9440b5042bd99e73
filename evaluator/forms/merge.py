"""Two evaluators' copies of one form → one form: each rater's levels in their own column, evidence
that agrees taken once, evidence that differs left as a conflict to resolve.

On site evaluators A and B often fill their own copies and reconcile afterwards. `merge_forms` reads
both copies (they must be error-free, for the same rubric, project, round and evaluation type) and
builds the merged `FormContent`:

- ratings: the first evaluator rater's column (评估员A) comes from the first form, the second
  (评估员B) from the second form. A copy whose own column is empty but whose other evaluator column
  holds levels (both evaluators typed into 评估员A) gives those levels to its own column, and the
  merge says so. Other raters (自评, 共识, 居民代表, 社区两委) are merged like evidence.
- evidence, cover answers and roster cells: blank + value → the value; equal → once; different → a
  conflict. The conflicting cell holds a marked text naming both cells and values
  (`⚠≠ A.xlsx D3!C12 = 20 | B.xlsx D3!C12 = 18`); the reader reports such a cell as error F037, so the
  merged form does not score until someone types the right value over it.
- notes: both kept, each headed by its file; evaluators: both lists, the first form's first;
  roster rows matched by organization name; feedback: every distinct item.

Pure: reading happens in `evaluator.forms.reader`, writing in `evaluator.forms.content`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from evaluator.evidence import CellRef, Evidence, Scalar, Value
from evaluator.forms.content import FeedbackEntry, FormContent
from evaluator.forms.layout import FEEDBACK_ROWS, ROSTER_ROWS, plan
from evaluator.forms.phrases import NO, YES
from evaluator.forms.project import PROJECT_FIELDS
from evaluator.forms.reader import FormReading
from evaluator.forms.sections import CONFLICT_MARK
from evaluator.i18n import LANGS, N_, Lang, both, t
from evaluator.numbers import number, percent
from evaluator.problems import Location, Problem, errors
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rubric

IDENTITY = ("code", "round", "evaluation_type")
TABLES = {"roster": N_("the roster of self-organizations"), "feedback": N_("the feedback sheet")}
_ROSTER_KEY = "org_name"


@dataclass(frozen=True)
class Conflict:
    """Two different values for one answer: where each was read, and what each said (as written)."""

    what: str           # "value:<field>", "project:<field>", "rating:<indicator>:<rater>", "roster:<n>:<column>"
    label: dict[Lang, str]
    first: str          # "A.xlsx D3 …!C12 = 20"
    second: str

    def text(self) -> str:
        return f"{self.first}, {self.second}"

    def cell_text(self) -> str:
        return f"{CONFLICT_MARK}{self.first} | {self.second}"


@dataclass
class Merged:
    content: FormContent | None
    problems: list[Problem]
    conflicts: list[Conflict] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)   # files whose levels were moved to their own column
    lang: Lang = "zh"                                   # the first form's language, the merged form's


def merge_forms(first: FormReading, second: FormReading) -> Merged:
    """The merged content of two readings; None with the problems when they cannot be merged."""
    stopping = errors(first.problems) + errors(second.problems)
    if stopping:
        return Merged(None, stopping)
    if first.evidence is None or second.evidence is None or first.rubric is None or second.rubric is None:
        return Merged(None, first.problems + second.problems)
    a, b = _as_given(first.evidence, first), _as_given(second.evidence, second)
    if first.rubric.sha256 != second.rubric.sha256:
        params = {"first": f"{a.rubric.id} {a.rubric.version}", "second": f"{b.rubric.id} {b.rubric.version}"}
        return Merged(None, [Problem(code="M001", location=Location(file=b.source.file), params=params)])
    differ = [k for k in IDENTITY if getattr(a.project, k) != getattr(b.project, k)]
    if differ:
        params = {"first": _identity(a), "second": _identity(b), "file": a.source.file}
        return Merged(None, [Problem(code="M002", location=Location(file=b.source.file), params=params)])
    rubric = first.rubric.rubric
    assert rubric is not None
    merged = _Merger(rubric, a, b).run()
    assert merged.content is not None
    full = [(table, len(rows), limit) for table, rows, limit in (("roster", merged.content.roster, ROSTER_ROWS),
                                                                 ("feedback", merged.content.feedback, FEEDBACK_ROWS))
            if len(rows) > limit]
    if full:
        return Merged(None, [Problem(code="M004", location=Location(file=b.source.file),
                                     params={"table": both(TABLES[table]), "found": n, "limit": limit})
                             for table, n, limit in full])
    return merged


def form_lang(rubric: Rubric, e: Evidence) -> Lang:
    """The language a form was generated in, told by the sheet names its values were read from."""
    sheets = {c.sheet for v in e.values.values() if (c := v.cell) is not None}
    zh = {s.name for s in plan(rubric, "zh").domains}
    return "zh" if sheets & zh or not sheets else "en"


def _identity(e: Evidence) -> str:
    return f"{e.project.code} / {e.project.round} / {e.project.evaluation_type}"


class _Merger:
    def __init__(self, rubric: Rubric, a: Evidence, b: Evidence):
        self.rubric, self.a, self.b = rubric, a, b
        self.lang: Lang = form_lang(rubric, a)
        self.cover = {k.removeprefix("project:"): CellRef(sheet=s.sheet, cell=s.ref)
                      for k, s in plan(rubric, self.lang).slots.items() if k.startswith("project:")}
        self.conflicts: list[Conflict] = []
        self.moved: list[str] = []

    def run(self) -> Merged:
        content = FormContent(project=self._project(), values=self._values(), ratings=self._ratings(),
                              notes=self._notes(), roster=self._roster(), feedback=self._feedback())
        return Merged(content, [], self.conflicts, self.moved, self.lang)

    # -- one answer from two ------------------------------------------------------------------------
    def _pick(self, what: str, label: dict[Lang, str], fld: EvidenceField | None, x: Value | None,
              y: Value | None) -> Scalar:
        left = x.value if x is not None else None
        right = y.value if y is not None else None
        if right is None or left == right:
            return left
        if left is None:
            return right
        conflict = Conflict(what, label, _said(self.a, x, fld, left, self.lang), _said(self.b, y, fld, right, self.lang))
        self.conflicts.append(conflict)
        return conflict.cell_text()

    # -- the parts of a form ------------------------------------------------------------------------
    def _project(self) -> dict[str, Any]:
        pa, pb = self.a.project.model_dump(), self.b.project.model_dump()
        out: dict[str, Any] = {}
        for f in PROJECT_FIELDS:
            if f.id.startswith("method_") or f.id == "evaluators":
                continue
            label = {lang: f.label(lang) for lang in LANGS}
            cell = self.cover.get(f.id)
            value = self._pick(f"project:{f.id}", label, f, Value(value=pa.get(f.id), cell=cell),
                               Value(value=pb.get(f.id), cell=cell))
            if value is not None:
                out[f.id] = value
        out["evaluators"] = list(dict.fromkeys(pa["evaluators"] + pb["evaluators"]))
        out["methods"] = list(dict.fromkeys(pa["methods"] + pb["methods"]))
        return out

    def _values(self) -> dict[str, Scalar]:
        out: dict[str, Scalar] = {}
        for indicator in self.rubric.indicators:
            for f in indicator.evidence:
                label = {lang: f"{indicator.id} {f.label(lang)}" for lang in LANGS}
                value = self._pick(f"value:{f.id}", label, f, self.a.values.get(f.id), self.b.values.get(f.id))
                if value is not None:
                    out[f.id] = value
        return out

    def _ratings(self) -> dict[str, dict[str, Scalar]]:
        roles = {r.id: r.role for r in self.rubric.raters}
        evaluators = [r.id for r in self.rubric.raters if r.role == "evaluator"]
        own = {self.a.source.file: evaluators[0] if evaluators else None,
               self.b.source.file: evaluators[1] if len(evaluators) > 1 else None}
        sources = {e.source.file: self._levels_of(e, own[e.source.file], evaluators) for e in (self.a, self.b)}
        out: dict[str, dict[str, Scalar]] = {}
        for indicator in self.rubric.indicators:
            if indicator.rule.kind != "rating":
                continue
            levels: dict[str, Scalar] = {}
            for rater in indicator.raters:
                if roles.get(rater) == "evaluator" and rater in own.values():
                    owner = next(e for e in (self.a, self.b) if own[e.source.file] == rater)
                    held = sources[owner.source.file].get(indicator.id)
                    value = held.value if held is not None else None
                else:
                    name = next(r.label for r in self.rubric.raters if r.id == rater)
                    label = {lang: f"{indicator.id} {indicator.name(lang)} · {name(lang)}" for lang in LANGS}
                    value = self._pick(f"rating:{indicator.id}:{rater}", label, None,
                                       self.a.ratings.get(indicator.id, {}).get(rater),
                                       self.b.ratings.get(indicator.id, {}).get(rater))
                if value is not None:
                    levels[rater] = value
            if levels:
                out[indicator.id] = levels
        return out

    def _levels_of(self, e: Evidence, rater: str | None, evaluators: list[str]) -> dict[str, Value]:
        """This copy's own levels, indicator → value: its own column, or the other evaluator column when
        its own is empty throughout and that one is not (both evaluators typed into the same column)."""
        if rater is None:
            return {}

        def column(r: str) -> dict[str, Value]:
            return {i: by[r] for i, by in e.ratings.items() if r in by and by[r].value is not None}

        mine = column(rater)
        if mine:
            return mine
        for other in evaluators:
            if other != rater and column(other):
                self.moved.append(e.source.file)
                return column(other)
        return {}

    def _notes(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for indicator in self.rubric.indicators:
            x, y = self.a.notes.get(indicator.id), self.b.notes.get(indicator.id)
            left = str(x.value) if x is not None and x.value is not None else None
            right = str(y.value) if y is not None and y.value is not None else None
            if left is None or right is None or left == right:
                text = left or right
            else:
                # both in full: a note too long for the form is then refused when read (F035), never cut short
                text = f"〔{_name(self.a)}〕{left}\n〔{_name(self.b)}〕{right}"
            if text:
                out[indicator.id] = text
        return out

    def _roster(self) -> list[dict[str, Scalar]]:
        columns = self.rubric.ladder.roster_columns
        by_name: dict[str, Any] = {}
        rows: list[tuple[Any, Any]] = []
        for row in self.a.roster:
            name = _key(row.values.get(_ROSTER_KEY))
            pair: tuple[Any, Any] = (row, None)
            rows.append(pair)
            if name:
                by_name[name] = len(rows) - 1
        for row in self.b.roster:
            name = _key(row.values.get(_ROSTER_KEY))
            if name and name in by_name:
                rows[by_name[name]] = (rows[by_name[name]][0], row)
            elif not any(_same_row(row, r) for r, _ in rows):
                rows.append((None, row))
        out: list[dict[str, Scalar]] = []
        for n, (x, y) in enumerate(rows, start=1):
            entry: dict[str, Scalar] = {}
            for c in columns:
                label = {lang: t(lang, "{label} (organization {n})", label=c.label(lang), n=n) for lang in LANGS}
                value = self._pick(f"roster:{n}:{c.id}", label, c, x.values.get(c.id) if x else None,
                                   y.values.get(c.id) if y else None)
                if value is not None:
                    entry[c.id] = value
            out.append(entry)
        return out

    def _feedback(self) -> list[FeedbackEntry]:
        seen: list[tuple[str | None, str | None, str | None]] = []
        for item in self.a.feedback + self.b.feedback:
            key = (item.indicator, item.finding, item.response)
            if key not in seen:
                seen.append(key)
        return [FeedbackEntry(indicator=i, finding=f, response=r) for i, f, r in seen]


def _as_given(e: Evidence, reading: FormReading) -> Evidence:
    """The evidence named by its path as the user gave it (the reading's source keeps a file name alone, which
    two copies often share: both 评估表.xlsx in two folders), so each copy's cells and levels stay its own."""
    return e.model_copy(update={"source": e.source.model_copy(update={"file": str(reading.path)})})


def _name(e: Evidence) -> str:
    return e.source.file  # as the user named it: two copies are often both called 评估表.xlsx


def _key(value: Value | None) -> str:
    return "".join(str(value.value).split()).casefold() if value is not None and value.value is not None else ""


def _same_row(row: Any, other: Any) -> bool:
    return {k: v.value for k, v in row.values.items()} == {k: v.value for k, v in other.values.items()}


def _said(e: Evidence, held: Value | None, fld: EvidenceField | None, value: Scalar, lang: Lang) -> str:
    """`A.xlsx D3 …!C12 = 20`: the file, the cell the value was read from and the value as written."""
    cell: CellRef | None = held.cell if held is not None else None
    where = f"{_name(e)} {cell}" if cell is not None else _name(e)
    return f"{where} = {shown(fld, value, lang)}"


def shown(fld: EvidenceField | None, value: Scalar, lang: Lang = "zh") -> str:
    """A value as the form shows it: 85%, 是, a choice's label, 2024-05-01, 12,000."""
    if isinstance(value, bool):
        return YES(lang) if value else NO(lang)
    if fld is not None and fld.type == "choice":
        return next((c.label(lang) for c in fld.choices or [] if c.id == value), str(value))
    if fld is not None and fld.type == "percent" and isinstance(value, (int, float)):
        return percent(value, None)
    if isinstance(value, (int, float)):
        return number(value, None)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
