"""What the user asked to compare, checked against the store, and the Portfolio built from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from evaluator.compare.agreement import calibration as round_calibration
from evaluator.compare.compute import portfolio
from evaluator.compare.model import Portfolio, Selection
from evaluator.problems import did_you_mean
from evaluator.rubric.mapping import RubricMapping
from evaluator.store import StoreError
from evaluator.store.db import problem

if TYPE_CHECKING:
    from evaluator.store import Store
    from evaluator.store.records import RatedEvaluation


def portfolio_from_store(store: Store, rounds: Sequence[str] = (), projects: Sequence[str] = (),
                         mappings: Sequence[RubricMapping] = (), calibration: bool = True, *,
                         mixed_types: bool = False) -> Portfolio:
    """Rounds by name, projects by code or name (empty: all). StoreError names every unknown one.
    `mappings` compare rounds of two rubric versions; `calibration` adds each round's rater agreement
    (it names evaluators: the committee's dashboard downloads carry it, a funder's never); `mixed_types`
    also compares consecutive rounds of different kinds of evaluation, labelled as not like for like."""
    shown = store.name
    known_rounds = store.rounds()
    found = [problem("S031", shown, round=r, hint=did_you_mean(r, known_rounds)) for r in rounds if r not in known_rounds]
    codes: list[str] = []
    for text in projects:
        try:
            codes += [c for c in project_codes(store, text) if c not in codes]
        except StoreError as exc:
            found += exc.problems
    if found:
        raise StoreError(found)
    selection = Selection(rounds=list(rounds), projects=codes, mixed_types=mixed_types)
    records = store.evaluations(rounds, codes, selection.evaluation_types)
    pf = portfolio(records, selection, store.grade_scales(r.rubric.sha256 for r in records), mappings)
    return with_calibration(pf, store.rated) if calibration else pf


def with_calibration(pf: Portfolio, rated_of: Callable[[Sequence[int]], Mapping[int, RatedEvaluation]]) -> Portfolio:
    """The portfolio with each round's rater agreement, from the ratings of the evaluations it counts
    (`rated_of`: the store's ratings of evaluations by id; the command line and the platform pass theirs)."""
    ids = [row.evaluation_id for r in pf.rounds for row in r.matrix]
    rated = rated_of(ids)
    rounds = [round_calibration(r.name, [rated[row.evaluation_id] for row in r.matrix if row.evaluation_id in rated])
              for r in pf.rounds]
    return pf.model_copy(update={"calibration": rounds})


def project_codes(store: Store, text: str) -> list[str]:
    """The codes of the projects `text` names (a code, a name, or part of either); StoreError with a hint
    if none: the closest code or name, or the name with a passage closest to `text` (杏花街 → 杏花巷…)."""
    codes = store.find_projects(text)
    if not codes:
        names = store.projects()
        hint = did_you_mean(text, [*names, *names.values()])
        if not hint["zh"] and (near := nearest_passage(text, list(names.values()))):
            hint = did_you_mean(near, [near])
        raise StoreError([problem("S030", store.name, project=text, hint=hint)])
    return codes


def nearest_passage(text: str, names: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The name holding the passage most like `text` (a part of a name mistyped), if one is close enough."""
    best, found = cutoff, None
    for name in sorted(names):
        for start in range(max(len(name) - len(text), 0) + 1):
            ratio = SequenceMatcher(None, text.casefold(), name[start:start + len(text)].casefold()).ratio()
            if ratio > best or (ratio == best and found is None and ratio >= cutoff):
                best, found = ratio, name
    return found
