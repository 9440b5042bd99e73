"""Comparison maths on the hand-checked portfolio (tests/compare/portfolio.py); every number by hand."""

from __future__ import annotations

import pytest

from evaluator.compare.select import portfolio_from_store
from evaluator.store import Store, StoreError

approx = pytest.approx


def test_each_project_counts_once_per_round_with_its_latest_official_evaluation(pf):
    assert [r.name for r in pf.rounds] == ["第一届", "第二届"]
    first, second = pf.rounds
    # P3 has only a midterm (its self-assessment never counts); P2's final beats its midterm
    assert [(m.project.code, m.evaluation_type, m.total) for m in first.matrix] == [
        ("P3", "midterm", 90), ("P2", "final", 70), ("P1", "final", 50)]
    # P1 was evaluated twice in 第二届: version 2 counts
    assert [(m.project.code, m.version, m.total) for m in second.matrix] == [("P1", 2, 75), ("P2", 1, 60)]
    assert pf.round("第二届").matrix[0].project.name == "阳光项目二期"


def test_distribution_and_grades_per_round(pf):
    first, second = pf.rounds
    d = first.distribution      # totals 50, 70, 90; inclusive quartiles halfway between neighbours
    assert (d.count, d.mean, d.median, d.min, d.max, d.q1, d.q3) == (3, 70, 70, 50, 90, 60, 80)
    d = second.distribution     # totals 60, 75
    assert (d.mean, d.median, d.q1, d.q3) == (67.5, 67.5, 63.75, 71.25)
    assert [(g.id, g.count) for g in first.grades] == [("excellent", 1), ("pass", 1), ("fail", 1)]
    assert [(g.id, g.count) for g in second.grades] == [("pass", 2)]
    assert [g.id for g in pf.grades] == ["excellent", "pass", "fail"]
    assert (first.provisional, first.red_lines) == (1, 0)


def test_projects_by_domains_in_points_and_share(pf):
    p1 = pf.round("第一届").matrix[2]
    assert {d: (c.points, c.max, c.share) for d, c in p1.domains.items()} == {"D1": (20, 40, 0.5), "D2": (30, 60, 0.5)}
    assert p1.share == 0.5
    assert p1.project.organization == "锦里中心"   # kept from an earlier form when the latest leaves it empty
    d1, d2 = pf.round("第一届").domains
    assert (d1.mean_points, d1.mean_share) == (approx((20 + 30 + 36) / 3), approx((0.5 + 0.75 + 0.9) / 3))
    assert (d2.mean_points, d2.mean_share) == (approx((30 + 40 + 54) / 3), approx((0.5 + 40 / 60 + 0.9) / 3))


def test_weakest_indicators_first_with_missing_counted(pf):
    stats = pf.round("第一届").indicators
    # D2.01: 15/20, 5/20, 20/20 → 0.667; D1.02: P1 missing, 5/10, 10/10 → 0.75; D1.01: 0.5, 1, 1 → 0.833
    assert [(s.id, s.mean_share, s.scored, s.missing) for s in stats] == [
        ("D2.01", approx(2 / 3), 3, 0), ("D1.02", approx(0.75), 2, 1), ("D1.01", approx(5 / 6), 3, 0)]
    assert stats[1].mean_points == 7.5
    # 第二届: D1.02 (P2 only) and D1.03 (P1 only) tie at 0.5, then D2.01 0.625, D1.01 0.75
    assert [(s.id, s.mean_share) for s in pf.round("第二届").indicators] == [
        ("D1.02", 0.5), ("D1.03", 0.5), ("D2.01", 0.625), ("D1.01", 0.75)]


def test_stage_counts_and_how_organizations_moved(pf):
    first, second = pf.rounds
    assert [(s.level, s.count) for s in first.stages] == [(0, 0), (1, 2), (2, 1), (3, 1)]
    assert [(s.level, s.name.zh, s.count) for s in second.stages] == [
        (0, "未达第一阶段", 1), (1, "萌芽", 2), (2, "兴趣社群", 0), (3, "自我管理", 2)]
    assert first.organization_flow is None
    flow = second.organization_flow   # 舞蹈队 up, ＡＢ合唱团 (now AB合唱团) down, 书画社 same, 新队 new, 太极队 gone, #3 unnamed
    assert (flow.projects, flow.up, flow.down, flow.same, flow.new, flow.gone, flow.unmatched) == (2, 1, 1, 1, 1, 1, 1)
    assert [(o.name, o.previous_stage, o.stage, o.change) for o in pf.moved("up")] == [("舞蹈队 ", 1, 3, 2)]
    assert [(o.name, o.previous_round, o.change) for o in pf.moved("down")] == [("AB合唱团", "第一届", -1)]


def test_each_projects_change_per_domain_and_total(pf):
    assert [(c.project.code, c.before_round, c.after_round, c.change) for c in pf.changes] == [
        ("P1", "第一届", "第二届", 25), ("P2", "第一届", "第二届", -10)]
    p1, p2 = pf.changes
    assert [(d.id, d.change, d.share_change) for d in p1.domains] == [("D1", 10, 0.25), ("D2", 15, 0.25)]
    assert [(d.id, d.change, d.share_change) for d in p2.domains] == [("D1", -10, -0.25), ("D2", 0, 0)]
    assert (p1.same_rubric, p2.same_rubric) == (False, True)
    assert (p1.grade_before.id, p1.grade_after.id) == ("fail", "pass")


def test_indicators_that_improved_or_fell_by_id_across_rubric_versions(pf):
    changes = {c.id: c for c in pf.indicator_changes}
    # D1.01: 0.833 → 0.75; paired P1 +0.5, P2 -0.5
    assert (changes["D1.01"].change, changes["D1.01"].paired_change, changes["D1.01"].paired) == \
        (approx(-1 / 12), 0, 2)
    # D1.02: 0.75 → 0.5 (P1's rubric 0.2.0 has no D1.02; P3 left); paired: P2 only, 0.5 → 0.5
    assert (changes["D1.02"].change, changes["D1.02"].paired_change, changes["D1.02"].paired) == (-0.25, 0, 1)
    # D2.01: 0.667 → 0.625; paired P1 0, P2 +0.25
    assert (changes["D2.01"].change, changes["D2.01"].paired_change) == (approx(-1 / 24), 0.125)
    # D1.03 exists only in 第二届's rubric: nothing to compare against
    assert (changes["D1.03"].share_before, changes["D1.03"].share_after, changes["D1.03"].change) == (None, 0.5, None)
    assert [c.id for c in pf.indicator_changes] == ["D2.01", "D1.01", "D1.02", "D1.03"]
    assert pf.improved() == [] and [c.id for c in pf.fell()] == ["D1.02", "D1.01", "D2.01"]


def test_rubric_versions_compared_are_named_with_the_ids_only_one_has(pf):
    # version 1 of P1 in 第二届 used rubric 0.3.0 but does not count, so 0.3.0 is not mentioned
    [note] = pf.rubric_notes
    assert (note.a.version, note.b.version, note.only_in_a, note.only_in_b) == ("0.1.0", "0.2.0", ["D1.02"], ["D1.03"])
    assert note.text.zh == ("mini 0.1.0 与 mini 0.2.0 的指标不同，按指标编号比较：仅 mini 0.1.0 有 D1.02；"
                            "仅 mini 0.2.0 有 D1.03。这些指标只在一方出现，不参与两者之间的比较。")
    assert "only mini 0.2.0 has D1.03" in note.text.en


def test_selecting_rounds_and_projects(db):
    with Store.open(db, create=False) as store:
        one = portfolio_from_store(store, rounds=["第二届"])
        assert [r.name for r in one.rounds] == ["第二届"] and one.changes == [] and one.indicator_changes == []
        by_name = portfolio_from_store(store, projects=["阳光项目二期", "P3"])
        assert [[m.project.code for m in r.matrix] for r in by_name.rounds] == [["P3", "P1"], ["P1"]]
        assert by_name.selection.projects == ["P1", "P3"]
        with pytest.raises(StoreError) as caught:
            portfolio_from_store(store, rounds=["第三届"], projects=["P9"])
        assert [p.code for p in caught.value.problems] == ["S031", "S030"]


def test_the_portfolio_is_json_for_the_pdf(pf):
    from evaluator.compare.model import Portfolio

    assert Portfolio.model_validate_json(pf.to_json()) == pf


def test_a_final_evaluation_is_compared_with_a_final_one_and_not_with_a_midterm_one_by_default():
    """Issue 14, item 5: a 终期 after a 中期 is not a like-for-like change; it is left out (and counted) unless
    asked for, and then labelled by its types."""
    import dataclasses
    import random

    from evaluator.bundled import rubric_path
    from evaluator.compare.compute import portfolio
    from evaluator.compare.model import Selection
    from evaluator.rubric import load_rubric
    from tests.compare.synthetic import _record

    rubric = load_rubric(rubric_path()).rubric
    made = [_record(rubric, random.Random(n), n, "P1", "阳光项目", name, 0.7) for n, name in
            enumerate(["1-第一届", "2-第二届", "3-第三届"], start=1)]
    first, second, third = dataclasses.replace(made[0], evaluation_type="midterm"), made[1], made[2]
    alike = portfolio([first, second, third], Selection())
    assert [(c.before_round, c.after_round) for c in alike.changes] == [("2-第二届", "3-第三届")]
    assert alike.unlike_left_out == 1
    mixed = portfolio([first, second, third], Selection(mixed_types=True))
    assert [(c.before_round, c.type_before, c.type_after) for c in mixed.changes] == [
        ("1-第一届", "midterm", "final"), ("2-第二届", "final", "final")]
    assert mixed.unlike_left_out == 0
