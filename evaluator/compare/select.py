"""What the user asked to compare, checked against the store, and the Portfolio built from it."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from evaluator.compare.agreement import calibration
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
                         mappings: Sequence[RubricMapping] = ()) -> Portfolio:
    """Rounds by name, projects by code or name (empty: all). StoreError names every unknown one."""
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
    selection = Selection(rounds=list(rounds), projects=codes)
    records = store.evaluations(rounds, codes, selection.evaluation_types)
    pf = portfolio(records, selection, store.grade_scales(r.rubric.sha256 for r in records), mappings)
    return with_calibration(pf, store.rated)


def with_calibration(pf: Portfolio, rated_of: Callable[[Sequence[int]], Mapping[int, RatedEvaluation]]) -> Portfolio:
    """The portfolio with each round's rater agreement, from the ratings of the evaluations it counts
    (`rated_of`: the store's ratings of evaluations by id; the command line and the platform pass theirs)."""
    ids = [row.evaluation_id for r in pf.rounds for row in r.matrix]
    rated = rated_of(ids)
    rounds = [calibration(r.name, [rated[row.evaluation_id] for row in r.matrix if row.evaluation_id in rated])
              for r in pf.rounds]
    return pf.model_copy(update={"calibration": rounds})


def project_codes(store: Store, text: str) -> list[str]:
    """The codes of the projects `text` names (a code, or a name); StoreError with a hint if none."""
    codes = store.find_projects(text)
    if not codes:
        names = store.projects()
        hint = did_you_mean(text, [*names, *names.values()])
        raise StoreError([problem("S030", store.name, project=text, hint=hint)])
    return codes
