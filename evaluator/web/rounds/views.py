"""The evaluating body's set-up pages (guidance where the admin site would not give it) and the
evaluators' own declarations of ties (回避)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from evaluator.store.models import Round
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.evaluations.present import problem_rows
from evaluator.web.rounds.forms import AssignmentForm, ConflictForm, RubricUploadForm
from evaluator.web.rounds.models import Assignment, Conflict, RubricUpload
from evaluator.web.rounds.rubrics import check_upload


@login_required
@require_http_methods(["GET", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Rounds at a glance and the assignment form: a declared tie refuses the assignment with its reason."""
    access.require(request.user, "setup")
    form = AssignmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            assignment = form.save()
            record(request.user, "assignment.add", assignment)
        messages.success(request, _("Assigned: %(assignment)s") % {"assignment": assignment})
        return redirect("rounds:setup")
    rounds = (Round.objects.annotate(n_assignments=Count("assignments", distinct=True),
                                     n_evaluations=Count("evaluations", distinct=True))
              .prefetch_related("funders__funder").order_by("-name"))
    recent = Assignment.objects.select_related("evaluator", "project", "round").order_by("-assigned_at")[:30]
    return render(request, "rounds/setup.html", {"form": form, "rounds": rounds, "assignments": recent})


@login_required
@require_http_methods(["GET", "POST"])
def rubrics(request: HttpRequest) -> HttpResponse:
    """Upload a rubric: every problem is listed with its file, line and key, as `evaluator rubric check`."""
    access.require(request.user, "setup")
    form = RubricUploadForm(request.POST or None, request.FILES or None)
    checked = None
    if request.method == "POST" and form.is_valid():
        checked = check_upload(form.cleaned_data["file"], request.user)
        record(request.user, "rubric.upload", checked, ok=checked.ok, problems=len(checked.problems))
        if checked.ok:
            messages.success(request, _("The rubric %(id)s %(version)s has no errors and can be used by rounds.")
                             % {"id": checked.rubric_id, "version": checked.rubric_version})
    uploads = RubricUpload.objects.select_related("uploaded_by").defer("data")[:20]
    shown = problem_rows(checked.problems) if checked else []
    return render(request, "rounds/rubrics.html", {"form": form, "checked": checked, "checked_problems": shown,
                                                  "uploads": uploads})


@login_required
@require_http_methods(["GET", "POST"])
def conflicts(request: HttpRequest) -> HttpResponse:
    """An evaluator declares their ties with organizations; they will not be assigned to their projects."""
    access.require(request.user, "declare_conflict")
    form = ConflictForm(request.POST or None, evaluator=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            conflict = form.save(commit=False)
            conflict.evaluator = request.user
            conflict.save()
            record(request.user, "conflict.declare", conflict, reason=conflict.reason)
        messages.success(request, _("Declared. You will not be assigned to %(organization)s's projects.")
                         % {"organization": conflict.organization.name})
        return redirect("rounds:conflicts")
    mine = Conflict.objects.filter(evaluator=request.user).select_related("organization")
    return render(request, "rounds/conflicts.html", {"form": form, "conflicts": mine})
