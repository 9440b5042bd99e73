"""The dashboards' work off the request path (django-tasks; `evaluator worker` runs the queue)."""

from __future__ import annotations

from django_tasks import task


@task()
def build_portfolio_file(file_id: int) -> str:
    from evaluator.web.portfolio.downloads import build

    return build(file_id)
