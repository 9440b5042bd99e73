"""Work off the request path, on Django's tasks API (django-tasks; `evaluator worker` runs the queue).

Arguments are ids (JSON), and each task reads what it needs from the database, so any worker on any
machine sharing the store can take it."""

from __future__ import annotations

from django_tasks import task


@task()
def render_report(report_id: int) -> str:
    from evaluator.web.evaluations.reports import render

    return render(report_id)


@task()
def score_batch(batch_id: int) -> dict:
    from evaluator.web.evaluations.batches import run

    return run(batch_id)
