"""A filled form → typed `Evidence`, with every problem found, each located at its sheet and cell.

Reading goes on past errors so one run lists everything; it stops early only when it cannot know what
the cells mean (not a workbook, no or edited `_meta`, another rubric or version). Cells are found
through the `_meta` map, never by position guesses.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from evaluator.i18n import LANGS, t
from evaluator.bundled import bundled_rubrics, rubric_path
from evaluator.evidence import Evidence, RubricRef, SourceRef
from evaluator.problems import NO_HINT, Location, Problem, list_separator
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.rubric.loader import display_path
from evaluator.forms import texts
from evaluator.forms.archive import FileProblem, inspect
from evaluator.forms.cells import Book, position
from evaluator.forms.layout import TEMPLATE_VERSION
from evaluator.forms.meta import FormMeta, MetaError, parse_meta
from evaluator.forms.red_lines import replacing, unanswered_red_lines
from evaluator.forms.sections import Context, read_notes, read_project, read_ratings, read_values
from evaluator.forms.tables import read_feedback, read_roster


@dataclass
class FormReading:
    """What a form says (None when it could not be read far enough) and every problem found."""

    path: Path
    problems: list[Problem]
    evidence: Evidence | None = None
    rubric: LoadedRubric | None = None


class _Stop(Exception):
    def __init__(self, *problems: Problem):
        super().__init__(problems[0].code)
        self.problems = list(problems)


def read_form(path: Path | str, rubric: LoadedRubric | None = None) -> FormReading:
    """Read one form against `rubric`, or against the bundled rubric its `_meta` names."""
    path = Path(path)
    shown = str(path)  # as the user wrote it: the name they will look for
    try:
        package = inspect(path)
        book = Book(package)
        meta = _meta(book, shown)
        loaded, problems = _rubric(meta, rubric, shown)
    except FileProblem as exc:
        return FormReading(path, [_file_problem(exc, shown)])
    except _Stop as stop:
        return FormReading(path, stop.problems, rubric=rubric)
    context = Context(book, meta, shown, _missing_sheets(book, meta, shown, problems))
    rubric_, source = loaded.rubric, SourceRef(file=shown, sha256=package.sha256)
    try:
        project = read_project(context)
        parts = dict(values=read_values(context, rubric_), ratings=read_ratings(context, rubric_),
                     notes=read_notes(context, rubric_), roster=read_roster(context, rubric_),
                     feedback=read_feedback(context, rubric_))
    except FileProblem as exc:  # a sheet that looked fine but calamine cannot parse
        problems.append(_file_problem(exc, shown))
        return FormReading(path, problems, rubric=loaded)
    problems += sorted(context.problems, key=_place(book))
    if project is None:
        return FormReading(path, problems, rubric=loaded)
    ref = RubricRef(id=rubric_.id, version=rubric_.version, sha256=loaded.sha256)
    evidence = Evidence(rubric=ref, source=source, project=project, **parts)
    problems = replacing(problems, unanswered_red_lines(rubric_, evidence, shown))
    return FormReading(path, problems, evidence, loaded)


def _file_problem(exc: FileProblem, shown: str) -> Problem:
    return Problem(code=exc.code, location=Location(file=shown, sheet=exc.sheet), params=exc.params)


def _meta(book: Book, shown: str) -> FormMeta:
    where = Location(file=shown, sheet=texts.META_SHEET)
    if texts.META_SHEET not in book.names:
        raise _Stop(Problem(code="F010", location=Location(file=shown)))
    try:
        return parse_meta(book.grid(texts.META_SHEET).rows)
    except MetaError as exc:
        raise _Stop(Problem(code="F011", location=where, params={"detail": str(exc)})) from None


def _rubric(meta: FormMeta, given: LoadedRubric | None, shown: str) -> tuple[LoadedRubric, list[Problem]]:
    """The rubric to read against, refusing a form made for another rubric or version."""
    where = Location(file=shown, sheet=texts.META_SHEET)
    if meta.template_version != TEMPLATE_VERSION:
        raise _Stop(Problem(code="F016", location=where, params={"found": meta.template_version, "expected": TEMPLATE_VERSION}))
    loaded = given or _bundled(meta.rubric_id)
    if loaded is None or loaded.rubric is None:
        path = display_path(loaded.path) if loaded else meta.rubric_id
        raise _Stop(Problem(code="F015", location=where, params={"id": meta.rubric_id, "path": path}),
                    *(loaded.problems if loaded else []))
    rubric = loaded.rubric
    if rubric.id != meta.rubric_id:
        raise _Stop(Problem(code="F012", location=where, params={"found": meta.rubric_id, "expected": rubric.id}))
    if rubric.version != meta.rubric_version:
        params = {"id": rubric.id, "found": meta.rubric_version, "expected": rubric.version}
        raise _Stop(Problem(code="F013", location=where, params=params))
    if loaded.sha256 != meta.rubric_sha256:
        return loaded, [Problem(code="F014", severity="warning", location=where,
                                params={"id": rubric.id, "version": rubric.version})]
    return loaded, []


def _place(book: Book):
    """Sort key: problems in sheet order, then row by row, as a person goes through the form."""
    order = {name: i for i, name in enumerate(book.names)}

    def key(problem: Problem) -> tuple[int, int, int]:
        sheet, cell = problem.location.sheet, problem.location.cell
        row, column = position(cell) if cell else (-1, -1)
        return order.get(sheet, -1), row, column

    return key


@functools.lru_cache(maxsize=8)
def _bundled(rubric_id: str) -> LoadedRubric | None:
    return load_rubric(rubric_path(rubric_id)) if rubric_id in bundled_rubrics() else None


def _missing_sheets(book: Book, meta: FormMeta, shown: str, problems: list[Problem]) -> set[str]:
    """Sheets the map needs but the workbook lacks, each reported once, naming any unexpected sheets."""
    needed = list(dict.fromkeys(slot.sheet for slot in meta.slots.values()))
    missing = [name for name in needed if name not in book.names]
    known = set(needed) | {texts.LISTS_SHEET, texts.META_SHEET} | set(texts.SHEETS["guide"].model_dump().values())
    extra = [name for name in book.names if name not in known]
    hint = ({lang: t(lang, " (the workbook has unexpected sheets: {sheets})", sheets=list_separator(lang).join(extra))
             for lang in LANGS} if extra else dict(NO_HINT))
    for name in missing:
        problems.append(Problem(code="F017", location=Location(file=shown, sheet=name), params={"sheet": name, "hint": hint}))
    return set(missing)
