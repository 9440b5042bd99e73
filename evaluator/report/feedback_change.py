"""What changed since the project's earlier round: the total, each domain, each self-organization.

Pure: both results are given (the store lookup is in `earlier.py`). Organizations are followed by name
the way the store matches them (`name_key`); a name listed twice in either roster is not followed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from evaluator.i18n import N_, Lang
from evaluator.numbers import direction, exact, points, signed
from evaluator.report.phrasing import ts
from evaluator.scoring.result import OrganizationResult, Result
from evaluator.vocabulary import evaluation_type_name, name_key


@dataclass(frozen=True)
class Delta:
    before: str
    delta: str      # "+1.25", "−0.5", "0" (evaluator.numbers.signed)
    direction: str  # up | down | same


@dataclass(frozen=True)
class Change:
    round: str
    type: str
    headline: str
    total: Delta
    domains: dict[str, Delta]          # domain id → change
    stages: dict[int, Delta]           # roster row → change of stage (organizations followed by name)
    flow: str
    unlike: str = ""                   # the two are different kinds of evaluation (中期 and 终期): said, never hidden


def delta(before: float, after: float) -> Delta:
    change = exact(after) - exact(before)
    return Delta(points(before), signed(change), direction(change))


def _keys(orgs: list[OrganizationResult]) -> dict[str, OrganizationResult]:
    """Organizations by the key the store follows them with, leaving out names listed twice or unnamed."""
    counts = Counter(name_key(o.name) for o in orgs)
    return {k: o for o in orgs if (k := name_key(o.name)) and counts[k] == 1 and o.name != f"#{o.row}"}


def stage_changes(now: list[OrganizationResult], before: list[OrganizationResult],
                  lang: Lang) -> tuple[dict[int, Delta], str]:
    """Each followed organization's change of stage (by roster row), and the movement in a sentence."""
    current, earlier = _keys(now), _keys(before)
    stages = {o.row: delta(earlier[k].stage, o.stage) for k, o in current.items() if k in earlier}
    moves = Counter(d.direction for d in stages.values())
    flow = ts(lang, "Since the previous round: {up} organizations moved up, {same} stayed, {down} moved down, {new} are new, and "
                    "{gone} on the previous roster are not listed now.", up=moves["up"], same=moves["same"], down=moves["down"],
               new=sum(1 for k in current if k not in earlier), gone=sum(1 for k in earlier if k not in current))
    return stages, flow


def change(result: Result, previous: Result, lang: Lang) -> Change:
    total = delta(previous.total.points, result.total.points)
    direction = {"up": N_("up {n} pts"), "down": N_("down {n} pts"), "same": N_("unchanged")}[total.direction]
    amount = points(abs(exact(result.total.points) - exact(previous.total.points)))
    type_name = evaluation_type_name(previous.project.evaluation_type, lang)
    headline = ts(lang, "against {round} {type} ({before} pts, {grade}): {delta}", round=previous.project.round, type=type_name,
                  before=total.before,
                   grade=previous.total.grade.label(lang), delta=ts(lang, direction, n=amount))
    before = {d.id: d for d in previous.domains}
    domains = {d.id: delta(before[d.id].points, d.points) for d in result.domains  # type: ignore[arg-type]
               if d.id in before and d.points is not None and before[d.id].points is not None}
    stages, flow = stage_changes(result.organizations, previous.organizations, lang)
    unlike = "" if previous.project.evaluation_type == result.project.evaluation_type else ts(
        lang, "The earlier evaluation ({before}) and this one ({now}) look at the project at different stages, "
              "so the change is not like for like.", before=type_name,
        now=evaluation_type_name(result.project.evaluation_type, lang))
    return Change(round=previous.project.round, type=type_name, headline=headline, total=total,
                  domains=domains, stages=stages, flow=flow, unlike=unlike)
