"""Feedback reports of stored evaluations: rendered by a task, kept, served again.

A report's `key` is the sha256 of what it is made from: the stored result and the project's earlier
round that the report compares with (`earlier_round`, as the command line finds it). A request for a
report whose kept copy has the current key serves it; otherwise one render task is queued, and the
page waits for it.
"""

from __future__ import annotations

import functools
import hashlib
import json
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from evaluator.i18n import as_lang
from evaluator.problems import Location, Problem
from evaluator.scoring.result import Result
from evaluator.store.earlier import earlier_round
from evaluator.store.facade import Store
from evaluator.store.files import result_from_data
from evaluator.store.models import Evaluation
from evaluator.store.targets import default_target
from evaluator.web.evaluations.models import RenderedReport

STALE = timedelta(minutes=10)    # a render requested this long ago and not done is asked for again


def server_store() -> Store:
    """The store behind the server's `default` connection (never closed: the server owns it)."""
    return Store("default", default_target())


def result_of(evaluation: Evaluation) -> Result:
    return result_from_data(evaluation.result)


def sources(evaluation: Evaluation) -> tuple[str, Result, Result | None]:
    """The report's key, the result and the earlier round it compares with."""
    result = result_of(evaluation)
    previous = earlier_round(server_store(), result)
    digest = hashlib.sha256(json.dumps(evaluation.result, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    if previous is not None:
        digest.update(f"|{previous.source.sha256}|{previous.rubric.sha256}".encode())
    if (followup := followup_of(evaluation)) is not None:      # the organization's answers (issue 13)
        digest.update(b"|" + followup.model_dump_json().encode("utf-8"))
    return digest.hexdigest(), result, previous


def followup_of(evaluation: Evaluation):
    from evaluator.web.process.feedback import followup_for

    return followup_for(evaluation)


def wanted(evaluation: Evaluation, lang: str, again: bool = False) -> RenderedReport:
    """The kept report if it is current (or failed, unless `again`); else the row of a render queued now,
    or of one already on its way."""
    key, _, _ = sources(evaluation)
    now = timezone.now()
    with transaction.atomic():
        row, created = RenderedReport.objects.select_for_update().get_or_create(
            evaluation=evaluation, lang=lang, fmt="pdf", defaults={"key": key, "requested_at": now})
        current = not created and row.key == key
        if current and (row.state == "done" or (row.state == "failed" and not again)):
            return row
        if current and row.state == "waiting" and row.requested_at > now - STALE:
            return row
        row.key, row.state, row.requested_at, row.problems = key, "waiting", now, []
        row.save(update_fields=["key", "state", "requested_at", "problems"])
    render_report.enqueue(row.pk)
    row.refresh_from_db()
    return row


def render(report_id: int) -> str:
    """Render one report (the task's body); its state says how it went."""
    row = RenderedReport.objects.select_related("evaluation").get(pk=report_id)
    key, result, previous = sources(row.evaluation)
    try:
        data = _render(result, row.lang, previous, followup_of(row.evaluation))
    except Exception as exc:  # noqa: BLE001 — a failed report is that report's state, never the worker's end
        problem = Problem(code="G001", location=Location(file=result.source.file),
                          params={"detail": f"{type(exc).__name__}: {exc}"})
        RenderedReport.objects.filter(pk=report_id).update(state="failed", problems=[problem.model_dump(mode="json")],
                                                           rendered_at=timezone.now())
        return "failed"
    RenderedReport.objects.filter(pk=report_id).update(key=key, data=data, state="done", problems=[],
                                                       rendered_at=timezone.now())
    return "done"


def _render(result: Result, lang: str, previous: Result | None, followup=None) -> bytes:
    from evaluator.pipeline import rubric_of
    from evaluator.report.feedback import render_feedback

    return render_feedback(result, as_lang(lang), previous, renderer=_renderer(), followup=followup,
                           rubric=rubric_of(result))


@functools.lru_cache(maxsize=1)
def _renderer():
    """One renderer per worker process: fonts and stylesheets load once (about a second); closed when the
    process ends."""
    import atexit

    from evaluator.report.render import Renderer

    renderer = Renderer()
    atexit.register(renderer.close)
    return renderer


@task()
def render_report(report_id: int) -> str:
    """Off the request path (`evaluator worker`): render one requested report, read by its id."""
    return render(report_id)
