"""The self-organization maturity ladder: each organization's stage and what it lacks for the next.

An organization is at the highest stage whose criteria, and those of every lower stage, all hold;
a criterion whose columns are empty does not hold.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from evaluator.expressions import ExpressionError, compiled
from evaluator.rubric.models import Criterion, Ladder


def _holds(criterion: Criterion, types: Mapping[str, str], values: dict[str, Any]) -> bool:
    try:
        return bool(compiled(criterion.when, types).evaluate(values))
    except ExpressionError:
        return False


def place(ladder: Ladder, values: dict[str, Any]) -> tuple[int, list[Criterion]]:
    """(stage, criteria of the next stage that do not hold yet); stage 0 is below the first stage."""
    types = {c.id: c.type for c in ladder.roster_columns}
    stage = 0
    for st in ladder.stages:
        failing = [c for c in st.criteria if not _holds(c, types, values)]
        if failing:
            return stage, failing
        stage = st.level
    return stage, []
