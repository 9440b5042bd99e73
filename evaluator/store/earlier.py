"""The project's earlier round, from the results store, for the report to show what changed.

"Earlier" means by the store's round ordering (`round_key`), never by when forms were scored, so a
report is the same whatever order a batch finished in. Only official evaluations count, chosen as the
portfolio comparison chooses them: the latest version of the round's final evaluation, else its midterm.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from evaluator.scoring.result import Result
from evaluator.vocabulary import round_key

if TYPE_CHECKING:
    from evaluator.store import Store

OFFICIAL = ("final", "midterm")  # preference order within a round


def earlier_round(store: Store, result: Result) -> Result | None:
    """The same project's official evaluation in the latest round before this result's round."""
    chosen = earlier_id(store, result.project.code, result.project.round)
    return store.result(chosen) if chosen is not None else None


def earlier_id(store: Store, code: str, round_name: str) -> int | None:
    """The stored id of the evaluation `earlier_round` compares with (chosen without reading any result)."""
    records = store.evaluations(codes=[code], types=OFFICIAL, scores=False)
    return earlier_choice([(r.id, r.round, r.evaluation_type) for r in records if r.latest], round_name)


def earlier_choice(candidates: Iterable[tuple[int, str, str]], round_name: str) -> int | None:
    """Of a project's latest official evaluations, as (id, round, evaluation type), the one a result of
    `round_name` compares with: the latest round before it, its final evaluation, else its midterm."""
    now = round_key(round_name)
    before = [c for c in candidates if c[2] in OFFICIAL and round_key(c[1]) < now]
    if not before:
        return None
    last = max(round_key(c[1]) for c in before)
    return min((c for c in before if round_key(c[1]) == last), key=lambda c: OFFICIAL.index(c[2]))[0]
