"""OpenFisca-style cases: tests/cases/*.yaml describe a form and the expected scores.

Each file names a rubric (a fixture under tests/fixtures, or the id of a bundled rubric) and lists cases;
each case gives the form (values, ratings, roster, evaluation type) and what to expect. Only what a case
names is checked:

    indicators: {ID: {points, exact, status, level, self_points, thin: {size, required, cap}}}
    domains:    {ID: points}  or  {ID: {points, exact, status}}
    total:      points        or  {points, exact}
    grade, red_lines, unanswered_red_lines, provisional, stages, missing_for_next, flags, mode
    sentence:   {ID: text the Chinese trace sentence contains}

`exact` is the exact value as the result JSON writes it ("40/3"); `points` is the published figure,
compared exactly. The worked examples of docs/scoring.md are the cases in worked-examples.yaml.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evaluator.bundled import bundled_rubrics, rubric_path
from evaluator.rubric import load_rubric
from evaluator.scoring.engine import evaluate
from tests.scoring.build import evidence

CASES = Path(__file__).resolve().parents[1] / "cases"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_RUBRICS: dict[str, object] = {}


def _rubric(name: str):
    if name not in _RUBRICS:
        path = rubric_path(name) if name in bundled_rubrics() else FIXTURES / name / "rubric.yaml"
        loaded = load_rubric(path)
        assert loaded.ok
        _RUBRICS[name] = loaded
    return _RUBRICS[name]


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rubric"], case, id=f"{path.stem}: {case['name']}")


def _figures(got, want) -> None:
    """`want` is the published points, or a mapping of fields to compare (points, exact, status)."""
    want = want if isinstance(want, dict) else {"points": want}
    for key, value in want.items():
        assert getattr(got, key) == value, (key, getattr(got, key), value)


def _indicator(got, want: dict) -> None:
    for key in ("points", "exact", "status", "level", "self_points"):
        if key in want:
            assert getattr(got, key) == want[key], (key, getattr(got, key), want[key], got.trace.sentence.en)
    if "thin" in want:
        if want["thin"] is None:
            assert got.thin is None, got.trace.sentence.en
        else:
            assert got.thin is not None, got.trace.sentence.en
            for key, value in want["thin"].items():
                assert getattr(got.thin, key) == value, (key, got.thin)


@pytest.mark.parametrize("rubric_name,case", list(_cases()))
def test_case(rubric_name: str, case: dict):
    loaded = _rubric(rubric_name)
    result = evaluate(loaded.rubric, evidence(loaded.rubric, loaded.sha256, case["form"]))
    expect = case["expect"]
    by_id = {r.id: r for r in result.indicators}
    for ind, want in expect.get("indicators", {}).items():
        _indicator(by_id[ind], want)
    domains = {d.id: d for d in result.domains}
    for dom, want in expect.get("domains", {}).items():
        _figures(domains[dom], want)
    if "total" in expect:
        _figures(result.total, expect["total"])
    if "grade" in expect:
        assert result.total.grade.id == expect["grade"]
    for key in ("red_lines", "unanswered_red_lines"):
        if key in expect:
            assert [h.id for h in getattr(result.total, key)] == expect[key]
    if "provisional" in expect:
        assert result.total.provisional is expect["provisional"]
    if "stages" in expect:
        assert {o.name: o.stage for o in result.organizations} == expect["stages"]
    if "missing_for_next" in expect:
        got = {o.name: [c.id for c in o.missing_for_next] for o in result.organizations}
        assert {k: got[k] for k in expect["missing_for_next"]} == expect["missing_for_next"]
    for ind, flags in expect.get("flags", {}).items():
        assert by_id[ind].flags == flags
    for ind, text in expect.get("sentence", {}).items():
        assert text in by_id[ind].trace.sentence.zh, by_id[ind].trace.sentence.zh
    if "mode" in expect:
        assert result.mode == expect["mode"]
