"""The project's earlier round, from the results store, for the report to show what changed.

"Earlier" means by the store's round ordering (`round_key`), never by when forms were scored, so a
report is the same whatever order a batch finished in. Only official evaluations count, chosen as the
portfolio comparison chooses them: the latest version of the round's final evaluation, else its midterm.
"""

from __future__ import annotations

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
    now = round_key(round_name)
    records = [r for r in store.evaluations(codes=[code], types=OFFICIAL, scores=False)
               if r.latest and round_key(r.round) < now]
    if not records:
        return None
    last = max(round_key(r.round) for r in records)
    return min((r for r in records if round_key(r.round) == last), key=lambda r: OFFICIAL.index(r.evaluation_type)).id
