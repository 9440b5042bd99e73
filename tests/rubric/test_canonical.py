"""The canonical form: a resolved rubric survives a JSON round trip, and its hash ignores YAML layout."""

from __future__ import annotations

import yaml

from evaluator.rubric import Rubric, load_rubric
from evaluator.rubric.canonical import canonical_json, content_hash


def test_round_trip_through_canonical_json(mini_loaded):
    again = Rubric.model_validate_json(canonical_json(mini_loaded.rubric))
    assert again == mini_loaded.rubric
    assert content_hash(again) == mini_loaded.sha256


def test_hash_ignores_layout_and_comments(mini_copy):
    before = load_rubric(mini_copy / "rubric.yaml").sha256
    for path in mini_copy.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text("# reformatted\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=True), encoding="utf-8")
    assert load_rubric(mini_copy / "rubric.yaml").sha256 == before


def test_hash_changes_with_meaning(mini_copy):
    before = load_rubric(mini_copy / "rubric.yaml").sha256
    path = mini_copy / "d1.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{min: 24, score: 1}", "{min: 30, score: 1}"), encoding="utf-8")
    assert load_rubric(mini_copy / "rubric.yaml").sha256 != before


def test_resolved_indicators_carry_domain_points_and_raters(mini):
    by_id = {i.id: i for i in mini.indicators}
    assert by_id["D1.01"].raters == ["self", "evaluator_a", "evaluator_b", "consensus", "residents"]
    assert by_id["D1.02"].raters == []  # not a rating: nobody rates it
    assert (by_id["D2.03"].domain, by_id["D2.03"].points) == ("D2", 20)
