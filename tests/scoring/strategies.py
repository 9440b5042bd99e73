"""Hypothesis strategies for forms of a given rubric: any typed value a reader could produce, or empty."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rubric


def field_value(field: EvidenceField):
    return st.one_of(st.none(), typed_value(field))


def typed_value(field: EvidenceField):
    low, high = field.range if field.range else (0, 10**6)
    by_type = {
        "integer": st.integers(int(low), int(high)),
        "number": st.floats(low, high, allow_nan=False, allow_infinity=False),
        "percent": st.floats(max(low, 0), min(high, 1) if field.range else 1, allow_nan=False),
        "boolean": st.booleans(),
        "choice": st.sampled_from([c.id for c in field.choices or []] or ["x"]),
        "text": st.text(max_size=20),
        "date": st.dates(dt.date(2015, 1, 1), dt.date(2030, 12, 31)),
    }
    return by_type[field.type]


EVALUATION_TYPES = st.sampled_from(["self", "midterm", "final"])


def forms(rubric: Rubric, evaluation_type=EVALUATION_TYPES):
    fields = rubric.evidence_fields
    values = st.fixed_dictionaries({}, optional={k: field_value(f) for k, f in fields.items()})
    levels = st.integers(0, 4)
    ratings = st.fixed_dictionaries(
        {},
        optional={i.id: st.fixed_dictionaries({}, optional=dict.fromkeys(i.raters, levels))
                  for i in rubric.indicators if i.raters},
    )
    columns = {c.id: field_value(c) for c in rubric.ladder.roster_columns}
    roster = st.lists(st.fixed_dictionaries({}, optional=columns), max_size=6)
    return st.fixed_dictionaries({"type": evaluation_type, "values": values, "ratings": ratings, "roster": roster})


def _mostly(strategy, filled: int = 4):
    """`strategy`, empty one time in `filled` + 1: forms a real evaluator hands in are mostly filled."""
    return st.tuples(st.sampled_from([True] * filled + [False]), strategy).map(lambda t: t[1] if t[0] else None)


def _value(field: EvidenceField):
    low, high = field.range if field.range else (0, 10**6)
    if field.type == "boolean":
        return st.sampled_from([True, True, True, False])   # roster criteria: some organizations climb high
    if field.type == "integer":
        # small counts as often as large ones: ratios, samples and thresholds all get crossed
        return st.one_of(st.integers(int(low), min(int(high), int(low) + 40)), st.integers(int(low), int(high)))
    return typed_value(field)


def filled_forms(rubric: Rubric, evaluation_type=EVALUATION_TYPES, rows: int = 0):
    """Forms with most evidence, ratings and roster cells filled, so that taking any one away can matter;
    at least `rows` roster rows."""
    fields = rubric.evidence_fields
    values = st.fixed_dictionaries({k: _mostly(_value(f)) for k, f in fields.items()})
    ratings = st.fixed_dictionaries({i.id: st.fixed_dictionaries({r: _mostly(st.integers(0, 4), 2) for r in i.raters})
                                     for i in rubric.indicators if i.raters})
    row = st.tuples(st.booleans(), _roster_row(rubric, strong=False), _roster_row(rubric, strong=True))
    roster = st.lists(row.map(lambda t: t[2] if t[0] else t[1]), min_size=rows, max_size=max(7, rows))
    return st.fixed_dictionaries({"type": evaluation_type, "values": values, "ratings": ratings, "roster": roster})


def _roster_row(rubric: Rubric, strong: bool):
    """A roster row; a strong one fills nearly every column the way the ladder's criteria ask (yes,
    five or more), so organizations reach every stage, not only the first."""
    if not strong:
        return st.fixed_dictionaries({c.id: _mostly(_value(c), 6) for c in rubric.ladder.roster_columns})
    by_type = {"boolean": st.sampled_from([True] * 9 + [False]), "integer": st.integers(3, 60),
               "text": st.sampled_from(["甲", "乙", "丙"])}
    return st.fixed_dictionaries({c.id: _mostly(by_type.get(c.type, _value(c)), 12) for c in rubric.ladder.roster_columns})
