"""What a dashboard counts: which rounds, which filters, whose view, and the evaluations that makes.

A `Scope` is what was asked: round ids, filters by district, street and funder (as each evaluation's
form named them, so a round reads as it was reported), and whose view (admin and committee share one,
each funder has its own). `choose` picks, per project and round, the evaluation a comparison counts
(`compare.compute.choose`: the latest final one, else the latest midterm one) among those the person
may count (`access.portfolio_evaluations`), in a fixed number of queries whatever the number of projects.

`version` is a short digest of everything that choice depends on: the rounds the person sees, and how
many evaluations the relevant rounds hold with the highest id among them. Ingesting a form, a new
version of one (which also retires the old one's `latest`), an evaluation released or withdrawn: each
changes it. It costs two small queries, so pages check it on every request and keep whatever they
computed under it (`building`), computing again only when it changes.

A round's dashboard also counts each of its projects' previous round (`with_previous`), so that it can
say which self-organizations moved stage; that round must be one the person may see too.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import Any, cast

from django.db.models import Count, Max, Q, QuerySet

from evaluator.compare.compute import choose as choose_records
from evaluator.rounds import round_key
from evaluator.store.models import Evaluation
from evaluator.web import access
from evaluator.web.accounts.roles import FUNDER

OFFICIAL = ("final", "midterm")     # preference order within a round; self-assessments are never compared
FILTERS = ("district", "street", "funder")


FUNDER_SEPARATORS = re.compile(r"\s*[、，,；;/／]\s*")


def funder_names(text: str | None) -> list[str]:
    """The funders a form's cover names ("甲基金会、乙公司": two of them)."""
    return [name for name in FUNDER_SEPARATORS.split(text or "") if name.strip()]


@dataclass(frozen=True)
class Filters:
    """Filters (empty: any), matched against what each evaluation's form said of its project: district
    and street as written, a funder among those the cover names."""

    district: str = ""
    street: str = ""
    funder: str = ""

    def q(self) -> Q:
        found = Q(**{name: value for name, value in (("district", self.district), ("street", self.street)) if value})
        return found & Q(funder__contains=self.funder) if self.funder else found

    def __bool__(self) -> bool:
        return any(asdict(self).values())

    @classmethod
    def asked(cls, query: Mapping[str, str]) -> Filters:
        """The filters as the address gives them (checked against the choices before use)."""
        return cls(**{name: query.get(name) or "" for name in FILTERS})


@dataclass(frozen=True)
class Scope:
    rounds: tuple[int, ...]          # round ids, ascending
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
    version: str                     # `version` when chosen
    rounds: list[str]                # the scope's round names, oldest first
    ids: list[int]                   # the evaluations to compute from, sorted
    projects: dict[str, int] = field(default_factory=dict)   # project code → Project pk (drill-down links)


def viewer(user: Any) -> str:
    """Whose view: people who see every result share it; a funder's is its own."""
    if access.has_role(user, *access.ALL_SEEING):
        return "all"
    return f"funder:{access.funder_of(user) if access.has_role(user, FUNDER) else None}"


def counted(user: Any) -> QuerySet[Evaluation]:
    """The latest official evaluations the person's dashboards count."""
    return access.portfolio_evaluations(user).filter(latest=True, evaluation_type__in=OFFICIAL)


def relevant_rounds(scope: Scope, every: Sequence[tuple[int, str]]) -> list[int]:
    """The rounds whose evaluations the scope may count: its own, and with `with_previous` every round
    the person sees up to the latest of them. `every` is (id, name) of the rounds the person sees."""
    if not scope.with_previous:
        return sorted(scope.rounds)
    names = dict(every)
    last = max(_key(names[r]) for r in scope.rounds if r in names) if scope.rounds else ()
    return sorted(pk for pk, name in every if _key(name) <= last)


def version(user: Any, scope: Scope, every: Sequence[tuple[int, str]]) -> str:
    rounds = relevant_rounds(scope, every)
    seen = counted(user).filter(round_id__in=rounds).aggregate(n=Count("id"), top=Max("id"))
    text = json.dumps([sorted(pk for pk, _ in every), rounds, seen["n"], seen["top"]])
    return hashlib.sha256(text.encode()).hexdigest()[:32]


_HEAD = ("id", "project_id", "project__code", "round_id", "round__name", "evaluation_type")


def _heads(query: QuerySet[Evaluation]) -> list[Head]:
    return [Head(*row) for row in query.values_list(*_HEAD)]


def pick(heads: Sequence[Head]) -> list[Head]:
    """Per project and round, the evaluation a comparison counts (as `compare.compute.choose`)."""
    return cast(list[Head], choose_records(cast(Sequence[Any], heads), OFFICIAL))


def choose(user: Any, scope: Scope, every: Sequence[tuple[int, str]], at: str) -> Chosen:
    """The evaluations `scope` counts for `user` (`at`: the `version` they were chosen at)."""
    base = counted(user)
    in_scope = base.filter(round_id__in=scope.rounds).filter(scope.filters.q())
    chosen = pick(_heads(in_scope))
    names = dict(every)
    if scope.with_previous and len(scope.rounds) == 1:
        before = [pk for pk in relevant_rounds(scope, every) if pk not in scope.rounds]
        # the round ids named, so that the database looks projects up by its (project, round, type) index
        earlier = base.filter(round_id__in=before, project_id__in=in_scope.values("project_id"))
        chosen += previous(pick(_heads(earlier)), _key(names[scope.rounds[0]]))
    rounds = sorted((names[r] for r in scope.rounds if r in names), key=_key)
    return Chosen(scope, at, rounds, sorted(h.id for h in chosen), {h.project_code: h.project_id for h in chosen})


def previous(heads: Iterable[Head], before: tuple) -> list[Head]:
    """Per project, its chosen evaluation in the latest round before `before` (a round key)."""
    best: dict[int, Head] = {}
    for h in heads:
        key = _key(h.round)
        if key < before and (h.project_id not in best or key > _key(best[h.project_id].round)):
            best[h.project_id] = h
    return list(best.values())


@lru_cache(maxsize=4096)
def _key(name: str) -> tuple:
    return round_key(name)


def filter_values(user: Any, rounds: Sequence[int]) -> list[tuple[str, str, str]]:
    """(district, street, funder) as the forms of these rounds named them, for the filters' choices."""
    rows = counted(user).filter(round_id__in=rounds).values_list("district", "street", "funder").distinct()
    return sorted({(d or "", s or "", f or "") for d, s, f in rows})
