"""The Portfolio of a scope: computed with `evaluator.compare` once per version of the data, kept.

Computing a portfolio reads every score of every evaluation it counts (a round of 500 projects with
their previous round: about 1.3 s), far too slow for each request. So what is computed is kept under
(scope, `scope.version`): in the database (`Snapshot`, one row per scope, shared by every server
process and the worker), and the pages rendered from it in this process's memory.
A form ingested changes the version, and the next request computes again: nothing is invalidated by hand.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from evaluator.compare.compute import portfolio
from evaluator.compare.model import Portfolio, Selection
from evaluator.store import queries
from evaluator.web.kept import Kept
from evaluator.web.portfolio.models import Snapshot
from evaluator.web.portfolio.scope import Chosen, Scope, choose

ALIAS = "default"


@dataclass(frozen=True)
class Computed:
    chosen: Chosen
    portfolio: Portfolio


# Rendered page bodies (about 300 kB for a round of 500 projects). Portfolios themselves are not kept in
# memory: parsed, the comparison of ten rounds of 500 takes about 220 MB; a page needs one only when its
# body is rendered, once per version, language and process.
bodies: Kept[str] = Kept(32)


def forget() -> None:
    """Drop what this process keeps in memory (tests; the snapshots stay)."""
    bodies.clear()


def current(user: Any, scope: Scope, every: Sequence[tuple[int, str]], at: str) -> Computed:
    """The evaluations `scope` counts for `user` and their portfolio, at version `at`."""
    row = (Snapshot.objects.filter(scope_key=scope.key, version=at)
           .values_list("rounds", "ids", "projects", "portfolio").first())
    if row is not None:
        chosen = Chosen(scope, at, list(row[0]), list(row[1]), dict(row[2]))
        return Computed(chosen, Portfolio.model_validate_json(row[3]))
    chosen = choose(user, scope, every, at)
    return Computed(chosen, _compute_and_keep(chosen))


def chosen_for(user: Any, scope: Scope, every: Sequence[tuple[int, str]], at: str) -> Chosen:
    """Only which evaluations `scope` counts at version `at` (a download to queue: no portfolio computed)."""
    row = Snapshot.objects.filter(scope_key=scope.key, version=at).values_list("rounds", "ids", "projects").first()
    if row is not None:
        return Chosen(scope, at, list(row[0]), list(row[1]), dict(row[2]))
    return choose(user, scope, every, at)


def portfolio_for(chosen: Chosen) -> Portfolio:
    """The portfolio of evaluations already chosen (the task worker's way in: no person, no request)."""
    kept = (Snapshot.objects.filter(scope_key=chosen.scope.key, version=chosen.version)
            .values_list("portfolio", flat=True).first())
    return Portfolio.model_validate_json(kept) if kept is not None else compute(chosen)


def compute(chosen: Chosen) -> Portfolio:
    records = queries.evaluations_by_id(ALIAS, chosen.ids)
    codes = sorted(chosen.projects) if chosen.scope.filters else []
    # the dashboard has no like-for-like switch yet: it keeps comparing a midterm with a final evaluation
    selection = Selection(rounds=chosen.rounds, projects=codes, mixed_types=True)
    return portfolio(records, selection, queries.grade_scales(ALIAS, {r.rubric.sha256 for r in records}))


def _compute_and_keep(chosen: Chosen) -> Portfolio:
    found = compute(chosen)
    values = {"version": chosen.version, "rounds": chosen.rounds, "ids": chosen.ids, "projects": chosen.projects,
              "portfolio": found.model_dump_json(by_alias=True), "built_at": timezone.now()}
    try:
        with transaction.atomic():
            Snapshot.objects.update_or_create(scope_key=chosen.scope.key, defaults=values)
    except IntegrityError:
        pass      # another process kept the same scope at the same moment: either copy will do
    return found


def scope_data(chosen: Chosen) -> str:
    """`chosen` as JSON, for a task to build from (`chosen_of`)."""
    return json.dumps({"scope": json.loads(chosen.scope.to_json()), "version": chosen.version,
                       "rounds": chosen.rounds, "ids": chosen.ids, "projects": chosen.projects}, ensure_ascii=False)


def chosen_of(text: str) -> Chosen:
    data = json.loads(text)
    return Chosen(Scope.from_json(json.dumps(data["scope"])), data["version"], data["rounds"], data["ids"],
                  data["projects"])
