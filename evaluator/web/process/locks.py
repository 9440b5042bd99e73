"""A final result is locked: the store refuses a new version of it from any door (the command line's
`score` and `ingest` too), through the guard `ProcessConfig.ready` registers with `store.guards`.

A store made by the command line alone has no process tables: nothing in it can be locked."""

from __future__ import annotations

from django.db import connections
from django.utils import timezone

from evaluator.problems import Location, Problem

_tables: dict[tuple[str, str], bool] = {}


def _has_tables(alias: str) -> bool:
    connection = connections[alias]
    key = (alias, str(connection.settings_dict.get("NAME")))
    if not _tables.get(key):
        _tables[key] = "process_review" in connection.introspection.table_names()
    return _tables[key]


def locked_guard(alias: str, project: object, round_: object, evaluation_type: str, file: str) -> list[Problem]:
    from evaluator.web.process.models import Review

    if evaluation_type == "self" or not _has_tables(alias):
        return []
    reviews = Review.objects.using(alias).filter(project=project, round=round_, evaluation_type=evaluation_type)
    now = timezone.now()
    if reviews.filter(state="final").exists() or reviews.filter(
            state="published", round__schedule__publication_ends__lte=now).exists():
        return [Problem(code="V002", location=Location(file=file), params={
            "project": f"{project.code} {project.name}", "round": round_.name})]  # type: ignore[attr-defined]
    return []
