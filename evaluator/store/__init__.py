"""The results store: every scored result, kept with its history, for comparisons across rounds.

    with Store.open() as store:              # DATABASE_URL, else output/evaluations.db; created if missing
        store.ingest(result)                 # idempotent; a new form for the same project is a new version
        store.evaluations(rounds=["第一届"])  # records with scores, every version (`latest` marks the one used)
        store.result(evaluation_id)          # the full Result back, traces included

    with Store.open("postgresql://…", create=False) as store:   # read-only: never migrated, never changed
        ...

A Django app (label `store`, models in `models.py`, migrations in `migrations/`) on SQLite or PostgreSQL;
the command line and the web platform share `evaluator.settings`. Importing this package does not set
up Django (Django imports it while it sets up): `Store` and `Ingested` load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from evaluator.store.db import StoreError
from evaluator.store.records import EvaluationRecord
from evaluator.store.targets import DEFAULT_DB

if TYPE_CHECKING:
    from evaluator.store.facade import Store
    from evaluator.store.ingest import Ingested

__all__ = ["DEFAULT_DB", "EvaluationRecord", "Ingested", "Store", "StoreError"]


def __getattr__(name: str) -> Any:
    if name in ("Store", "Ingested"):
        from evaluator.store.django_setup import ensure_django

        ensure_django()
        from evaluator.store import facade

        return getattr(facade, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
