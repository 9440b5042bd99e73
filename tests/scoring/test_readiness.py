"""Self-assessment mode: predicted score, the evidence a reviewer will miss, what to fix first."""

from __future__ import annotations

from evaluator.scoring.engine import evaluate
from tests.scoring.build import evidence


def test_self_assessment_names_missing_required_evidence_and_priorities(mini_loaded):
    form = {"type": "self", "values": {"m_training_hours": 2, "m_done": 3, "m_planned": 10},
            "ratings": {"D1.01": {"self": 2}}}
    result = evaluate(mini_loaded.rubric, evidence(mini_loaded.rubric, mini_loaded.sha256, form))
    assert result.mode == "self_assessment"
    missing = [m.id for m in result.highlights.missing_evidence]
    assert missing == ["m_funds", "m_funds_misused"]  # the required fields left empty, in rubric order
    priorities = result.highlights.priorities
    assert 3 <= len(priorities) <= 5
    # the largest losses first: D2.01 and D2.02 lose 20 each; D2.03 is not applicable (no survey);
    # then D1.02-D1.04 lose 10 each, in id order
    assert [p.indicator for p in priorities] == ["D2.01", "D2.02", "D1.02", "D1.03", "D1.04"]
    assert all(p.advice is not None and p.advice.zh for p in priorities)


def test_an_evaluation_lists_missing_evidence_and_keeps_strengths(mini_loaded):
    form = {"values": {"m_training_hours": 30, "m_done": 10, "m_planned": 10, "m_funds": 5},
            "ratings": {"D1.01": {"consensus": 4}}}
    result = evaluate(mini_loaded.rubric, evidence(mini_loaded.rubric, mini_loaded.sha256, form))
    assert [m.id for m in result.highlights.missing_evidence] == ["m_funds_misused"]
    assert result.total.provisional
    assert {s.indicator for s in result.highlights.strengths} == {"D1.01", "D1.02", "D1.03"}
    assert all(s.advice is None for s in result.highlights.strengths)  # full marks: nothing to advise


def test_result_json_names_the_schema_and_rubric(mini_loaded):
    import json

    form = {"values": {"m_training_hours": 30}}
    result = evaluate(mini_loaded.rubric, evidence(mini_loaded.rubric, mini_loaded.sha256, form))
    data = json.loads(result.to_json())
    assert data["schema"] == "evaluator.result/2"
    assert data["rubric"] == {"id": "mini", "version": "0.1.0", "sha256": mini_loaded.sha256}
    assert {"total", "domains", "indicators", "organizations", "problems", "project", "mode"} <= set(data)
