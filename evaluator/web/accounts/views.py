"""Log-in, log-out and the home page: what waits for each role."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from evaluator.web import access
from evaluator.web.accounts.roles import (
    ADMIN,
    COMMITTEE,
    EVALUATOR,
    FUNDER,
    LABELS,
    ORGANIZATION,
    ROLES,
)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    roles = access.roles_of(user)
    context: dict = {"role_labels": [LABELS[r] for r in ROLES if r in roles]}
    if EVALUATOR in roles:
        from evaluator.web.evaluations.queries import assignment_rows

        context["assignments"] = assignment_rows(user)
    if roles & {ADMIN, COMMITTEE, ORGANIZATION, FUNDER}:
        context["rounds"] = access.visible_rounds(user).order_by("-name")
        latest = access.visible_evaluations(user).filter(latest=True).select_related("project", "round")
        context["evaluations"] = latest.order_by("-ingested_at")[:20]
    if ORGANIZATION in roles:
        context["projects"] = access.visible_projects(user).order_by("code")
    from evaluator.web.process.notify import reviews_waiting, waiting

    context["notifications"], context["reviews_waiting"] = waiting(user), reviews_waiting(user)
    return render(request, "accounts/home.html", context)
