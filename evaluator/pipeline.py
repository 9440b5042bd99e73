"""One form through the whole job: read → score → write the result JSON; then its report beside it.

This is the I/O edge around the pure engine and the pure report view; `batch.run` and
`batch.run_reports` call it once per form, in worker processes when asked. It never raises for a
user's file: every outcome is a `Scored` or `Reported` summary with located problems.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from evaluator.bundled import bundled_rubrics, rubric_path
from evaluator.evidence import Evidence
from evaluator.forms.reader import read_form
from evaluator.improvement import Plan
from evaluator.jobs import Options, Reported, Scored
from evaluator.messages import Lang
from evaluator.outputs import OutputError, safe_name, write_bytes
from evaluator.problems import Location, Problem, Severity, errors
from evaluator.report.feedback_followup import FollowUp
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.rubric.models import Rubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result
from evaluator.store import StoreError
from evaluator.store.files import read_result
from evaluator.vocabulary import display_path, evaluation_type_name, portable_path


@lru_cache(maxsize=8)
def _rubric(path: str) -> LoadedRubric:
    """A rubric given with --rubric, loaded once per process."""
    return load_rubric(Path(path))


def result_name(result: Result) -> str:
    """`<code>_<round>_<type>`: one file per project, round and kind of evaluation."""
    p = result.project
    return safe_name(p.code, p.round, evaluation_type_name(p.evaluation_type, "zh"))  # file names are in Chinese


def score_form(form: Path, options: Options) -> Scored:
    given = _rubric(str(options.rubric)) if options.rubric else None
    if given is not None and not given.ok:
        return Scored(form=str(form), status="failed", problems=given.problems)
    reading = read_form(form, given)
    if errors(reading.problems) or reading.evidence is None or reading.rubric is None:
        return Scored(form=str(form), status="failed", problems=reading.problems)
    result = evaluate(reading.rubric.valid()[0], _portable(reading.evidence), reading.problems)
    summary = _summary(form, result)
    if options.strict and result.total.provisional:
        return summary.model_copy(update={"status": "failed", "problems": reading.problems + [_provisional(form, result)]})
    return summary.model_copy(update={"json_path": str(_staged(result, options)), "name": result_name(result)})


def _portable(evidence: Evidence) -> Evidence:
    """The evidence as a result file records it: a form given by an absolute path is named by its file name
    alone (vocabulary.portable_path), so no result shows where a machine keeps its files."""
    source = evidence.source.model_copy(update={"file": portable_path(evidence.source.file)})
    return evidence.model_copy(update={"source": source})


def _staged(result: Result, options: Options) -> Path:
    """The result JSON in the batch's private staging folder; `batch.place` gives it its name."""
    assert options.staging is not None, "score_form runs inside batch.staging"
    fd, path = tempfile.mkstemp(dir=options.staging, suffix=".json")
    with os.fdopen(fd, "wb") as out:
        out.write(result.to_json().encode("utf-8"))
    return Path(path)


def _summary(form: Path, result: Result) -> Scored:
    p = result.project
    return Scored(
        form=str(form),
        status="provisional" if result.total.provisional else "scored",
        problems=list(result.problems),
        project=p.name, code=p.code, round=p.round,
        total=result.total.points, grade=result.total.grade.label,
        stage_counts=result.stage_counts,
        self_assessment=result.mode == "self_assessment",
    )


def _provisional(form: Path, result: Result) -> Problem:
    """What makes the result provisional: indicators without their evidence, required fields left empty."""
    items = [f"{i.id} {i.name.zh}" for i in result.indicators if i.status == "missing"]
    items += [f"{m.label.zh}（{m.cell}）" for m in result.highlights.missing_evidence]
    return Problem(code="P002", location=Location(file=str(form)), params={"count": len(items), "items": items[:8]})


@lru_cache(maxsize=1)
def _renderer():
    """One renderer per process, made for its first report and kept: loading the fonts and parsing the
    stylesheets costs about a second, rendering a report with them about as much again. It is closed when
    the process ends (multiprocessing's finalizers run in worker processes too, atexit handlers do not)."""
    from multiprocessing.util import Finalize

    from evaluator.report.render import Renderer

    renderer = Renderer()
    Finalize(renderer, renderer.close, exitpriority=0)
    return renderer


def report_beside(result_json: Path, options: Options) -> Reported:
    """The PDF report of a result written by `score_form`, beside its JSON."""
    return report_result(result_json, result_json.with_suffix(".pdf"), lang=options.lang, db=options.db,
                         force=options.force, plan=options.plan)


def report_result(result_json: Path, target: Path, *, lang: Lang, db: str | None, force: bool,
                  fmt: Literal["pdf", "html", "docx"] = "pdf", plan: Plan | None = None) -> Reported:
    """Read a result, find the project's earlier round in `db`, render the report and write it to `target`
    (never over a different file without `force`). Every failure is a located problem of this result."""
    shown = display_path(result_json)
    try:
        result = read_result(result_json)
    except StoreError as exc:
        return Reported(result=str(result_json), status="failed", problems=exc.problems)
    stored, problems = _earlier(db, result, shown)
    followup = None
    if plan is not None and plan.code == result.project.code:
        followup = plan.followup()
    elif plan is not None:
        problems.append(_problem("V015", shown, "warning", found=plan.code, expected=result.project.code))
    try:
        data = _render(result, stored, lang, fmt, followup)
    except Exception as exc:  # noqa: BLE001 — one report's failure is that result's, never the batch's
        internal = _problem("G001", shown, detail=f"{type(exc).__name__}: {exc}")
        return Reported(result=str(result_json), status="failed", problems=problems + [internal])
    try:
        written = write_bytes(target, data, force)
    except OutputError as exc:
        failed = _problem("G003", shown, path=display_path(exc.path), detail=exc.detail)
        return Reported(result=str(result_json), status="failed", problems=problems + [failed])
    if written == "exists":
        clash = _problem("P001", shown, path=display_path(target))
        return Reported(result=str(result_json), status="failed", problems=problems + [clash])
    return Reported(result=str(result_json), status=written, path=str(target), problems=problems)


def _problem(code: str, file: str, severity: Severity = "error", **params: Any) -> Problem:
    return Problem(code=code, severity=severity, location=Location(file=file), params=params)


@dataclass(frozen=True)
class Stored:
    """What the results store says about a result's context: the project's earlier round, the round's other
    projects (domain shares) and the project's history (round, type, total, maximum)."""

    previous: Result | None = None
    peers: list[dict[str, float]] = field(default_factory=list)
    history: list[tuple[str, str, float, float]] = field(default_factory=list)


def _earlier(db: str | None, result: Result, shown: str) -> tuple[Stored, list[Problem]]:
    """The result's context if the store `db` (a path or URL) holds one; no store file is no context, and a
    store that cannot be read is a warning, not a failure."""
    from evaluator.store.targets import parse_target

    target = parse_target(db) if db is not None else None
    if target is None or (target.path is not None and not target.path.is_file()):
        return Stored(), []
    from django.db import DatabaseError

    from evaluator.store import Store
    from evaluator.store.db import database_detail
    from evaluator.store.earlier import earlier_round, project_history, round_shares

    try:
        with Store.open(target.text, create=False) as store:
            return Stored(earlier_round(store, result), round_shares(store, result), project_history(store, result)), []
    except StoreError as exc:
        said = exc.problems[0]
        return Stored(), [_problem("G002", shown, "warning", detail=said.messages())]
    except DatabaseError as exc:
        return Stored(), [_problem("G002", shown, "warning", detail=database_detail(exc, target.shown))]


def _render(result: Result, stored: Stored, lang: Lang, fmt: str, followup: FollowUp | None = None) -> bytes:
    from evaluator.report.context import Milestone
    from evaluator.report.feedback import feedback_html, feedback_view, render_feedback

    rubric, history = rubric_of(result), [Milestone(*h) for h in stored.history]
    if fmt in ("docx", "html"):
        view = feedback_view(result, lang, stored.previous, followup, rubric=rubric, peers=stored.peers, history=history)
        if fmt == "html":
            return feedback_html(view, _renderer(), standalone=True).encode("utf-8")
        from evaluator.report.docx_report import feedback_docx

        return feedback_docx(view)
    return render_feedback(result, lang, stored.previous, renderer=_renderer(), followup=followup, rubric=rubric,
                           peers=stored.peers,
                           history=history)


def rubric_of(result: Result) -> Rubric | None:
    """The rubric a result was scored with, when it is one of the bundled rubrics (same sha256): the report
    then takes every indicator's advice and the bands' next step from it. None otherwise."""
    for name in bundled_rubrics():
        loaded = _rubric(str(rubric_path(name)))
        if loaded.ok and loaded.sha256 == result.rubric.sha256:
            return loaded.rubric
    return None
