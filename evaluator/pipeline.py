"""One form through the whole job: read → score → write the result JSON (and the report beside it).

This is the I/O edge around the pure engine; `batch.run` calls it once per form, in worker
processes when asked. It never raises for a user's form: every outcome is a `Scored` summary.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from evaluator.batch import Options, Scored
from evaluator.forms.reader import read_form
from evaluator.outputs import safe_name, write_bytes
from evaluator.problems import Location, Problem, errors
from evaluator.rubric import LoadedRubric, load_rubric
from evaluator.rubric.loader import display_path
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result

TYPE_NAMES = {"self": "自评", "midterm": "中期", "final": "终期"}


@lru_cache(maxsize=8)
def _rubric(path: str) -> LoadedRubric:
    """A rubric given with --rubric, loaded once per process."""
    return load_rubric(Path(path))


def result_name(result: Result) -> str:
    """`<code>_<round>_<type>`: one file per project, round and kind of evaluation."""
    p = result.project
    return safe_name(p.code, p.round, TYPE_NAMES[p.evaluation_type])


def score_form(form: Path, options: Options) -> Scored:
    given = _rubric(str(options.rubric)) if options.rubric else None
    if given is not None and not given.ok:
        return Scored(form=str(form), status="failed", problems=given.problems)
    reading = read_form(form, given)
    if errors(reading.problems) or reading.evidence is None or reading.rubric is None:
        return Scored(form=str(form), status="failed", problems=reading.problems)
    result = evaluate(reading.rubric.rubric, reading.evidence, reading.problems)
    summary = _summary(form, result)
    if options.strict and result.total.provisional:
        return summary.model_copy(update={"status": "failed", "problems": reading.problems + [_provisional(form, result)]})
    json_path = options.out_dir / f"{result_name(result)}.json"
    written = write_bytes(json_path, result.to_json().encode("utf-8"), options.force)
    if written == "exists":
        clash = Problem(code="P001", location=Location(file=str(form)), params={"path": display_path(json_path)})
        return summary.model_copy(update={"status": "failed", "problems": reading.problems + [clash]})
    return summary.model_copy(update={"json_path": str(json_path), "written": written})


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
