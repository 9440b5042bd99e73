"""portfolio.pdf and portfolio.xlsx of a dashboard's scope: built by a task, kept, served again.

A kept file whose digest is the scope's current one is served as it is; otherwise one build is queued
and the page waits for it (a build asked for long ago and never finished is queued again). The file is
made from the evaluations the person who asked may count (`scope.choose`), stored with the row.
"""

from __future__ import annotations

import functools
import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from evaluator.compare.model import Portfolio
from evaluator.messages import Lang
from evaluator.problems import Location, Problem
from evaluator.web.portfolio.building import portfolio_for
from evaluator.web.portfolio.models import PortfolioFile
from evaluator.web.portfolio.scope import Chosen, Scope

LANGS = ("zh", "en")
FORMATS = ("pdf", "xlsx")
STALE = timedelta(minutes=15)    # a build asked for this long ago and not done is asked for again


def wanted(chosen: Chosen, lang: str, fmt: str, again: bool = False, data: bool = True) -> PortfolioFile:
    """The kept file if it is current (or failed, unless `again`); else the row of a build queued now,
    or of one already on its way. `data=False` leaves the file's bytes unread (a status check)."""
    found = kept(chosen, lang, fmt, data)
    if found is not None and _settled(found, again, timezone.now()):
        return found
    now = timezone.now()
    what = {"digest": chosen.digest, "scope": _scope_data(chosen), "ids": chosen.ids}
    with transaction.atomic():
        row, created = PortfolioFile.objects.select_for_update().defer("data").get_or_create(
            scope_key=chosen.scope.key, lang=lang, fmt=fmt, defaults={**what, "requested_at": now})
        if not created and row.digest == chosen.digest and _settled(row, again, now):
            return kept(chosen, lang, fmt, data) or row
        if not created:
            PortfolioFile.objects.filter(pk=row.pk).update(**what, state="waiting", requested_at=now, problems=[])
    from evaluator.web.portfolio.tasks import build_portfolio_file

    build_portfolio_file.enqueue(row.pk)
    return PortfolioFile.objects.defer("data").get(pk=row.pk)


def kept(chosen: Chosen, lang: str, fmt: str, data: bool = True) -> PortfolioFile | None:
    """The file kept for this scope, language and format if it was made from the evaluations chosen now."""
    rows = PortfolioFile.objects.filter(scope_key=chosen.scope.key, lang=lang, fmt=fmt, digest=chosen.digest)
    return (rows if data else rows.defer("data")).first()


def _settled(row: PortfolioFile, again: bool, now) -> bool:
    """Nothing to queue: built, failed (unless asked again), or a build asked for lately."""
    return (row.state == "done" or (row.state == "failed" and not again)
            or (row.state == "waiting" and row.requested_at > now - STALE))


def _scope_data(chosen: Chosen) -> dict:
    return {"scope": json.loads(chosen.scope.to_json()), "rounds": chosen.rounds, "projects": chosen.projects}


def chosen_of(row: PortfolioFile) -> Chosen:
    data = row.scope
    return Chosen(Scope.from_json(json.dumps(data["scope"])), data["rounds"], list(row.ids), data["projects"])


def build(file_id: int) -> str:
    """Build one file (the task's body); its state says how it went. A row asked for again with other
    evaluations while this ran is left to the build queued then."""
    row = PortfolioFile.objects.defer("data").get(pk=file_id)
    chosen = chosen_of(row)
    try:
        data = render(portfolio_for(chosen), row.lang, row.fmt)
    except Exception as exc:  # noqa: BLE001 — a failed build is that file's state, never the worker's end
        problem = Problem(code="G001", location=Location(file=f"portfolio.{row.fmt}"),
                          params={"detail": f"{type(exc).__name__}: {exc}"})
        PortfolioFile.objects.filter(pk=file_id, digest=row.digest).update(
            state="failed", problems=[problem.model_dump(mode="json")], rendered_at=timezone.now())
        return "failed"
    done = PortfolioFile.objects.filter(pk=file_id, digest=row.digest).update(
        state="done", data=data, problems=[], rendered_at=timezone.now())
    return "done" if done else "superseded"


def render(pf: Portfolio, lang: str, fmt: str) -> bytes:
    language: Lang = "en" if lang == "en" else "zh"
    if fmt == "xlsx":
        from evaluator.compare.excel import portfolio_xlsx

        return portfolio_xlsx(pf, language)
    from evaluator.compare.pdf import portfolio_pdf

    return portfolio_pdf(pf, language, renderer=_renderer())


@functools.lru_cache(maxsize=1)
def _renderer():
    """One renderer per worker process: fonts and stylesheets load once."""
    from evaluator.report.render import Renderer

    return Renderer()
