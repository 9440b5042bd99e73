"""Uploaded forms: kept, checked, scored. Every step records who did it in the audit log.

    receive(upload, user, assignment=…)     keep the bytes (a Submission, state "waiting")
    check(submission)                       read it; problems listed, state "refused" or "checked"
    score(submission, user)                 evaluate and ingest a checked form; state "scored"
"""

from __future__ import annotations

import hashlib

from django.db import transaction

from evaluator.forms.reader import FormReading
from evaluator.problems import Location, Problem, errors
from evaluator.store.db import StoreError
from evaluator.store.models import Evaluation, Project
from evaluator.web import access
from evaluator.web.accounts.roles import ADMIN
from evaluator.web.audit.log import record
from evaluator.web.evaluations import checking
from evaluator.web.evaluations.models import Batch, Submission
from evaluator.web.rounds.models import Assignment
from evaluator.web.uploads import Upload


def receive(upload: Upload, user, assignment: Assignment | None = None, batch: Batch | None = None) -> Submission:
    round_ = assignment.round if assignment else batch.round if batch else None
    submission = Submission.objects.create(
        file_name=upload.name, sha256=hashlib.sha256(upload.data).hexdigest(), size=len(upload.data),
        data=upload.data, uploaded_by=user, assignment=assignment, batch=batch, round=round_,
        project=assignment.project if assignment else None)
    record(user, "submission.upload", submission, file=upload.name, sha256=submission.sha256, size=submission.size)
    return submission


def refuse(upload: Upload, user, problems: list[Problem], batch: Batch | None = None,
           assignment: Assignment | None = None) -> Submission:
    """An upload refused before reading (too large, not a form): kept with its problems, without its bytes."""
    submission = receive(Upload(upload.name, b""), user, assignment=assignment, batch=batch)
    _finish(submission, "refused", problems)
    return submission


def check(submission: Submission) -> FormReading:
    """Read the form and hold it against its assignment (or, in a round upload, find the uploader's
    assignment for the project the cover names); the reading, for `score` to use without reading again."""
    reading = checking.read_bytes(bytes(submission.data), submission.file_name, checking.round_rubric(submission.round))
    problems = list(reading.problems)
    assignment = submission.assignment
    if reading.evidence is not None:
        p = reading.evidence.project
        if submission.batch_id is not None and assignment is None:
            assignment, refused = _batch_assignment(submission, p.code, p.round)
            problems += refused
        problems += checking.mismatches(
            reading, submission.file_name, assignment.project.code if assignment else None,
            submission.round.name if submission.round else None,
            assignment.evaluation_type if assignment else None)
        submission.assignment = assignment
        submission.project = assignment.project if assignment else Project.objects.filter(code=p.code).first()
    _finish(submission, "refused" if errors(problems) else "checked", problems)
    return reading


def _batch_assignment(submission: Submission, code: str, round_name: str) -> tuple[Assignment | None, list[Problem]]:
    """An admin may upload any project's form; an evaluator only those of projects assigned to them."""
    user = submission.uploaded_by
    found = access.my_assignments(user).filter(project__code=code, round__name=round_name).select_related(
        "project", "round").first()
    if found is not None or access.has_role(user, ADMIN):
        return found, []
    return None, [Problem(code="W012", location=Location(file=submission.file_name),
                          params={"code": code, "round": round_name})]


def _finish(submission: Submission, state: str, problems: list[Problem]) -> None:
    submission.state = state
    submission.problems = [p.model_dump(mode="json") for p in problems]
    submission.save(update_fields=["state", "problems", "assignment", "project"])


def score(submission: Submission, user, reading: FormReading | None = None) -> Evaluation | None:
    """Score a checked form (read again unless `check`'s reading is given) and store the result; None
    (with the problems kept) when it cannot be."""
    if submission.state == "scored" and submission.evaluation_id:
        return submission.evaluation
    if reading is None:
        reading = checking.read_bytes(bytes(submission.data), submission.file_name,
                                      checking.round_rubric(submission.round))
    if errors(reading.problems) or reading.evidence is None:
        _finish(submission, "refused", reading.problems)
        return None
    if (refused := _process_guard(submission, reading)) is not None:
        _finish(submission, "refused", reading.problems + [refused])
        return None
    result = checking.score(reading)
    try:
        ingested = checking.store(result, submission.file_name)
    except StoreError as exc:
        _finish(submission, "refused", reading.problems + exc.problems)
        return None
    with transaction.atomic():
        evaluation = Evaluation.objects.select_related("project", "round").get(pk=ingested.evaluation_id)
        submission.evaluation, submission.state = evaluation, "scored"
        submission.project = evaluation.project
        submission.save(update_fields=["evaluation", "state", "project"])
        record(user, "submission.score", submission, evaluation=evaluation.pk, added=ingested.added,
               version=ingested.version, total=result.total.points, grade=result.total.grade.id)
    from evaluator.web.process.flow import on_scored

    on_scored(evaluation, user, submission.file_name)
    return evaluation


def _process_guard(submission: Submission, reading: FormReading) -> Problem | None:
    """The review process refuses a new version of a result under review or locked (issue 13)."""
    from evaluator.store.models import Round
    from evaluator.web.process.flow import guard

    assert reading.evidence is not None
    p = reading.evidence.project
    project = Project.objects.filter(code=p.code).first()
    round_ = Round.objects.filter(name=p.round).first()
    if Evaluation.objects.filter(project=project, round=round_, evaluation_type=p.evaluation_type,
                                 source_sha256=submission.sha256).exists():
        return None     # this very form is stored already: scoring it again changes nothing
    found = guard(project, round_, p.evaluation_type)
    return found.model_copy(update={"location": Location(file=submission.file_name)}) if found else None
