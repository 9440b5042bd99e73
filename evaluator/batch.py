"""Scoring many forms: one process per worker, one form at a time, nothing kept but a summary.

Each form is read, scored and written by a worker (`evaluator.supervise`: a form that crashes its
worker or runs past its limits fails alone); the parent only collects small `Scored` summaries (so
memory stays flat however large the round) and stores results in one place, since SQLite wants a
single writer. One bad form never stops the rest.

Workers write each result into a private staging folder inside the output folder; the parent then
gives the results their names in form order, so two forms whose results would take the same name
(the same project, round and type twice, or codes that become the same file name) are both kept,
the later one numbered, the same way on every run, and never over a file of another run without
--force (`outputs.write_bytes`).

Reports are a second phase, after every result is stored: each report can then find the project's
earlier round in the store whatever order the forms finished in. Workers render them, each with one
renderer (fonts and stylesheets) made on its first report and kept for the rest.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict

from evaluator.improvement import Plan
from evaluator.outputs import OutputError, make_folder, reason, write_bytes
from evaluator.problems import Location, Problem
from evaluator.rubric.loader import display_path
from evaluator.rubric.text import Text
from evaluator.supervise import Limits, supervised

Status = Literal["scored", "provisional", "failed"]
ReportStatus = Literal["written", "unchanged", "failed"]
FORM_LIMITS = Limits(seconds=120)     # reading and scoring one form takes well under a second
REPORT_LIMITS = Limits(seconds=600)   # a report, a few seconds


class Options(BaseModel):
    model_config = ConfigDict(frozen=True)

    out_dir: Path
    rubric: Path | None = None
    force: bool = False
    strict: bool = False
    report: bool = True
    lang: Literal["zh", "en"] = "zh"
    db: str | None = None         # the store (path or URL) where reports look up the earlier round (None: nowhere)
    staging: Path | None = None   # where workers write results before they get their names (see `staging`)
    plan: Plan | None = None      # an improvement plan read back: its project's report shows the follow-up


class Scored(BaseModel):
    """What the parent keeps of one form."""

    model_config = ConfigDict(frozen=True)

    form: str
    status: Status
    problems: list[Problem] = []
    json_path: str | None = None
    name: str | None = None      # the result's file name stem, before collisions are settled
    report_path: str | None = None
    project: str | None = None
    code: str | None = None
    round: str | None = None
    total: float | None = None
    grade: Text | None = None
    stage_counts: dict[str, int] = {}
    self_assessment: bool = False
    written: str | None = None   # written | unchanged | exists
    report: ReportStatus | None = None


class Reported(BaseModel):
    """What the parent keeps of one report."""

    model_config = ConfigDict(frozen=True)

    result: str                  # the result JSON it was made from
    status: ReportStatus
    path: str | None = None
    problems: list[Problem] = []


def forms_in(paths: Iterable[Path]) -> tuple[list[Path], list[Problem]]:
    """The forms named, folders expanded to their .xlsx files (not recursing, skipping Excel's ~$ lock
    files), each once; a folder with no forms is a problem."""
    found: list[Path] = []
    problems = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.glob("*.xlsx") if not p.name.startswith("~$"))
            if not inside:
                shown = display_path(path)
                problems.append(Problem(code="P007", location=Location(file=shown), params={"path": shown}))
            found += inside
        else:
            found.append(path)
    return list(dict.fromkeys(found)), problems


@contextmanager
def staging(options: Options) -> Iterator[Options]:
    """The options with a fresh staging folder inside the output folder (removed afterwards);
    OutputError when the output folder cannot be made or written."""
    make_folder(options.out_dir)
    try:
        folder = Path(tempfile.mkdtemp(prefix=".evaluator-staging-", dir=options.out_dir))
    except OSError as exc:
        raise OutputError(options.out_dir, reason(exc)) from None
    try:
        yield options.model_copy(update={"staging": folder})
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(forms: list[Path], options: Options, workers: int = 1) -> Iterator[Scored]:
    """Score every form into the staging folder, yielding summaries as they finish (in completion order)."""
    from evaluator.pipeline import score_form

    yield from supervised(partial(score_form, options=options), forms, workers, FORM_LIMITS, _form_failed)


def run_reports(results: list[Path], options: Options, workers: int = 1) -> Iterator[Reported]:
    """Render the report of every result beside its JSON, yielding outcomes as they finish."""
    from evaluator.pipeline import report_beside

    yield from supervised(partial(report_beside, options=options), results, workers, REPORT_LIMITS, _report_failed)


def place(done: list[Scored], options: Options) -> list[Scored]:
    """Give every staged result its file name in the output folder, in form order."""
    taken: dict[str, str] = {}  # name (casefolded: some file systems ignore case) → the form that has it
    return [_placed(item, options, taken) if item.json_path and item.name else item
            for item in sorted(done, key=lambda s: s.form)]


def _placed(item: Scored, options: Options, taken: dict[str, str]) -> Scored:
    assert item.name is not None and item.json_path is not None
    stem, n, problems = item.name, 1, list(item.problems)
    while stem.casefold() in taken:
        n += 1
        stem = f"{item.name}-{n}"
    if n > 1:
        params = {"other": taken[item.name.casefold()], "name": f"{item.name}.json", "saved": f"{stem}.json"}
        problems.append(Problem(code="P006", severity="warning", location=Location(file=item.form), params=params))
    taken[stem.casefold()] = item.form
    target = options.out_dir / f"{stem}.json"
    try:
        written = write_bytes(target, Path(item.json_path).read_bytes(), options.force)
    except OutputError as exc:
        return _failed(item, problems, "P004", path=display_path(exc.path), detail=exc.detail)
    if written == "exists":
        return _failed(item, problems, "P001", path=display_path(target))
    return item.model_copy(update={"json_path": str(target), "written": written, "problems": problems})


def _failed(item: Scored, problems: list[Problem], code: str, **params) -> Scored:
    problem = Problem(code=code, location=Location(file=item.form), params=params)
    return item.model_copy(update={"status": "failed", "json_path": None, "problems": problems + [problem]})


def _form_failed(form: Path, detail: dict[str, str]) -> Scored:
    problem = Problem(code="P005", location=Location(file=str(form)), params={"detail": detail})
    return Scored(form=str(form), status="failed", problems=[problem])


def _report_failed(result: Path, detail: dict[str, str]) -> Reported:
    problem = Problem(code="P005", location=Location(file=display_path(result)), params={"detail": detail})
    return Reported(result=str(result), status="failed", problems=[problem])


@dataclass
class Tally:
    scored: int = 0
    provisional: int = 0
    failed: int = 0
    reports: int = 0
    reports_failed: int = 0

    def add(self, item: Scored) -> None:
        setattr(self, item.status, getattr(self, item.status) + 1)
        self.reports += item.report in ("written", "unchanged")
        self.reports_failed += item.report == "failed"
