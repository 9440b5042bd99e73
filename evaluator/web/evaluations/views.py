"""The evaluator's flow: my assignments → the pre-filled form → upload → problems → score → result →
feedback report; and a whole round uploaded at once, with its progress."""

from __future__ import annotations

import functools
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluator.i18n import as_lang, LANGS
from evaluator.forms.archive import MAX_FILE
from evaluator.forms.prefill import prefill
from evaluator.outputs import safe_name
from evaluator.store.models import Evaluation, Round
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.evaluations import batches, reports, submissions
from evaluator.web.evaluations.checking import round_rubric
from evaluator.web.evaluations.models import Batch, Submission
from evaluator.web.evaluations.present import problem_rows
from evaluator.web.evaluations.queries import assignment_rows
from evaluator.web.evaluations.result_page import result_context
from evaluator.web.lang import current
from evaluator.web.rounds.models import Assignment
from evaluator.web.rounds.rubrics import bundled
from evaluator.web.uploads import UploadRefused, read_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_GET
def assignments(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "assignments")
    return render(request, "evaluations/assignments.html", {"rows": assignment_rows(request.user)})


@functools.lru_cache(maxsize=8)
def _template(rubric_sha: str, lang: str, rubric_key: tuple[str, str]) -> bytes:
    from evaluator.forms.save import workbook_bytes
    from evaluator.forms.template import build_template

    loaded = round_rubric_by_key(*rubric_key)
    wb, _ = build_template(loaded.rubric, loaded.sha256, as_lang(lang))
    return workbook_bytes(wb)


def round_rubric_by_key(rubric_id: str, version: str):
    from evaluator.bundled import DEFAULT_RUBRIC
    from evaluator.web.rounds.rubrics import rubric_for

    return rubric_for(rubric_id, version) or bundled(DEFAULT_RUBRIC)


@login_required
@require_GET
def form(request: HttpRequest, pk: int) -> HttpResponse:
    """This project's form, its cover filled in from the set-up (project, round, evaluators)."""
    assignment = get_object_or_404(Assignment.objects.select_related("project__organization", "round"), pk=pk)
    access.require(request.user, "evaluate", assignment)
    loaded = round_rubric(assignment.round) or round_rubric_by_key("", "")
    key = (assignment.round.rubric_id, assignment.round.rubric_version)
    blank = _template(loaded.sha256 or "", current(), key)
    data = prefill(blank, _cover(assignment))
    from evaluator.web.process.plans import open_actions, prefill_actions

    data = prefill_actions(data, open_actions(assignment.project_id, assignment.round_id))   # the last plan (issue 13)
    name = safe_name(assignment.project.code, assignment.round.name, _("form")) + ".xlsx"
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=XLSX)


def _cover(assignment: Assignment) -> dict:
    p = assignment.project
    team = Assignment.objects.filter(project=p, round=assignment.round).select_related("evaluator")
    return {"code": p.code, "name": p.name, "organization": p.organization.name if p.organization else None,
            "community": p.community, "street": p.street, "district": p.district, "funder": p.funder,
            "round": assignment.round.name, "evaluation_type": assignment.evaluation_type,
            "evaluators": [a.evaluator.get_full_name() or a.evaluator.get_username() for a in team]}


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the filled form; it is checked at once and every problem is listed on the next page."""
    assignment = get_object_or_404(Assignment.objects.select_related("project", "round"), pk=pk)
    access.require(request.user, "evaluate", assignment)
    if request.method == "POST":
        file = request.FILES.get("form")
        if file is None:
            messages.error(request, _("Choose the filled form (.xlsx) to upload."))
            return redirect("evaluations:upload", pk=pk)
        try:
            received = read_upload(file, MAX_FILE)
        except UploadRefused as refused:
            from evaluator.web.uploads import Upload, shown_name

            submission = submissions.refuse(Upload(shown_name(file.name), b""), request.user, refused.problems,
                                            assignment=assignment)
            return redirect("evaluations:submission", pk=submission.pk)
        submission = submissions.receive(received, request.user, assignment=assignment)
        submissions.check(submission)
        return redirect("evaluations:submission", pk=submission.pk)
    earlier = Submission.objects.filter(assignment=assignment).defer("data")[:10]
    return render(request, "evaluations/upload.html", {"assignment": assignment, "earlier": earlier})


@login_required
@require_GET
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Submission.objects.defer("data").select_related("assignment__project", "round"), pk=pk)
    access.require(request.user, "view_submission", found)
    rows = problem_rows(found.problems)
    return render(request, "evaluations/submission.html", {
        "submission": found, "problems": rows, "errors": sum(r.severity == "error" for r in rows),
        "warnings": sum(r.severity == "warning" for r in rows),
        "may_score": found.state == "checked" and access.allowed(request.user, "score", found)})


@login_required
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Submission.objects.select_related("assignment", "round"), pk=pk)
    access.require(request.user, "score", found)
    if found.state not in ("checked", "scored"):
        messages.error(request, _("This form has errors and cannot be scored. Fix them and upload it again."))
        return redirect("evaluations:submission", pk=pk)
    evaluation = submissions.score(found, request.user)
    if evaluation is None:
        return redirect("evaluations:submission", pk=pk)
    return redirect("evaluations:result", pk=evaluation.pk)


@login_required
@require_GET
def result(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "evaluations/result.html", result_context(_evaluation(request, pk)))


def _report_lang(lang: str) -> str:
    if lang not in LANGS:
        from django.http import Http404

        raise Http404(lang)
    return lang


def _evaluation(request: HttpRequest, pk: int) -> Evaluation:
    evaluation = get_object_or_404(Evaluation.objects.select_related("project", "round"), pk=pk)
    access.require(request.user, "view_evaluation", evaluation)
    return evaluation


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    """The report's page: a render is queued unless a current one is kept; it links to the PDF once ready
    (POST: render a failed report again)."""
    evaluation = _evaluation(request, pk)
    row = reports.wanted(evaluation, _report_lang(lang), again=request.method == "POST")
    if request.method == "POST":
        record(request.user, "report.render_again", evaluation, lang=lang)
        return redirect("evaluations:report", pk=pk, lang=lang)
    return render(request, "evaluations/report_wait.html", _report_context(evaluation, row, lang))


@login_required
@require_GET
def report_file(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    """The kept PDF when it is current; otherwise back to the report's page, which renders it."""
    evaluation = _evaluation(request, pk)
    row = reports.wanted(evaluation, _report_lang(lang))
    if row.state != "done":
        return redirect("evaluations:report", pk=pk, lang=lang)
    name = safe_name(evaluation.project.code, evaluation.round.name, evaluation.evaluation_type, lang) + ".pdf"
    return FileResponse(io.BytesIO(bytes(row.data)), as_attachment=True, filename=name, content_type="application/pdf")


def _report_context(evaluation: Evaluation, row, lang: str) -> dict:
    return {"evaluation": evaluation, "report": row, "lang": lang, "problems": problem_rows(row.problems)}


@login_required
@require_GET
def report_status(request: HttpRequest, pk: int, lang: str) -> HttpResponse:
    evaluation = _evaluation(request, pk)
    row = evaluation.reports.filter(lang=_report_lang(lang), fmt="pdf").defer("data").first()
    if row is None:
        row = reports.wanted(evaluation, lang)
    return render(request, "evaluations/report_status.html", _report_context(evaluation, row, lang))


@login_required
@require_http_methods(["GET", "POST"])
def batch_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """A round at once: a zip of forms, or many forms chosen together."""
    round_ = get_object_or_404(Round, pk=pk)
    access.require(request.user, "upload_round", round_)
    if request.method == "POST":
        files = request.FILES.getlist("forms")
        if not files:
            messages.error(request, _("Choose the forms (.xlsx) or a zip of them to upload."))
            return redirect("evaluations:batch_upload", pk=pk)
        found = batches.start(files, round_, request.user)
        return redirect("evaluations:batch", pk=found.pk)
    return render(request, "evaluations/batch_upload.html", {"round": round_})


def _batch(request: HttpRequest, pk: int) -> Batch:
    found = get_object_or_404(Batch.objects.select_related("round"), pk=pk)
    access.require(request.user, "view_batch", found)
    return found


@login_required
@require_GET
def batch(request: HttpRequest, pk: int) -> HttpResponse:
    found = _batch(request, pk)
    return render(request, "evaluations/batch.html", _batch_context(found))


@login_required
@require_GET
def batch_status(request: HttpRequest, pk: int) -> HttpResponse:
    found = _batch(request, pk)
    return render(request, "evaluations/batch_status.html", _batch_context(found))


def _batch_context(found: Batch) -> dict:
    state = batches.progress(found)
    for row in state["rows"]:
        row["problem_rows"] = problem_rows(row["problems"])
        row["errors"] = sum(r.severity == "error" for r in row["problem_rows"])
    return {"batch": found, "progress": state, "problems": problem_rows(found.problems)}
