"""Two evaluators' uploads for one project merged the way `evaluator merge` merges them: the merged form
becomes a submission of the assignment, checked at once; conflicting evidence is listed with both cells
and the merged form can be downloaded to resolve them, then uploaded again."""

from __future__ import annotations

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from evaluator.forms.archive import MAX_FILE
from evaluator.forms.content import form_bytes
from evaluator.forms.merge import Merged, merge_forms
from evaluator.outputs import safe_name
from evaluator.problems import Problem
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.evaluations import submissions
from evaluator.web.evaluations.checking import read_bytes, round_rubric
from evaluator.web.evaluations.models import Submission
from evaluator.web.evaluations.present import problem_rows
from evaluator.web.rounds.models import Assignment
from evaluator.web.uploads import Upload, UploadRefused, read_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment.objects.select_related("project", "round"), pk=pk)
    access.require(request.user, "evaluate", assignment)
    context: dict = {"assignment": assignment}
    if request.method == "POST":
        files = [request.FILES.get("first"), request.FILES.get("second")]
        if any(f is None for f in files):
            context["missing"] = True
            return render(request, "fieldwork/merge.html", context, status=400)
        try:
            uploads = [read_upload(f, MAX_FILE) for f in files]  # type: ignore[arg-type]
        except UploadRefused as refused:
            context["problems"] = problem_rows(_dumped(refused.problems))
            return render(request, "fieldwork/merge.html", context, status=400)
        merged, submission = _merge(request, assignment, uploads)
        if submission is None:
            context["problems"] = problem_rows(_dumped(merged.problems))
            return render(request, "fieldwork/merge.html", context, status=400)
        context.update(merged=merged, submission=submission)
    return render(request, "fieldwork/merge.html", context)


def _dumped(problems: list[Problem]) -> list[dict]:
    return [p.model_dump(mode="json") for p in problems]


def _merge(request: HttpRequest, assignment: Assignment, uploads: list[Upload]) -> tuple[Merged, Submission | None]:
    rubric = round_rubric(assignment.round)
    names = [u.name for u in uploads]
    if names[0] == names[1]:  # both called 评估表.xlsx: tell them apart in the conflicts
        names = [f"A {names[0]}", f"B {names[1]}"]
    first, second = (read_bytes(u.data, name, rubric) for u, name in zip(uploads, names))
    merged = merge_forms(first, second)
    if merged.content is None or first.rubric is None:
        return merged, None
    data = form_bytes(first.rubric, merged.content, merged.lang)
    name = safe_name(assignment.project.code, assignment.round.name, _("merged")) + ".xlsx"
    submission = submissions.receive(Upload(name, data), request.user, assignment=assignment)
    record(request.user, "submission.merge", submission, first=uploads[0].name, second=uploads[1].name,
           conflicts=len(merged.conflicts))
    submissions.check(submission)
    return merged, submission


@login_required
@require_GET
def submitted_form(request: HttpRequest, pk: int) -> HttpResponse:
    """A submission's form as uploaded or merged: to resolve a merged form's conflicts and upload it again."""
    found = get_object_or_404(Submission.objects.select_related("assignment"), pk=pk)
    access.require(request.user, "view_submission", found)
    return FileResponse(io.BytesIO(bytes(found.data)), as_attachment=True, filename=found.file_name, content_type=XLSX)
