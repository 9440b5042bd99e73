"""The results store: every scored result, kept with its history, for comparisons across rounds.

    with Store.open() as store:              # output/evaluations.db, created if missing
        store.ingest(result)                 # idempotent; a new form for the same project is a new version
        store.evaluations(rounds=["第一届"])  # records with scores, every version (`latest` marks the one used)
        store.result(evaluation_id)          # the full Result back, traces included

SQLite through the standard library; see `schema.py` for what a PostgreSQL backend would change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path

from evaluator.scoring.result import GradeBand, Result
from evaluator.scoring.upgrade import parse_result
from evaluator.store import ingest as ingesting
from evaluator.store import queries
from evaluator.store.db import DEFAULT_DB, StoreError, connect
from evaluator.store.ingest import Ingested
from evaluator.store.records import EvaluationRecord

__all__ = ["DEFAULT_DB", "EvaluationRecord", "Ingested", "Store", "StoreError"]


class Store:
    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn, self.path = conn, path

    @classmethod
    def open(cls, path: Path | str = DEFAULT_DB, create: bool = True) -> Store:
        """Open (or with `create`, make) the database; StoreError if it is missing or unusable."""
        return cls(connect(Path(path), create), Path(path))

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ingest(self, result: Result, file: str | None = None) -> Ingested:
        """Store one result in its own transaction; `file` names it in problems (default: its form)."""
        return ingesting.ingest(self.conn, result, file)

    def rounds(self) -> list[str]:
        return queries.round_names(self.conn)

    def projects(self) -> dict[str, str]:
        return queries.projects(self.conn)

    def find_projects(self, text: str) -> list[str]:
        return queries.find_projects(self.conn, text)

    def evaluations(
        self, rounds: Sequence[str] = (), codes: Sequence[str] = (), types: Sequence[str] = ()
    ) -> list[EvaluationRecord]:
        return queries.evaluations(self.conn, rounds, codes, types)

    def grade_scales(self, rubric_shas: Iterable[str]) -> dict[str, list[GradeBand]]:
        """Rubric sha256 → its grade scale, best first."""
        return queries.grade_scales(self.conn, rubric_shas)

    def result(self, evaluation_id: int) -> Result | None:
        text = queries.result_json(self.conn, evaluation_id)
        return parse_result(text) if text else None  # a result stored as /1 is upgraded on reading
