"""The funder's flow: the rounds in reach → a round's dashboard (filters by district, street and funder,
htmx where it helps) → drill-down to a project → its result pages; the comparison across rounds;
portfolio.pdf and portfolio.xlsx built by a task and downloaded.

Who may see what is `access`'s to say: a funder sees the rounds it funds, the evaluating body and the
committee every round, evaluators and organizations no dashboard. A dashboard's body is rendered once
per scope, data version and language and kept (`building.bodies`); each request checks the version.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import astuple, replace
from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_GET, require_http_methods

from evaluator.outputs import safe_name
from evaluator.rounds import round_key
from evaluator.store.models import Project, Round
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.evaluations.present import problem_rows
from evaluator.web.lang import current as page_lang
from evaluator.web.portfolio import downloads
from evaluator.web.portfolio.building import bodies, chosen_for, chosen_of, current
from evaluator.web.portfolio.forms import CompareForm, FilterForm
from evaluator.web.portfolio.present import compare_page, round_page
from evaluator.web.portfolio.project_page import project_page
from evaluator.web.portfolio.scope import (
    Chosen,
    Filters,
    Scope,
    counted,
    filter_values,
    version,
    viewer,
)

CONTENT_TYPES = {"pdf": "application/pdf",
                 "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
Rounds = Sequence[tuple[int, str]]


def _rounds(user: Any) -> list[tuple[int, str]]:
    """The rounds whose dashboards the person may open, oldest first."""
    return sorted(access.portfolio_rounds(user).values_list("pk", "name"), key=lambda r: round_key(r[1]))


def _project_link(chosen: Chosen) -> Callable[[str], str]:
    def link(code: str) -> str:
        pk = chosen.projects.get(code)
        return reverse("portfolio:project", args=[pk]) if pk is not None else ""
    return link


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    """The whole page, or (an htmx request from the filters) only its body, which the filters change."""
    if request.headers.get("HX-Request") == "true":
        response = HttpResponse(context["body"], status=status)
    else:
        response = render(request, template, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _body(request: HttpRequest, key: tuple, template: str, fill: Callable[[], tuple[dict, bool]]) -> tuple[str, int]:
    """The body kept under `key`, else rendered from `fill()` → (context, valid) and kept if valid."""
    if (kept := bodies.get(key)) is not None:
        return kept, 200
    context, valid = fill()
    body = render_to_string(template, context, request)
    return (bodies.put(key, body), 200) if valid else (body, 400)


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
    user, lang = request.user, page_lang()
    access.require(user, "view_portfolio", round_)
    every = _rounds(user)
    asked = Scope((pk,), Filters.asked(request.GET), viewer(user), with_previous=True)
    at = version(user, asked, every)

    def fill() -> tuple[dict, bool]:
        form = FilterForm(request.GET, filter_values(user, [pk]))
        if not form.is_valid():
            return {"form": form}, False
        done = current(user, replace(asked, filters=form.filters()), every, at)
        page = round_page(done.portfolio, round_.name, _project_link(done.chosen), lang)
        return {"form": form, "page": page, "query": form.query([pk])}, True

    body, status = _body(request, ("round", asked.key, at, lang, request.path), "portfolio/round_body.html", fill)
    return _page(request, "portfolio/round.html", {"round": round_, "body": body}, status)


def _asked_rounds(request: HttpRequest, every: Rounds) -> tuple[int, ...] | None:
    """The rounds the address names (all the person sees if none); None if one is not a number."""
    given = request.GET.getlist("rounds")
    if not all(r.isascii() and r.isdigit() for r in given):
        return None
    return tuple(sorted({int(r) for r in given})) if given else tuple(sorted(pk for pk, _ in every))


@login_required
@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    user, lang = request.user, page_lang()
    access.require(user, "view_portfolio")
    every = _rounds(user)
    rounds = _asked_rounds(request, every)
    asked = Scope(rounds or (), Filters.asked(request.GET), viewer(user))
    at = version(user, asked, every)
    ids = {name: pk for pk, name in every}

    def fill() -> tuple[dict, bool]:
        form = CompareForm(request.GET, filter_values(user, [pk for pk, _ in every]), every)
        if rounds is None or not form.is_valid():
            form.is_valid()
            return {"form": form}, False
        query = form.query()

        def round_link(name: str) -> str:
            return reverse("portfolio:round", args=[ids[name]]) + (f"?{query}" if query else "")

        done = current(user, replace(asked, filters=form.filters()), every, at)
        page = compare_page(done.portfolio, round_link, _project_link(done.chosen), lang)
        return {"form": form, "page": page, "query": form.query(asked.rounds)}, True

    key = ("compare", asked.key, at, lang, request.path)
    body, status = _body(request, key, "portfolio/compare_body.html", fill)
    return _page(request, "portfolio/compare.html", {"body": body}, status)


@login_required
@require_GET
def project(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(Project.objects.select_related("organization"), pk=pk)
    access.require(request.user, "view_portfolio_project", found)
    return render(request, "portfolio/project.html", {"page": project_page(request.user, found, page_lang())})


class _BadScope(Exception):
    def __init__(self, form: CompareForm):
        super().__init__("bad scope")
        self.form = form


def _download_scope(request: HttpRequest, fmt: str) -> tuple[Scope, str, Callable[[], Chosen], Rounds]:
    """The scope the download's address names, its version, and how to choose its evaluations (which
    checks the rounds and filters first: _BadScope for a value that is not among the choices)."""
    if fmt not in downloads.FORMATS:
        raise Http404(fmt)
    user = request.user
    access.require(user, "view_portfolio")
    every = _rounds(user)
    rounds = _asked_rounds(request, every)
    asked = Scope(rounds or (), Filters.asked(request.GET), viewer(user))
    at = version(user, asked, every)

    def chosen() -> Chosen:
        form = CompareForm(request.GET, filter_values(user, [pk for pk, _ in every]), every)
        if not form.is_valid() or rounds is None:
            raise _BadScope(form)
        return chosen_for(user, replace(asked, filters=form.filters()), every, at)

    return asked, at, chosen, every


def _file_name(chosen: Chosen, fmt: str) -> str:
    """portfolio_<first round>_<last round>_<filters>.xlsx: letters, digits, '-' and '_' only."""
    ends = chosen.rounds[:1] + chosen.rounds[1:][-1:]
    return safe_name("portfolio", *ends, *astuple(chosen.scope.filters)) + f".{fmt}"


@login_required
@require_http_methods(["GET", "POST"])
def download(request: HttpRequest, fmt: str) -> HttpResponse:
    """The file once built; until then a page that waits for it (POST: build again after a failure)."""
    asked, at, chosen, every = _download_scope(request, fmt)
    lang = page_lang()
    try:
        row = downloads.wanted(asked, at, lang, fmt, chosen, again=request.method == "POST")
    except _BadScope as bad:
        return render(request, "portfolio/download_wait.html", {"form": bad.form, "fmt": fmt}, status=400)
    if request.method == "POST":
        record(request.user, "portfolio.build_again", None, fmt=fmt, lang=lang, scope=asked.to_json())
        return redirect(request.get_full_path())
    if row.state == "done":
        name = _file_name(chosen_of(row.chosen), fmt)
        return FileResponse(io.BytesIO(bytes(row.data)), as_attachment=True, filename=name,
                            content_type=CONTENT_TYPES[fmt])
    return render(request, "portfolio/download_wait.html", _download_context(request, row, asked, every, fmt))


def _download_context(request: HttpRequest, row, asked: Scope, every: Rounds, fmt: str) -> dict:
    names = dict(every)
    return {"file": row, "fmt": fmt, "query": request.GET.urlencode(), "problems": problem_rows(row.problems),
            "shown": [names[r] for r in asked.rounds if r in names] + [v for v in astuple(asked.filters) if v]}


@login_required
@require_GET
def download_status(request: HttpRequest, fmt: str) -> HttpResponse:
    asked, at, chosen, every = _download_scope(request, fmt)
    try:
        row = downloads.wanted(asked, at, page_lang(), fmt, chosen, data=False)
    except _BadScope as bad:
        return render(request, "portfolio/download_wait.html", {"form": bad.form, "fmt": fmt}, status=400)
    return render(request, "portfolio/download_status.html", _download_context(request, row, asked, every, fmt))
