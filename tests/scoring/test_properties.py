"""Properties of the engine over any form: bounds, determinism, monotonicity where the rule is monotone."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.bundled import rubric_path
from evaluator.rubric import load_rubric
from evaluator.scoring.engine import evaluate
from tests.scoring.build import evidence
from tests.scoring.strategies import forms

BUNDLED = load_rubric(rubric_path())
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _score(loaded, form):
    return evaluate(loaded.rubric, evidence(loaded.rubric, loaded.sha256, form))


@SETTINGS
@given(forms(BUNDLED.rubric))
def test_points_stay_within_their_maximum(form):
    result = _score(BUNDLED, form)
    for r in result.indicators:
        assert 0 <= r.points <= r.max + 1e-9, r.trace.sentence.en
        assert r.level is None or 0 <= r.level <= 4
    for d in result.domains:
        assert 0 <= d.points <= d.max + 1e-9
    assert 0 <= result.total.points <= result.total.max
    assert sum(result.stage_counts.values()) == len(form["roster"])


@SETTINGS
@given(forms(BUNDLED.rubric))
def test_the_same_form_gives_byte_identical_json(form):
    assert _score(BUNDLED, form).to_json() == _score(BUNDLED, form).to_json()


@SETTINGS
@given(forms(BUNDLED.rubric))
def test_every_trace_is_a_sentence_naming_its_cells(form):
    result = _score(BUNDLED, form)
    for r in result.indicators:
        assert r.trace.sentence.zh.startswith(r.name.zh) and r.trace.sentence.zh.endswith("。")
        named = [i for i in r.trace.inputs if i.value is None] if r.status == "missing" else r.trace.inputs
        for used in named:
            if used.cell:
                assert used.cell in r.trace.sentence.zh, (used.cell, r.trace.sentence.zh)


def _monotone(bands) -> bool:
    scores = [b.score for b in bands]
    return scores == sorted(scores)


MONOTONE_BANDS = [i for i in BUNDLED.rubric.indicators if i.rule.kind == "bands" and _monotone(i.rule.bands)]
MONOTONE_RATIOS = [i for i in BUNDLED.rubric.indicators if i.rule.kind == "ratio" and _monotone(i.rule.bands)]
CHECKLISTS = [i for i in BUNDLED.rubric.indicators if i.rule.kind == "checklist"]


@pytest.mark.parametrize("indicator", MONOTONE_BANDS + MONOTONE_RATIOS, ids=lambda i: i.id)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_more_evidence_never_scores_less_where_bands_rise(indicator, data):
    field_id = indicator.rule.input if indicator.rule.kind == "bands" else indicator.rule.numerator
    field = BUNDLED.rubric.evidence_fields[field_id]
    low, high = field.range if field.range else (0, 10**6)
    a, b = sorted(data.draw(st.lists(st.floats(low, high, allow_nan=False), min_size=2, max_size=2)))
    if field.type == "integer":
        a, b = int(a), int(b)
    base = dict(data.draw(forms(BUNDLED.rubric))["values"].items())
    if indicator.rule.kind == "ratio":
        base[indicator.rule.denominator] = data.draw(st.integers(1, 1000))
    points = [_by_id(_score(BUNDLED, {"type": "final", "values": base | {field_id: x}}), indicator.id).points for x in (a, b)]
    assert points[0] <= points[1]


@pytest.mark.parametrize("indicator", CHECKLISTS, ids=lambda i: i.id)
@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_ticking_a_checklist_item_never_scores_less(indicator, data):
    items = [item.input for item in indicator.rule.items]
    ticks = data.draw(st.fixed_dictionaries({k: st.booleans() for k in items}))
    flip = data.draw(st.sampled_from(items))
    before = _by_id(_score(BUNDLED, {"values": ticks | {flip: False}}), indicator.id).points
    after = _by_id(_score(BUNDLED, {"values": ticks | {flip: True}}), indicator.id).points
    assert before <= after


def _by_id(result, indicator_id):
    return next(r for r in result.indicators if r.id == indicator_id)
