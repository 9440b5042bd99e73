"""The review process's pages: a review (moves, consensus, the self-assessment beside the ratings), a
round's 公示, the public page, appeals and their decisions, a result's history, and the organization's
portal (handbook, self-assessment forms and uploads, responses, improvement plans)."""

from __future__ import annotations

import functools
import io
from collections.abc import Callable
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from evaluator.forms.archive import MAX_FILE
from evaluator.i18n import both
from evaluator.outputs import safe_name
from evaluator.problems import Problem
from evaluator.store.models import Evaluation, Project, Round
from evaluator.web import access
from evaluator.web.lang import current
from evaluator.web.process import appeals, flow, plans, states
from evaluator.web.process.flow import Level, ProcessRefused
from evaluator.web.process.models import Appeal, AppealFile, Review
from evaluator.web.process.present import (
    change_rows,
    comparison_rows,
    disagreement_rows,
    history_rows,
    indicator_choices,
    public_rows,
)
from evaluator.web.process.words import ACTION_NAMES, STATE_NAMES
from evaluator.web.uploads import UploadRefused, read_upload

MAX_APPEAL_FILES = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _refused(request: HttpRequest, refused: ProcessRefused | UploadRefused) -> None:
    for problem in refused.problems:
        messages.error(request, _located(problem))


def _located(problem: Problem) -> str:
    where = problem.location.render()
    return f"{where}: {problem.code}: {problem.message(current())}" if where else problem.message(current())


def _review(request: HttpRequest, pk: int, action: str = "view_review") -> Review:
    review = get_object_or_404(Review.objects.select_related("project__organization", "round", "evaluation"), pk=pk)
    access.require(request.user, action, review)
    return flow.settle(review)


# -- the review page --------------------------------------------------------------------------------------------

@login_required
@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    found = _review(request, pk)
    roles = set(access.roles_of(request.user))
    acting = {r for r in roles if flow.role_for(request.user, found, frozenset({r}))}
    actions = [(a, ACTION_NAMES.shown(a)) for a in states.actions_for(found.state, acting) if a != "finalize"]
    may_decide = "committee" in acting and found.state in ("submitted", "resubmitted")
    return render(request, "process/review.html", {
        "review": found, "state": STATE_NAMES.shown(found.state), "actions": actions,
        "may_decide": may_decide, "disagreements": disagreement_rows(found),
        "comparison": comparison_rows(found), "indicators": indicator_choices(found.evaluation, current()),
        "events": history_rows(found)[-8:], "appeals": found.appeals.all(),
        "may_follow_up": "evaluator" in acting and found.state in states.EDITABLE,
        "open_actions": plans.open_actions(found.project_id, found.round_id), "followed": plans.followed_up(found)})


@login_required
@require_POST
def move(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    found = _review(request, pk)
    per_indicator: dict[str, str] = {}
    for n in "123":
        indicator = request.POST.get(f"return_indicator_{n}", "").strip()
        if indicator:
            per_indicator[indicator] = request.POST.get(f"return_reason_{n}", "")
    try:
        flow.act(found, action, request.user, request.POST.get("reason", ""), per_indicator)
    except ProcessRefused as refused:
        _refused(request, refused)
    else:
        messages.success(request, _("Done: %(action)s.") % {"action": ACTION_NAMES.shown(action)})
    return redirect("process:review", pk=pk)


@login_required
@require_POST
def consensus(request: HttpRequest, pk: int) -> HttpResponse:
    found = _review(request, pk, "decide")
    levels: dict[str, Level] = {}
    problems: list[Problem] = []
    for key, value in request.POST.items():
        if not key.startswith("level_"):
            continue
        indicator = key[len("level_"):]
        level, bad = flow.parse_level(value, f"level_{indicator}")
        problems += bad
        if level is not None:
            levels[indicator] = Level(level, request.POST.get(f"why_{indicator}", ""))
    try:
        if problems:
            raise ProcessRefused(problems)
        flow.record_consensus(found, request.user, levels)
    except ProcessRefused as refused:
        _refused(request, refused)
    else:
        if levels:
            messages.success(request, _("Consensus recorded; the result was scored again with it."))
    return redirect("process:review", pk=pk)


# -- 公示 -------------------------------------------------------------------------------------------------------

def _datetime(text: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat((text or "").strip())
    except ValueError:
        return None
    return timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed


@login_required
@require_http_methods(["GET", "POST"])
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    access.require(request.user, "decide", round_)
    for r in Review.objects.filter(round=round_, state="published"):
        flow.settle(r)
    if request.method == "POST":
        ends = _datetime(request.POST.get("publication_ends", ""))
        decided = _datetime(request.POST.get("appeals_decided_by", "")) if request.POST.get("appeals_decided_by") else None
        if ends is None:
            messages.error(request, _located(flow._problem(
                "V012", "publication_ends", field=both("publication ends"),
                expected=timezone.localtime().strftime("%Y-%m-%d %H:%M"), found=request.POST.get("publication_ends", ""))))
            return redirect("process:publish", pk=pk)
        try:
            count = appeals.publish_round(round_, request.user, ends, decided)
        except ProcessRefused as refused:
            _refused(request, refused)
        else:
            messages.success(request, _("%(count)s results published.") % {"count": count})
        return redirect("process:publish", pk=pk)
    reviews = Review.objects.filter(round=round_).select_related("project", "evaluation").order_by("project__code")
    return render(request, "process/publish.html", {
        "round": round_, "schedule": flow.schedule_of(round_),
        "rows": [(r, STATE_NAMES.shown(r.state)) for r in reviews],
        "approved": sum(r.state == "approved" for r in reviews)})


@require_GET
def public(request: HttpRequest) -> HttpResponse:
    """公示: every published (and final) result — project, organization, total, grade; no personal data."""
    for r in Review.objects.filter(state="published"):
        flow.settle(r)
    return render(request, "process/public.html", {"rounds": public_rows(current())})


# -- 复核 -------------------------------------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: HttpRequest, pk: int) -> HttpResponse:
    found = _review(request, pk, "own_review")
    if request.method == "POST":
        files = request.FILES.getlist("evidence")
        try:
            if len(files) > MAX_APPEAL_FILES:
                raise ProcessRefused([flow._problem("V013", "evidence", row=len(files), column="evidence",
                                                    expected=f"≤ {MAX_APPEAL_FILES}", found=len(files))])
            uploads = [read_upload(f, MAX_FILE) for f in files]
            made = appeals.file_appeal(found, request.user, request.POST.getlist("indicators"),
                                       request.POST.get("reason", ""), uploads)
        except (ProcessRefused, UploadRefused) as refused:
            _refused(request, refused)
            return redirect("process:appeal", pk=pk)
        messages.success(request, _("Your appeal was filed; the committee decides on it."))
        return redirect("process:appeal_decide", pk=made.pk)
    schedule = flow.schedule_of(found.round)
    return render(request, "process/appeal.html", {
        "review": found, "schedule": schedule, "open": appeals.open_period(found),
        "indicators": indicator_choices(found.evaluation, current()), "appeals": found.appeals.all()})


@login_required
@require_http_methods(["GET", "POST"])
def appeal_decide(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Appeal.objects.select_related("review__project", "review__round", "review__evaluation"),
                              pk=pk)
    access.require(request.user, "view_appeal", found)
    if request.method == "POST":
        access.require(request.user, "decide", found)
        levels: dict[str, int] = {}
        problems: list[Problem] = []
        for indicator in found.indicators:
            level, bad = flow.parse_level(request.POST.get(f"level_{indicator}", ""), f"level_{indicator}")
            problems += bad
            if level is not None:
                levels[indicator] = level
        try:
            if problems:
                raise ProcessRefused(problems)
            appeals.decide(found, request.user, request.POST.get("decision_action", ""),
                           request.POST.get("decision", ""), levels)
        except ProcessRefused as refused:
            _refused(request, refused)
        else:
            messages.success(request, _("The appeal was decided."))
        return redirect("process:appeal_decide", pk=pk)
    review_ = flow.settle(found.review)
    names = dict(indicator_choices(review_.evaluation, current()))
    return render(request, "process/appeal_decide.html", {
        "appeal": found, "review": review_, "names": [(i, names.get(i, i)) for i in found.indicators],
        "may_decide": access.allowed(request.user, "decide", found) and found.state == "filed"
        and review_.state in states.PUBLIC and review_.state not in states.LOCKED,
        "schedule": flow.schedule_of(review_.round), "files": found.files.defer("data"),
        "changes": change_rows(found.changes)})


@login_required
@require_GET
def appeal_file(request: HttpRequest, pk: int, file_pk: int) -> HttpResponse:
    found = get_object_or_404(Appeal, pk=pk)
    access.require(request.user, "view_appeal", found)
    item = get_object_or_404(AppealFile, pk=file_pk, appeal=found)
    return FileResponse(io.BytesIO(bytes(item.data)), as_attachment=True, filename=item.file_name,
                        content_type="application/octet-stream")


# -- history ----------------------------------------------------------------------------------------------------

@login_required
@require_GET
def history(request: HttpRequest, pk: int) -> HttpResponse:
    found = _review(request, pk, "view_history")
    from evaluator.web.evaluations.models import Submission

    uploads = (Submission.objects.filter(project=found.project, round=found.round).defer("data")
               .select_related("uploaded_by", "evaluation").order_by("uploaded_at", "id"))
    return render(request, "process/history.html", {
        "review": found, "state": STATE_NAMES.shown(found.state), "events": history_rows(found),
        "uploads": uploads, "appeals": found.appeals.prefetch_related("files").order_by("filed_at"),
        "versions": Evaluation.objects.filter(project=found.project, round=found.round,
                                              evaluation_type=found.evaluation_type).order_by("version")})


# -- the organization's portal ----------------------------------------------------------------------------------

@login_required
@require_GET
def portal(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "portal")
    from evaluator.web.process.portal import portal_rows

    return render(request, "process/portal.html", {"rounds": portal_rows(request.user)})


@functools.lru_cache(maxsize=4)
def _handbook(rubric_id: str, version: str, lang: str) -> bytes:
    from evaluator.i18n import as_lang
    from evaluator.report.rubric_handbook import render_handbook
    from evaluator.web.evaluations.views import round_rubric_by_key

    loaded = round_rubric_by_key(rubric_id, version)
    return render_handbook(loaded.rubric, loaded.sha256, as_lang(lang))


@login_required
@require_GET
def handbook(request: HttpRequest, pk: int) -> HttpResponse:
    """The round's rubric as the handbook PDF (what `evaluator rubric handbook` writes)."""
    round_ = get_object_or_404(Round, pk=pk)
    access.require(request.user, "home")
    data = _handbook(round_.rubric_id, round_.rubric_version, current())
    name = safe_name(round_.name, _("handbook")) + ".pdf"
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type="application/pdf")


def _project_round(request: HttpRequest, project_pk: int, round_pk: int) -> tuple[Project, Round]:
    project = get_object_or_404(Project.objects.select_related("organization"), pk=project_pk)
    round_ = get_object_or_404(Round, pk=round_pk)
    access.require(request.user, "own_project", project)
    return project, round_


@login_required
@require_GET
def self_form(request: HttpRequest, project_pk: int, round_pk: int) -> HttpResponse:
    from evaluator.web.process.selfassess import self_form_bytes

    project, round_ = _project_round(request, project_pk, round_pk)
    data = self_form_bytes(project, round_, current())
    name = safe_name(project.code, round_.name, _("self-assessment")) + ".xlsx"
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=XLSX)


@login_required
@require_http_methods(["GET", "POST"])
def self_assess(request: HttpRequest, project_pk: int, round_pk: int) -> HttpResponse:
    from evaluator.web.evaluations.models import Submission
    from evaluator.web.evaluations.present import problem_rows
    from evaluator.web.process import selfassess

    project, round_ = _project_round(request, project_pk, round_pk)
    if request.method == "POST":
        file = request.FILES.get("form")
        try:
            if file is None:
                raise ProcessRefused([flow._problem("V010", "form", field=both("self-assessment form"),
                                                    found="—")])
            submission = selfassess.upload(project, round_, request.user, read_upload(file, MAX_FILE))
        except (ProcessRefused, UploadRefused) as refused:
            _refused(request, refused)
            return redirect("process:self_assess", project_pk=project_pk, round_pk=round_pk)
        if submission.evaluation_id:
            messages.success(request, _("Your self-assessment was scored: this is its readiness report."))
            return redirect("evaluations:result", pk=submission.evaluation_id)
        return redirect(f"{request.path}?submission={submission.pk}")
    shown = request.GET.get("submission", "")
    earlier = Submission.objects.filter(project=project, round=round_, kind="self").defer("data")[:20]
    latest = next((s for s in earlier if str(s.pk) == shown), None)
    schedule = flow.schedule_of(round_)
    return render(request, "process/self_assess.html", {
        "project": project, "round": round_, "earlier": earlier, "schedule": schedule,
        "open": selfassess.open_for(round_), "shown": latest,
        "problems": problem_rows(latest.problems) if latest else []})


# -- responses and improvement plans --------------------------------------------------------------------------

@login_required
@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    from evaluator.web.process import responses

    return _organization_side(request, pk, route="process:respond", template="process/respond.html",
                              save=responses.answer, rows=responses.rows, may="may_answer",
                              saved=_("%(count)s answers saved."))


@login_required
@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    return _organization_side(request, pk, route="process:plan", template="process/plan.html",
                              save=plans.save, rows=plans.rows, may="may_edit",
                              saved=_("%(count)s actions in the improvement plan."))


def _organization_side(request: HttpRequest, pk: int, *, route: str, template: str, save: Callable[..., int],
                       rows: Callable[..., list], may: str, saved: str) -> HttpResponse:
    """The organization's side of a review (its answers to the feedback, its improvement plan): whoever may
    see the review reads the page; the organization's own account saves it while the review is released."""
    found = _review(request, pk, "view_history")
    if request.method == "POST":
        access.require(request.user, "own_review", found)
        try:
            count = save(found, request.user, request.POST)
        except ProcessRefused as refused:
            _refused(request, refused)
        else:
            messages.success(request, saved % {"count": count})
        return redirect(route, pk=pk)
    return render(request, template, {
        "review": found, "rows": rows(found, current()),
        may: access.allowed(request.user, "own_review", found) and found.state in states.RELEASED})


@login_required
@require_POST
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    """The next round's evaluator marks each open action of the earlier plan done or not, with evidence."""
    found = _review(request, pk, "evaluate_review")
    if found.state not in states.EDITABLE:
        messages.error(request, _located(flow._problem("V001", project=f"{found.project.code} {found.project.name}",
                                                       round=found.round.name, state=STATE_NAMES[found.state])))
        return redirect("process:review", pk=pk)
    try:
        count = plans.follow_up(found, request.user, request.POST)
    except ProcessRefused as refused:
        _refused(request, refused)
    else:
        messages.success(request, _("%(count)s plan actions followed up.") % {"count": count})
    return redirect("process:review", pk=pk)
