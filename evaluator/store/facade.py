"""`Store`: the results store as the command line and reports use it, whatever database is behind it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Self

from evaluator.scoring.result import GradeBand, Result
from evaluator.store import ingest as ingesting
from evaluator.store import queries
from evaluator.store.db import close_alias, open_alias
from evaluator.store.files import result_from_data
from evaluator.store.ingest import Ingested
from evaluator.store.records import EvaluationRecord, RatedEvaluation
from evaluator.store.targets import Target, parse_target


class Store:
    """An open store: `alias` is its Django connection; `name` is how messages show it."""

    def __init__(self, alias: str, target: Target):
        self.alias, self.target = alias, target
        self.name = target.shown
        self.path = target.path       # None on PostgreSQL

    @classmethod
    def open(cls, target: Path | str | None = None, create: bool = True) -> Store:
        """Open the store at an SQLite path or database URL (None: DATABASE_URL, else output/evaluations.db).

        `create=True` opens it for writing: created if missing, migrated if made by an earlier evaluator.
        `create=False` opens it read-only and changes nothing. StoreError says why a store can't be used."""
        parsed = parse_target(target)
        return cls(open_alias(parsed, write=create), parsed)

    def close(self) -> None:
        if self.alias:
            close_alias(self.alias)
            self.alias = ""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def ingest(self, result: Result, file: str | None = None) -> Ingested:
        """Store one result in its own transaction; `file` names it in problems (default: its form)."""
        return ingesting.ingest(self.alias, result, file)

    def rounds(self) -> list[str]:
        return queries.round_names(self.alias)

    def projects(self) -> dict[str, str]:
        return queries.projects(self.alias)

    def find_projects(self, text: str) -> list[str]:
        return queries.find_projects(self.alias, text)

    def evaluations(self, rounds: Sequence[str] = (), codes: Sequence[str] = (),
                    types: Sequence[str] = (), scores: bool = True) -> list[EvaluationRecord]:
        return queries.evaluations(self.alias, rounds, codes, types, scores)

    def grade_scales(self, rubric_shas: Iterable[str]) -> dict[str, list[GradeBand]]:
        """Rubric sha256 → its grade scale, best first."""
        return queries.grade_scales(self.alias, rubric_shas)

    def rated(self, evaluation_ids: Sequence[int]) -> dict[int, RatedEvaluation]:
        """Every rater's level of these evaluations, with the evaluators' names (rater agreement)."""
        from evaluator.store.ratings import rated_evaluations

        return rated_evaluations(self.alias, evaluation_ids)

    def result(self, evaluation_id: int) -> Result | None:
        data = queries.result_data(self.alias, evaluation_id)
        return result_from_data(data) if data is not None else None
