"""The funder's flow: the rounds in reach → a round's dashboard (filters by district, street and funder,
htmx where it helps) → drill-down to a project → its result pages; the comparison across rounds;
portfolio.pdf and portfolio.xlsx built by a task and downloaded.

Who may see what is `access`'s to say: a funder sees the rounds it funds, the evaluating body and the
committee every round, evaluators and organizations no dashboard.
"""

from __future__ import annotations

from dataclasses import astuple
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from evaluator.outputs import safe_name
from evaluator.store.models import Project, Round
from evaluator.store.terms import round_key
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.evaluations.present import problem_rows
from evaluator.web.lang import current
from evaluator.web.portfolio import downloads
from evaluator.web.portfolio.building import portfolio_for
from evaluator.web.portfolio.forms import CompareForm, FilterForm
from evaluator.web.portfolio.present import compare_page, round_page
from evaluator.web.portfolio.project_page import project_page
from evaluator.web.portfolio.scope import (
    Chosen,
    Scope,
    choose,
    counted,
    filter_values,
    viewer,
)

CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _rounds(user: Any) -> list[tuple[int, str]]:
    """The rounds whose dashboards the person may open, oldest first."""
    return sorted(access.portfolio_rounds(user).values_list("pk", "name"), key=lambda r: round_key(r[1]))


def _project_link(chosen: Chosen):
    def link(code: str) -> str:
        pk = chosen.projects.get(code)
        return reverse("portfolio:project", args=[pk]) if pk is not None else ""
    return link


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """The whole page, or (an htmx request from the filters) only the part the filters change."""
    if request.headers.get("HX-Request") == "true":
        template = template.replace(".html", "_body.html")
    return render(request, template, context, status=status)


@login_required
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    access.require(request.user, "view_portfolio")
    counts = dict(counted(request.user).values("round_id").annotate(n=Count("project_id", distinct=True))
                  .values_list("round_id", "n"))
    rounds = [(pk, name, counts.get(pk, 0)) for pk, name in reversed(_rounds(request.user))]
    return render(request, "portfolio/index.html", {"rounds": rounds})


@login_required
@require_GET
def round_dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = get_object_or_404(Round, pk=pk)
    user = request.user
    access.require(user, "view_portfolio", round_)
    form = FilterForm(request.GET, filter_values(user, [pk]))
    context: dict = {"round": round_, "form": form}
    if not form.is_valid():
        return _page(request, "portfolio/round.html", context, status=400)
    chosen = choose(user, Scope((pk,), form.filters(), viewer(user), with_previous=True), {pk: round_.name})
    page = round_page(portfolio_for(chosen), round_.name, _project_link(chosen), current())
    context |= {"page": page, "query": form.query([pk])}
    return _page(request, "portfolio/round.html", context)


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    user = request.user
    access.require(user, "view_portfolio")
    every = _rounds(user)
    form = CompareForm(request.GET, filter_values(user, [pk for pk, _ in every]), every)
    context: dict = {"form": form, "every": every}
    if not form.is_valid():
        return _page(request, "portfolio/compare.html", context, status=400)
    rounds = form.chosen_rounds(every)
    chosen = choose(user, Scope(tuple(sorted(rounds)), form.filters(), viewer(user)), dict(every))
    ids = {name: pk for pk, name in every}

    def round_link(name: str) -> str:
        return reverse("portfolio:round", args=[ids[name]]) + (f"?{form.query()}" if form.query() else "")

    page = compare_page(portfolio_for(chosen), round_link, _project_link(chosen), current())
    context |= {"page": page, "query": form.query(sorted(rounds))}
    return _page(request, "portfolio/compare.html", context)


@login_required
@require_GET
def project(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Project.objects.select_related("organization"), pk=pk)
    access.require(request.user, "view_portfolio_project", found)
    return render(request, "portfolio/project.html", {"page": project_page(request.user, found, current())})


def _download_scope(request: HttpRequest, fmt: str) -> Chosen:
    """The rounds and filters of the download's address, as the person may count them (403, or 400 for
    a value that is not one of the choices)."""
    if fmt not in downloads.FORMATS:
        raise Http404(fmt)
    user = request.user
    access.require(user, "view_portfolio")
    every = _rounds(user)
    form = CompareForm(request.GET, filter_values(user, [pk for pk, _ in every]), every)
    if not form.is_valid():
        raise _BadScope(form)
    rounds = form.chosen_rounds(every)
    return choose(user, Scope(tuple(sorted(rounds)), form.filters(), viewer(user)), dict(every))


class _BadScope(Exception):
    def __init__(self, form: CompareForm):
        super().__init__("bad scope")
        self.form = form


@login_required
@require_http_methods(["GET", "POST"])
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The file once built; until then a page that waits for it (POST: build again after a failure)."""
    try:
        chosen = _download_scope(request, fmt)
    except _BadScope as bad:
        return render(request, "portfolio/download_wait.html", {"form": bad.form, "fmt": fmt}, status=400)
    lang = current()
    row = downloads.wanted(chosen, lang, fmt, again=request.method == "POST")
    if request.method == "POST":
        record(request.user, "portfolio.build_again", None, fmt=fmt, lang=lang, rounds=chosen.rounds)
        return redirect(request.get_full_path())
    if row.state == "done":
        return FileResponse(iter([bytes(row.data)]), as_attachment=True, filename=_file_name(chosen, fmt), content_type=CONTENT_TYPES[fmt])
    return render(request, "portfolio/download_wait.html", _download_context(request, row, chosen, fmt))


def _file_name(chosen: Chosen, fmt: str) -> str:
    """portfolio_<first round>_<last round>_<filters>.xlsx: letters, digits, '-' and '_' only."""
    ends = chosen.rounds[:1] + chosen.rounds[1:][-1:]
    return safe_name("portfolio", *ends, *astuple(chosen.scope.filters)) + f".{fmt}"


def _download_context(request: HttpRequest, row, chosen: Chosen, fmt: str) -> dict:
    return {"file": row, "fmt": fmt, "chosen": chosen, "filters": [v for v in astuple(chosen.scope.filters) if v],
            "query": request.GET.urlencode(),
            "problems": problem_rows(row.problems)}


@login_required
@require_GET
def download_status(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        chosen = _download_scope(request, fmt)
    except _BadScope as bad:
        return render(request, "portfolio/download_wait.html", {"form": bad.form, "fmt": fmt}, status=400)
    row = downloads.wanted(chosen, current(), fmt, data=False)
    return render(request, "portfolio/download_status.html", _download_context(request, row, chosen, fmt))
