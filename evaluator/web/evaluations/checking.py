"""An uploaded form through the library: read it (`read_form`, with every located problem), hold it against
what it was uploaded for (project, round, evaluation type), score it (`evaluate`) and store the result
(`ingest`, the function `Store.ingest` and the command line use).

The bytes are read from a temporary file of our own; problems and the result name the file as the
uploader named it, never the temporary path.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from evaluator.forms.reader import FormReading, read_form
from evaluator.problems import Location, Problem, errors
from evaluator.rubric import LoadedRubric
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result
from evaluator.store.ingest import Ingested, ingest
from evaluator.store.models import Round
from evaluator.rounds import TYPE_NAMES
from evaluator.web.rounds.rubrics import rubric_for


def read_bytes(data: bytes, name: str, rubric: LoadedRubric | None = None) -> FormReading:
    """`read_form` on uploaded bytes; locations and the evidence's source name the upload `name`."""
    with tempfile.TemporaryDirectory(prefix="evaluator-upload-") as folder:
        path = Path(folder) / "form.xlsx"
        path.write_bytes(data)
        reading = read_form(path, rubric)
    shown = str(path)
    problems = [_renamed(p, shown, name) for p in reading.problems]
    evidence = reading.evidence
    if evidence is not None:
        evidence = evidence.model_copy(update={"source": evidence.source.model_copy(update={"file": name})})
    return FormReading(Path(name), problems, evidence, reading.rubric)


def _renamed(problem: Problem, temporary: str, name: str) -> Problem:
    if problem.location.file != temporary:
        return problem
    return problem.model_copy(update={"location": problem.location.model_copy(update={"file": name})})


def round_rubric(round_: Round | None) -> LoadedRubric | None:
    return rubric_for(round_.rubric_id, round_.rubric_version) if round_ is not None else None


def mismatches(reading: FormReading, name: str, code: str | None, round_name: str | None,
               evaluation_type: str | None) -> list[Problem]:
    """What the cover says against what the form was uploaded for: project code, round, evaluation type."""
    if reading.evidence is None:
        return []
    p = reading.evidence.project
    found: list[Problem] = []
    where = Location(file=name)
    if code is not None and p.code != code:
        found.append(Problem(code="W010", location=where, params={"found": p.code, "expected": code}))
    if round_name is not None and p.round != round_name:
        found.append(Problem(code="W011", location=where, params={"found": p.round, "expected": round_name}))
    if evaluation_type is not None and p.evaluation_type != evaluation_type:
        found.append(Problem(code="W013", location=where, params={
            "found": TYPE_NAMES[p.evaluation_type].model_dump(), "expected": TYPE_NAMES[evaluation_type].model_dump()}))
    return found


def score(reading: FormReading) -> Result:
    """The result of a form read without errors."""
    assert reading.evidence is not None and reading.rubric is not None and reading.rubric.rubric is not None
    assert not errors(reading.problems)
    return evaluate(reading.rubric.rubric, reading.evidence, reading.problems)


def store(result: Result, name: str) -> Ingested:
    """Ingest into the server's store (the `default` connection) in its own transaction."""
    return ingest("default", result, name)
