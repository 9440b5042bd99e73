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
    from collections.abc import Sequence

    from evaluator.store import Store
    from evaluator.store.records import EvaluationRecord

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


def _official(records: Sequence[EvaluationRecord]) -> dict[tuple[str, str], EvaluationRecord]:
    """Per (round, project): the latest final evaluation, else the latest midterm one."""
    best: dict[tuple[str, str], EvaluationRecord] = {}
    for r in records:
        if not r.latest:
            continue
        key = (r.round, r.project_code)
        if key not in best or OFFICIAL.index(r.evaluation_type) < OFFICIAL.index(best[key].evaluation_type):
            best[key] = r
    return best


def round_shares(store: Store, result: Result) -> list[dict[str, float]]:
    """Per project of the result's round, its official evaluation's domain shares (domain id → points / max):
    what the report sets the project's domains against."""
    records = store.evaluations(rounds=[result.project.round], types=OFFICIAL)
    return [{d.id: d.points / d.max for d in r.domains if d.max} for r in _official(records).values()]


def project_history(store: Store, result: Result) -> list[tuple[str, str, float, float]]:
    """The project's official evaluations, one per round in round order: (round, type, total, maximum); the
    result itself is among them even when it is not stored yet."""
    records = store.evaluations(codes=[result.project.code], types=OFFICIAL, scores=False)
    found = {round_name: (round_name, r.evaluation_type, r.total, r.total_max)
             for (round_name, _), r in _official(records).items()}
    p = result.project
    if p.evaluation_type in OFFICIAL and (p.round not in found or found[p.round][1] != "final"):
        found[p.round] = (p.round, p.evaluation_type, result.total.points, result.total.max)
    return [found[name] for name in sorted(found, key=round_key)]
