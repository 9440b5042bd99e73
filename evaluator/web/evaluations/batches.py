"""A round uploaded at once: a zip of forms, or many forms in one request. Each form becomes a Submission
at once (so the page can list them); a task checks and scores them one by one, and the page polls its
progress."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django_tasks import task

from evaluator.forms.archive import MAX_FILE
from evaluator.problems import Location, Problem
from evaluator.store.models import Round
from evaluator.web.audit.log import record
from evaluator.web.evaluations import submissions
from evaluator.web.evaluations.models import Batch, Submission
from evaluator.web.uploads import (
    Upload,
    UploadRefused,
    is_workbook,
    is_zip,
    read_upload,
    unpack,
)

MAX_ARCHIVE = 200 * 2**20


def start(files: list[UploadedFile], round_: Round, user) -> Batch:
    """Keep every form of the upload as a waiting submission and queue the batch's scoring."""
    with transaction.atomic():
        batch = Batch.objects.create(round=round_, uploaded_by=user)
        problems: list[Problem] = []
        for file in files:
            problems += _take(file, batch, user)
        if not batch.submissions.exists() and not problems:
            problems.append(Problem(code="W007", location=Location(file=", ".join(f.name or "" for f in files))))
        batch.problems = [p.model_dump(mode="json") for p in problems]
        batch.state = "waiting" if batch.submissions.filter(state="waiting").exists() else "done"
        batch.save(update_fields=["problems", "state"])
        record(user, "batch.upload", batch, files=len(files), forms=batch.submissions.count())
    if batch.state == "waiting":
        score_batch.enqueue(batch.pk)
    return batch


def _take(file: UploadedFile, batch: Batch, user) -> list[Problem]:
    """The forms of one uploaded file as submissions; problems about the file as a whole."""
    limit = MAX_ARCHIVE if (file.name or "").lower().endswith(".zip") else MAX_FILE
    try:
        upload = read_upload(file, limit)
    except UploadRefused as refused:
        return refused.problems
    if upload.name.lower().endswith((".xlsx", ".xls")) or is_workbook(upload.data):
        submissions.receive(upload, user, batch=batch)    # the form reader says what a wrong file is
        return []
    if not is_zip(upload.data):
        return [_not_a_form(upload)]
    try:
        inside = unpack(upload)
    except UploadRefused as refused:
        return refused.problems
    forms = [f for f in inside if f.name.lower().endswith(".xlsx")]
    if not forms:
        return [Problem(code="W007", location=Location(file=upload.name))]
    for form in forms:
        submissions.receive(Upload(f"{upload.name}/{form.name}", form.data), user, batch=batch)
    return [_not_a_form(Upload(f"{upload.name}/{f.name}", f.data)) for f in inside if not f.name.lower().endswith(".xlsx")]


def _not_a_form(upload: Upload) -> Problem:
    found = upload.name.rsplit(".", 1)[-1] if "." in upload.name else upload.name
    return Problem(code="W006", severity="warning", location=Location(file=upload.name), params={"found": found})


def run(batch_id: int) -> dict:
    """Check and score every waiting form of the batch (the task's body)."""
    Batch.objects.filter(pk=batch_id).update(state="running")
    batch = Batch.objects.select_related("uploaded_by", "round").get(pk=batch_id)
    counts = {"scored": 0, "refused": 0}
    for submission_id in batch.submissions.filter(state="waiting").order_by("pk").values_list("pk", flat=True):
        submission = Submission.objects.select_related("round", "uploaded_by").get(pk=submission_id)
        reading = submissions.check(submission)
        if submission.state == "checked" and submissions.score(submission, batch.uploaded_by, reading) is not None:
            counts["scored"] += 1
        else:
            counts["refused"] += 1
    Batch.objects.filter(pk=batch_id).update(state="done")
    return counts


def progress(batch: Batch) -> dict:
    rows = list(batch.submissions.order_by("pk").values("pk", "file_name", "state", "evaluation_id", "problems"))
    done = sum(r["state"] != "waiting" for r in rows)
    return {"rows": rows, "total": len(rows), "done": done, "finished": batch.state == "done" and done == len(rows)}


@task()
def score_batch(batch_id: int) -> dict:
    """Off the request path (`evaluator worker`): score the batch's waiting forms. The argument is an id, and
    the task reads what it needs from the database, so any worker sharing the store can take it."""
    return run(batch_id)
