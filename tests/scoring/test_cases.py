"""OpenFisca-style cases: tests/cases/*.yaml describe a form and the expected scores.

Each file names a fixture rubric and lists cases; each case gives the form (values, ratings, roster,
evaluation type) and what to expect: points and status per indicator, domain points, total, grade,
red lines, provisional, stages per organization and flags. Only what a case names is checked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from evaluator.rubric import load_rubric
from evaluator.scoring.engine import evaluate
from tests.scoring.build import evidence

CASES = Path(__file__).resolve().parents[1] / "cases"
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
_RUBRICS: dict[str, object] = {}


def _rubric(name: str):
    if name not in _RUBRICS:
        loaded = load_rubric(FIXTURES / name / "rubric.yaml")
        assert loaded.ok
        _RUBRICS[name] = loaded
    return _RUBRICS[name]


def _cases():
    for path in sorted(CASES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            yield pytest.param(doc["rubric"], case, id=f"{path.stem}: {case['name']}")


@pytest.mark.parametrize("rubric_name,case", list(_cases()))
def test_case(rubric_name: str, case: dict):
    loaded = _rubric(rubric_name)
    result = evaluate(loaded.rubric, evidence(loaded.rubric, loaded.sha256, case["form"]))
    expect = case["expect"]
    by_id = {r.id: r for r in result.indicators}
    for ind, want in expect.get("indicators", {}).items():
        got = by_id[ind]
        if "points" in want:
            assert got.points == pytest.approx(want["points"]), got.trace.sentence.en
        if "status" in want:
            assert got.status == want["status"], got.trace.sentence.en
        if "level" in want:
            assert got.level == want["level"], got.trace.sentence.en
        if "self_points" in want:
            assert got.self_points == pytest.approx(want["self_points"])
    domains = {d.id: d.points for d in result.domains}
    for dom, points in expect.get("domains", {}).items():
        assert domains[dom] == pytest.approx(points), dom
    if "total" in expect:
        assert result.total.points == pytest.approx(expect["total"])
    if "grade" in expect:
        assert result.total.grade.id == expect["grade"]
    if "red_lines" in expect:
        assert [h.id for h in result.total.red_lines] == expect["red_lines"]
    if "provisional" in expect:
        assert result.total.provisional is expect["provisional"]
    if "stages" in expect:
        assert {o.name: o.stage for o in result.organizations} == expect["stages"]
    if "missing_for_next" in expect:
        got = {o.name: [c.id for c in o.missing_for_next] for o in result.organizations}
        assert {k: got[k] for k in expect["missing_for_next"]} == expect["missing_for_next"]
    for ind, flags in expect.get("flags", {}).items():
        assert by_id[ind].flags == flags
    if "mode" in expect:
        assert result.mode == expect["mode"]
