"""Rules in words: ranges, formulas with labels, the notes on missing evidence."""

from __future__ import annotations

from evaluator.report.phrasing import grade_spans
from evaluator.report.rubric_handbook import handbook_view
from evaluator.report.rule_words import Token, describe, formula


def _rule(mini, indicator_id, lang="zh"):
    indicator = next(i for i in mini.indicators if i.id == indicator_id)
    roster = {c.id: c.label(lang) for c in mini.ladder.roster_columns}
    return describe(indicator, mini.evidence_fields, roster, lang)


def test_a_declared_threshold_is_written_as_declared():
    from evaluator.numbers import number, percent

    assert [number(v, None) for v in (10, 2.5, 0.125, 12000, 0.035)] == ["10", "2.5", "0.125", "12,000", "0.035"]
    assert percent(0.0325, None) == "3.25%"


def test_bands_name_their_ranges_and_points(mini):
    view = _rule(mini, "D1.02")
    assert view.table.rows == [["不足 8 小时", "0%", "0 分"], ["8 小时至不足 24 小时", "50%", "5 分"],
                               ["24 小时及以上", "100%", "10 分"]]
    assert view.notes == ["缺少证据时：记 0 分。"]


def test_ratio_is_numerator_over_denominator(mini):
    view = _rule(mini, "D1.03", "en")
    assert view.summary.startswith("Ratio = Activities delivered ÷ Activities planned")
    assert view.table.rows[1][0] == "60% to under 90%"
    assert "When the denominator is 0: not applicable." in view.notes


def test_checklist_items_with_weights_and_points(mini):
    view = _rule(mini, "D2.01")
    assert view.table.rows[0] == ["策由民定", "2", "10 分"]
    assert "总权重 4" in view.summary


def test_expression_and_roster_read_with_labels(mini):
    expression = _rule(mini, "D1.04")
    assert expression.formula == [Token("var", "外部资源"), Token("op", "÷"), Token("var", "项目资金")]
    assert expression.source == "m_outside / m_funds"
    roster = _rule(mini, "D2.02", "en")
    assert [t.text for t in roster.formula] == ["maturity stage", "≥", "2"]
    assert roster.table.rows[-1][0] == "50% or more"


def test_formula_translates_keywords_and_ternaries():
    tokens = formula("a != null and b >= 5 ? 1 : 0", {"a": "联系人", "b": "成员"}, "zh")
    assert " ".join(t.text for t in tokens) == "联系人 ≠ 空 且 成员 ≥ 5 ? 1 : 0"


def test_rating_anchors_and_advice_levels(mini):
    view = handbook_view(mini, "0" * 64, "zh")
    d101 = view.domains[0].indicators[0]
    assert [row[0] for row in d101.rule.table.rows] == ["0", "1", "2", "3", "4"]
    assert d101.rule.table.rows[4][2] == "10 分"
    assert d101.raters == ["自评", "评估员A", "评估员B", "共识", "居民代表"]
    assert d101.advice[0][0] == "0 级"
    assert view.domains[0].indicators[1].advice[0][0] == "得分率不足 25%"


def test_grades_cover_the_scale(mini):
    assert grade_spans(mini.grades, "zh") == [("优秀", "85 及以上"), ("合格", "60 至不足 85"), ("不合格", "不足 60")]


def test_the_handbook_cites_sources_and_states_minimum_samples():
    from evaluator.bundled import rubric_path
    from evaluator.rubric import load_rubric

    loaded = load_rubric(rubric_path())
    book = handbook_view(loaded.rubric, loaded.sha256, "zh")
    d1 = next(i for d in book.domains for i in d.indicators if i.id == "D1.01")
    assert d1.source == "江维（2019）；清华大学社会科学学院信义社区营造研究中心（2018）；中华人民共和国民政部（2010）"
    assert len(book.references) == 6 and all(r.endswith("。") and "：《" in r for r in book.references)
    d602 = next(i for d in book.domains for i in d.indicators if i.id == "D6.02")
    assert "少于 50、少于“社区总户数（项目覆盖范围）”的 3%" in " ".join(d602.rule.notes)
    d303 = next(i for d in book.domains for i in d.indicators if i.id == "D3.03")
    assert "分母为 0 时：记 0 分。" in d303.rule.notes
