"""The feedback report's view, without rendering: what each table cell says, in both languages, from the
golden results (a troubled 2024 final evaluation and its 2023 midterm)."""

from __future__ import annotations

import pytest

from evaluator.report.feedback import feedback_view
from evaluator.report.feedback_change import change
from evaluator.report.feedback_domains import basis, found
from evaluator.report.feedback_voices import gap_rows
from evaluator.scoring.result import Result
from evaluator.store.files import read_result
from tests.report.make_golden import GOLDEN


@pytest.fixture(scope="module")
def troubled() -> Result:
    return read_result(GOLDEN / "troubled.json")


@pytest.fixture(scope="module")
def earlier() -> Result:
    return read_result(GOLDEN / "earlier.json")


def indicator(result: Result, id: str):
    return next(i for i in result.indicators if i.id == id)


@pytest.mark.parametrize("id, zh, en", [
    ("D1.01", ("6/6 项", "各项均满足"), ("6 of 6", "Every item met")),
    ("D1.02", ("4 级", "评估员共识"), ("Level 4", "Evaluators' consensus")),
    ("D4.05", ("2.5 级", "评估员均值（1、4）"), ("Level 2.5", "Evaluators' mean (1, 4)")),
    ("D1.04", ("8 次", "项目周期内有记录的督导次数：8 次"), None),
    ("D2.05", ("98.6%", "实际执行场次 69 场 ÷ 计划活动场次 70 场"), None),
    ("D5.03", ("14/15 个", "名册 15 个自组织中 14 个符合本项条件"), ("14 of 15 organizations", None)),
    # nothing sampled: a zero denominator scores 0 and the sample is thin, never "not applicable"
    ("D3.03", ("分母为 0", "其中票据完整合规的笔数 0 笔 ÷ 抽查凭证笔数 0 笔"), ("The denominator is 0", None)),
    ("D4.04", ("缺少证据", "居民联名提出并列入议程的议题数未填写"), ("Evidence missing", None)),
])
def test_found_and_basis_for_each_kind_of_rule(troubled, id, zh, en):
    ind = indicator(troubled, id)
    assert (found(ind, "zh"), basis(ind, "evaluation", "zh")) == zh
    if en:
        assert found(ind, "en") == en[0] and (en[1] is None or basis(ind, "evaluation", "en") == en[1])


def test_an_expression_shows_its_value_and_every_input(troubled):
    ind = indicator(troubled, "D1.03")
    assert found(ind, "zh") == "1"
    assert basis(ind, "evaluation", "en") == (
        "Of whom hold a social work qualification certificate: 3 persons; Project team size: 4 persons; "
        "The project lead changed during the project: no; Staff who left or were moved off the project: 0 persons")


def test_rater_tables_mark_disagreement_and_keep_every_voice(troubled):
    view = feedback_view(troubled, "zh")
    d4 = next(d for d in view.domains if d.id == "D4")
    assert d4.raters.raters == ["自评", "评估员A", "评估员B", "共识", "居民代表", "社区两委"]
    row = next(r for r in d4.raters.rows if r.id == "D4.05")
    assert [c.text for c in row.cells] == ["4", "1", "4", "—", "—", "—"]
    assert [c.mark for c in row.cells][:3] == ["", "disagree", "disagree"]
    assert row.official == "2.5" and row.flags == "评估员分歧"
    assert [label for label, _, _ in view.flags] == ["评估员分歧", "自评偏高", "自评偏低"]
    assert d4.rows[3].status == "missing"


def test_priorities_flag_missing_evidence_and_strengths_are_three(troubled):
    from evaluator.pipeline import rubric_of

    summary = feedback_view(troubled, "zh", rubric=rubric_of(troubled)).summary
    assert len(summary.strengths) == 3 and len(summary.priorities) == 5
    # the evaluators' findings on the feedback sheet lead, in the order they wrote them, quoted
    assert [p.id for p in summary.priorities[:3]] == ["D3.07", "D4.07", "D6.08"]
    assert all(p.why.startswith("评估员在反馈表中写道：") and p.advice for p in summary.priorities[:3])
    first, second = summary.priorities[3:]
    # the evidence left missing (all its points at stake), then no voucher sampled: 0 (never "not applicable")
    assert (first.id, first.missing, first.points) == ("D4.04", True, "0 / 2") and first.advice
    assert (second.id, second.missing, second.points) == ("D3.03", False, "0 / 2") and second.advice
    assert summary.red_lines == [("挪用项目资金或用于与项目无关的用途", "D3 财务管理与资源整合!C14")]


def test_widest_gaps_come_first_and_say_which_way(troubled):
    gaps = gap_rows(troubled, "zh")
    assert 0 < len(gaps) <= 5
    assert gaps[0].id == "D4.05" and gaps[0].gap == "自评高 0.75 分" and gaps[0].direction == "higher"
    assert gaps[0].official == "2.5 级 · 1.25 分" and gaps[0].own == "4 级 · 2 分"
    widths = [float(g.gap.split()[1]) for g in gaps]
    assert widths == sorted(widths, reverse=True)


def test_change_since_the_earlier_round(troubled, earlier):
    moved = change(troubled, earlier, "zh")
    assert moved.total.delta == "+3.36" and moved.total.direction == "up"
    assert moved.headline == "较 2023-第二届微公益创投（中期，81.12 分，良好）提高 3.36 分"
    assert moved.domains["D4"].delta == "−1.25" and moved.domains["D4"].direction == "down"
    # the planted roster name (桃枝艺术团<b>粗</b>) is not the one of 2023: one new, one gone
    assert moved.flow == "与上一届相比：7 个组织升阶，4 个持平，0 个降阶，新增 4 个，上一届名册中有 1 个本届未列出。"


def test_a_renamed_organization_is_new_and_the_old_name_gone(troubled, earlier):
    orgs = [o.model_copy(update={"name": "改了名的团"}) if o.row == 6 else o for o in earlier.organizations]
    moved = change(troubled, earlier.model_copy(update={"organizations": orgs}), "en")
    assert "5 are new, and 2 on the previous roster are not listed now" in moved.flow
    assert 6 not in moved.stages


def test_organizations_say_what_each_needs_next(troubled):
    orgs = feedback_view(troubled, "en").organizations
    assert orgs.count == 15 and orgs.rows[0].needs == "At the top stage"
    helper = next(r for r in orgs.rows if r.name == "雁回女子健身队（虚构）")
    assert helper.stage == "Stage 4: Mutual aid" and helper.needs.count("; ") == 2


def test_appendix_counts_and_problems_in_the_reports_language(troubled):
    appendix = feedback_view(troubled, "en").appendix
    assert appendix.counts == "53 indicators: 52 scored, 1 with evidence missing, 0 not applicable."
    assert appendix.missing_evidence == [("Issues tabled by residents and put on the agenda", "D4 居民参与与协商民主!C34")]
    assert appendix.problems[0].code == "F034" and appendix.problems[0].severity == "Warning"
    assert "required evidence is empty" in appendix.problems[0].message


def test_a_self_assessment_view_predicts_and_lists_what_to_fix(earlier):
    own = earlier.model_copy(update={"mode": "self_assessment",
                                     "project": earlier.project.model_copy(update={"evaluation_type": "self"})})
    view = feedback_view(own, "zh")
    assert view.readiness and view.cover.kind == "自评准备度报告"
    assert 3 <= len(view.summary.priorities) <= 5
    assert all(d.raters is None for d in view.domains) and view.flags == []
    assert view.participation.bars is None and view.participation.gaps == []
    assert basis(indicator(own, "D1.02"), own.mode, "zh") == "自评等级，作为预测"


def test_every_phrase_the_report_composes_has_a_glyph():
    import polib

    from evaluator.i18n import LOCALE_DIR
    from tests.report.test_fonts import cmap, printable

    covered = cmap("NotoSansSC-Regular.woff2")
    catalogue = polib.pofile(str(LOCALE_DIR / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    phrases = [text for e in catalogue for text in (e.msgid, e.msgstr, *e.msgstr_plural.values())]
    phrases = [p.replace("✗", "").replace("✓", "") for p in phrases]   # the CLI's marks, printed in a terminal
    assert not {c for c in printable("".join(phrases)) if ord(c) not in covered}


def test_the_next_grade_up_is_named_unless_a_red_line_caps_it(troubled, earlier):
    from evaluator.report.feedback import next_grade

    assert next_grade(earlier, "zh") == "距“优秀”（85 分）还差 3.88 分"
    assert next_grade(earlier, "en") == "3.88 pts short of Excellent (85)"
    assert next_grade(troubled, "zh") == ""   # 84.48 points, yet a red line made it 不合格


def test_a_thin_sample_is_said_beside_its_indicator(troubled):
    from evaluator.report.feedback_domains import indicator_row

    row = indicator_row(indicator(troubled, "D3.03"), "evaluation", "zh")   # no voucher sampled of 103 payments
    assert row.thin == "样本不足：样本 0，少于要求的 30，本项最高得 75%。"
    assert indicator_row(indicator(troubled, "D6.02"), "evaluation", "en").thin == ""


def test_domains_that_do_not_add_up_as_shown_say_why(troubled):
    summary = feedback_view(troubled, "zh").summary
    assert summary.total == "84.48" and [d.points for d in summary.domains][1] == "13.63 / 15"
    assert summary.sum_note.startswith("各领域得分按四舍五入保留两位小数显示")   # 13.85 + 13.63 + … = 84.49


def test_an_unanswered_red_line_is_shown_and_caps_the_grade(earlier):
    from evaluator.report.feedback import next_grade
    from evaluator.rubric.bilingual import Text
    from evaluator.scoring.result import RedLineHit

    hit = RedLineHit(id="funds-misused", label=Text(zh="挪用项目资金", en="Funds misused"), cells=["D3!C14"])
    blank = earlier.model_copy(update={"total": earlier.total.model_copy(update={"unanswered_red_lines": [hit]})})
    summary = feedback_view(blank, "zh").summary
    assert summary.unanswered == [("挪用项目资金", "D3!C14")] and summary.red_lines == []
    assert next_grade(blank, "zh") == ""


def test_a_domain_in_which_nothing_applies_reads_not_applicable(earlier):
    domains = [d.model_copy(update={"status": "not_applicable", "points": None, "exact": None, "applicable_max": 0.0,
                                    "self_points": None}) if d.id == "D3" else d for d in earlier.domains]
    view = feedback_view(earlier.model_copy(update={"domains": domains}), "zh")
    row = next(d for d in view.summary.domains if d.id == "D3")
    assert (row.points, row.share, row.own) == ("不适用", "—", "—")
    section = next(d for d in view.domains if d.id == "D3")
    assert not section.applicable and section.note.startswith("本领域没有适用的指标")
    assert view.summary.sum_note.startswith("标为“不适用”的领域")


def test_the_appendix_cites_the_rubrics_sources(troubled):
    refs = feedback_view(troubled, "en").appendix.references
    assert len(refs) == 6 and refs[0].startswith("江维：《城乡社区可持续总体营造行动的顶层设计与行动能力建构")
