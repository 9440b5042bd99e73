"""Results are checked on the way in: whatever the engine makes passes; each kind of inconsistency is
refused at its key path; any change to a total, a grade, a level or a hash that breaks the result is caught."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.bundled import rubric_path
from evaluator.rubric import load_rubric
from evaluator.scoring.engine import evaluate
from evaluator.store.consistency import LEVELS, ROUNDING, check
from tests.scoring.build import evidence
from tests.scoring.strategies import forms
from tests.store.build import scored

BUNDLED = load_rubric(rubric_path())
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def engine_result(form):
    return evaluate(BUNDLED.rubric, evidence(BUNDLED.rubric, BUNDLED.sha256, form))


def found(result) -> list[tuple[str, str | None]]:
    return [(p.code, p.location.key) for p in check(result, "r.json")]


def changed(result, path: str, value):
    """The result with the value at a dotted path (list indexes as numbers) replaced."""
    data = result.model_dump(by_alias=True)
    *parents, last = [int(k) if k.isdigit() else k for k in path.split(".")]
    node = data
    for key in parents:
        node = node[key]
    node[last] = value
    return type(result).model_validate(data)


@SETTINGS
@given(forms(BUNDLED.rubric))
def test_every_result_the_engine_makes_passes(form):
    result = engine_result(form)
    assert check(result, "r.json") == []


@SETTINGS
@given(forms(BUNDLED.rubric), st.floats(2 * ROUNDING + 0.001, 50), st.booleans())
def test_a_total_moved_beyond_the_rounding_is_caught(form, delta, up):
    result = engine_result(form)
    total = result.total.points + (delta if up else -delta)
    if total < 0:
        total = result.total.points + delta
    codes = {code for code, _ in found(changed(result, "total.points", total))}
    assert "S011" in codes or "S012" in codes


@SETTINGS
@given(forms(BUNDLED.rubric), st.data())
def test_a_grade_other_than_the_one_the_total_gives_is_caught(form, data):
    result = engine_result(form)
    other = data.draw(st.sampled_from([g.id for g in result.grades if g.id != result.total.grade.id]))
    assert ("S015", "total.grade.id") in found(changed(result, "total.grade.id", other))


def test_each_kind_of_inconsistency_is_located(mini_loaded):
    result = scored(mini_loaded)
    assert check(result, "r.json") == []
    cases = [
        ("domains.0.points", result.domains[0].points + 3, ("S035", "domains[0].points")),
        ("indicators.0.points", result.indicators[0].max + 1, ("S012", "indicators[0].points")),
        ("indicators.0.max", -1.0, ("S013", "indicators[0].max")),
        ("total.points", float("inf"), ("S013", "total.points")),
        ("indicators.0.level", 5, ("S014", "indicators[0].level")),
        ("indicators.0.ratings.0.level", 9, ("S014", "indicators[0].ratings[0].level")),
        ("organizations.0.stage", 99, ("S016", "organizations[0].stage")),
        ("source.sha256", "xyz", ("S017", "source.sha256")),
        ("rubric.sha256", "A" * 64, ("S017", "rubric.sha256")),
        ("stage_counts", {"1": -2}, ("S013", "stage_counts.1")),
    ]
    for path, value, expected in cases:
        assert expected in found(changed(result, path, value)), path


def test_a_red_line_caps_the_grade(mini_loaded):
    result = scored(mini_loaded)
    hit = [{"id": "m_funds_misused", "label": {"zh": "挪用", "en": "Misuse"}, "cells": []}]
    capped = changed(changed(result, "total.red_lines", hit), "total.grade.id", result.grades[-1].id)
    assert check(capped, "r.json") == []
    assert ("S015", "total.grade.id") in found(changed(result, "total.red_lines", hit))


def test_a_published_figure_is_its_exact_value_rounded_once(mini_loaded):
    result = scored(mini_loaded)
    assert found(result) == []
    assert found(changed(result, "total.points", result.total.points + ROUNDING)) == [("S011", "total.points")]
    assert found(changed(result, "domains.0.points", result.domains[0].points + ROUNDING)) == [("S035", "domains[0].points")]
    assert range(5) == LEVELS


def test_an_upgraded_v1_result_is_allowed_the_rounding_of_its_published_figures(mini_loaded):
    result = scored(mini_loaded).model_copy(update={"upgraded_from": "evaluator.result/1"})
    assert found(changed(result, "total.points", result.total.points + ROUNDING / 2)) == []
    assert found(changed(result, "total.points", result.total.points + 1)) == [("S011", "total.points")]
