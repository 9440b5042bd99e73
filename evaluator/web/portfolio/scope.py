"""What a dashboard counts: which rounds, which filters, whose view, and the evaluations that makes.

A `Scope` is what was asked (round ids, district/street/funder filters, and whose view: admin and
committee share one, each funder has its own). `choose(user, scope)` reads, in a fixed number of
queries whatever the number of projects, the evaluations the person may count (`access`), and picks one
per project and round as the portfolio does (`compare.compute.choose`: the latest final evaluation,
else the latest midterm one). Its `digest` changes whenever that choice changes, which is what keeps
computed portfolios and built files current.

A round's dashboard also counts each of its projects' previous round (`with_previous`), so that it can
say which self-organizations moved stage; that round must be one the person may see too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, cast

from django.db.models import Q, QuerySet

from evaluator.compare.compute import choose as choose_records
from evaluator.store.models import Evaluation
from evaluator.store.terms import round_key
from evaluator.web import access
from evaluator.web.accounts.roles import FUNDER

OFFICIAL = ("final", "midterm")     # preference order within a round; self-assessments are never compared
FILTERS = ("district", "street", "funder")


@dataclass(frozen=True)
class Filters:
    """Project filters (empty: any), matched against the project as the evaluating body keeps it."""

    district: str = ""
    street: str = ""
    funder: str = ""

    def q(self) -> Q:
        given = {f"project__{name}": value for name, value in asdict(self).items() if value}
        return Q(**given)

    def __bool__(self) -> bool:
        return any(asdict(self).values())


@dataclass(frozen=True)
class Scope:
    rounds: tuple[int, ...]          # round ids
    filters: Filters = Filters()
    viewer: str = "all"              # "all" (admin, committee) or "funder:<id>"
    with_previous: bool = False      # also each project's previous round (a round's dashboard)

    @property
    def key(self) -> str:
        return hashlib.sha256(self.to_json().encode()).hexdigest()

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Scope:
        data = json.loads(text)
        return cls(rounds=tuple(data["rounds"]), filters=Filters(**data["filters"]), viewer=data["viewer"],
                   with_previous=data["with_previous"])


@dataclass(frozen=True)
class Head:
    """One stored evaluation, as much as choosing needs (the fields `compare.compute.choose` reads)."""

    id: int
    project_id: int
    project_code: str
    round_id: int
    round: str
    evaluation_type: str
    latest: bool = True


@dataclass(frozen=True)
class Chosen:
    scope: Scope
    rounds: list[str]                # the scope's round names, oldest first
    ids: list[int]                   # the evaluations to compute from, sorted
    projects: dict[str, int] = field(default_factory=dict)   # project code → Project pk (drill-down links)

    @property
    def digest(self) -> str:
        return hashlib.sha256(",".join(map(str, self.ids)).encode()).hexdigest()


def viewer(user: Any) -> str:
    """Whose view: people who see every result share it; a funder's is its own."""
    if access.has_role(user, *access.ALL_SEEING):
        return "all"
    profile = getattr(user, "profile", None) if access.has_role(user, FUNDER) else None
    return f"funder:{getattr(profile, 'funder_id', None)}"


_HEAD = ("id", "project_id", "project__code", "round_id", "round__name", "evaluation_type")


def counted(user: Any) -> QuerySet[Evaluation]:
    """The latest official evaluations the person's dashboards count (one query when evaluated)."""
    return access.portfolio_evaluations(user).filter(latest=True, evaluation_type__in=OFFICIAL)


def _heads(query: QuerySet[Evaluation]) -> list[Head]:
    return [Head(*row) for row in query.values_list(*_HEAD)]


def pick(heads: Sequence[Head]) -> list[Head]:
    """Per project and round, the evaluation a comparison counts (as `compare.compute.choose`)."""
    return cast(list[Head], choose_records(cast(Sequence[Any], heads), OFFICIAL))


def choose(user: Any, scope: Scope, names: dict[int, str]) -> Chosen:
    """The evaluations `scope` counts for `user`; `names` maps the scope's round ids to their names."""
    base = counted(user)
    in_scope = base.filter(round_id__in=scope.rounds).filter(scope.filters.q())
    chosen = pick(_heads(in_scope))
    if scope.with_previous and len(scope.rounds) == 1:
        earlier = base.filter(project_id__in=in_scope.values("project_id")).exclude(round_id__in=scope.rounds)
        chosen += previous(pick(_heads(earlier)), round_key(names[scope.rounds[0]]))
    rounds = sorted((names[r] for r in scope.rounds), key=round_key)
    return Chosen(scope, rounds, sorted(h.id for h in chosen), {h.project_code: h.project_id for h in chosen})


def previous(heads: Iterable[Head], before: tuple) -> list[Head]:
    """Per project, its chosen evaluation in the latest round before `before` (a round key)."""
    best: dict[int, Head] = {}
    for h in heads:
        key = round_key(h.round)
        if key < before and (h.project_id not in best or key > round_key(best[h.project_id].round)):
            best[h.project_id] = h
    return list(best.values())


def filter_values(user: Any, rounds: Sequence[int]) -> list[tuple[str, str, str]]:
    """(district, street, funder) of the projects the rounds count, for the filters' choices."""
    rows = (counted(user).filter(round_id__in=rounds)
            .values_list("project__district", "project__street", "project__funder").distinct())
    return sorted(set(rows))
