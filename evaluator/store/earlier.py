"""The project's earlier round, from the results store, for the report to show what changed.

"Earlier" means by the store's round ordering (`round_key`), never by when forms were scored, so a
report is the same whatever order a batch finished in. Only official evaluations count, chosen as the
portfolio comparison chooses them: the latest version of the round's final evaluation, else its midterm.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from evaluator.rounds import round_key
from evaluator.scoring.result import Result

if TYPE_CHECKING:
    from evaluator.store import Store

OFFICIAL = ("final", "midterm")  # preference order within a round


def earlier_round(store: Store, result: Result) -> Result | None:
    """The same project's official evaluation in the latest round before this result's round."""
    now = round_key(result.project.round)
    records = [r for r in store.evaluations(codes=[result.project.code], types=OFFICIAL, scores=False)
               if r.latest and round_key(r.round) < now]
    if not records:
        return None
    last = max(round_key(r.round) for r in records)
    chosen = min((r for r in records if round_key(r.round) == last), key=lambda r: OFFICIAL.index(r.evaluation_type))
    return store.result(chosen.id)
