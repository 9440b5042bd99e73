"""portfolio.pdf and portfolio.xlsx of a dashboard's scope: built by a task, kept, served again.

A kept file made at the scope's current version is served as it is; otherwise one build is queued and
the page waits for it (a build asked for long ago and never finished is queued again). What to build is
stored with the row: the evaluations the person who asked may count (`scope.choose`).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from evaluator.compare.model import Portfolio
from evaluator.compare.select import with_calibration
from evaluator.i18n import as_lang
from evaluator.problems import Location, Problem
from evaluator.store.records import RatedEvaluation
from evaluator.web.portfolio.building import ALIAS, chosen_of, portfolio_for, scope_data
from evaluator.web.portfolio.models import PortfolioFile
from evaluator.web.portfolio.scope import Chosen, Scope

FORMATS = ("pdf", "xlsx")
STALE = timedelta(minutes=15)    # a build asked for this long ago and not done is asked for again


def kept(scope: Scope, at: str, lang: str, fmt: str, data: bool = True) -> PortfolioFile | None:
    """The file kept for this scope, language and format if it was made at version `at`."""
    rows = PortfolioFile.objects.filter(scope_key=scope.key, lang=lang, fmt=fmt, version=at)
    return (rows if data else rows.defer("data", "chosen")).first()


def settled(row: PortfolioFile, again: bool = False) -> bool:
    """Nothing to queue: built, failed (unless asked again), or a build asked for lately."""
    return (row.state == "done" or (row.state == "failed" and not again)
            or (row.state == "waiting" and row.requested_at > timezone.now() - STALE))


def wanted(scope: Scope, at: str, lang: str, fmt: str, chosen: Callable[[], Chosen], again: bool = False,
           data: bool = True) -> PortfolioFile:
    """The kept file if it is settled; else the row of a build queued now (`chosen()` says of what).
    `data=False` leaves the file's bytes unread (a status check)."""
    found = kept(scope, at, lang, fmt, data)
    if found is not None and settled(found, again):
        return found
    what = {"version": at, "chosen": scope_data(chosen()), "state": "waiting", "problems": [],
            "requested_at": timezone.now()}
    with transaction.atomic():
        row, created = PortfolioFile.objects.select_for_update().defer("data").get_or_create(
            scope_key=scope.key, lang=lang, fmt=fmt, defaults=what)
        if not created and row.version == at and settled(row, again):
            return kept(scope, at, lang, fmt, data) or row
        if not created:
            PortfolioFile.objects.filter(pk=row.pk).update(**what)
    build_portfolio_file.enqueue(row.pk)
    return PortfolioFile.objects.defer("data", "chosen").get(pk=row.pk)


def build(file_id: int) -> str:
    """Build one file (the task's body); its state says how it went. A row asked for again at another
    version while this ran is left to the build queued then."""
    row = PortfolioFile.objects.defer("data").get(pk=file_id)
    try:
        chosen = chosen_of(row.chosen)
        portfolio = portfolio_for(chosen)
        if chosen.scope.viewer == "all":       # rater calibration names evaluators: the committee's, not a funder's
            portfolio = with_calibration(portfolio, _rated)
        data = render(portfolio, row.lang, row.fmt)
    except Exception as exc:  # noqa: BLE001 — a failed build is that file's state, never the worker's end
        problem = Problem(code="G001", location=Location(file=f"portfolio.{row.fmt}"),
                          params={"detail": f"{type(exc).__name__}: {exc}"})
        PortfolioFile.objects.filter(pk=file_id, version=row.version).update(
            state="failed", problems=[problem.model_dump(mode="json")], rendered_at=timezone.now())
        return "failed"
    done = PortfolioFile.objects.filter(pk=file_id, version=row.version).update(
        state="done", data=data, problems=[], rendered_at=timezone.now())
    return "done" if done else "superseded"


def _rated(ids: Sequence[int]) -> dict[int, RatedEvaluation]:
    """The ratings behind the downloads' calibration section, as the command line reads them."""
    from evaluator.store.ratings import rated_evaluations

    return rated_evaluations(ALIAS, ids)


def render(pf: Portfolio, lang: str, fmt: str) -> bytes:
    language = as_lang(lang)
    if fmt == "xlsx":
        from evaluator.compare.portfolio_xlsx import portfolio_xlsx

        return portfolio_xlsx(pf, language)
    from evaluator.compare.portfolio_view import portfolio_pdf

    return portfolio_pdf(pf, language, renderer=_renderer())


@functools.lru_cache(maxsize=1)
def _renderer():
    """One renderer per worker process: fonts and stylesheets load once."""
    from evaluator.report.render import Renderer

    return Renderer()


@task()
def build_portfolio_file(file_id: int) -> str:
    """Off the request path (`evaluator worker`): build one requested dashboard download, read by its id."""
    return build(file_id)
