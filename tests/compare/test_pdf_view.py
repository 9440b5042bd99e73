"""The portfolio PDF's view on the hand-checked portfolio (tests/compare/portfolio.py): the sentences,
tables and marks a funder reads, worked out by hand, without rendering."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from evaluator.compare.compute import portfolio
from evaluator.compare.findings import findings
from evaluator.compare.model import Selection
from evaluator.compare.portfolio_view import fixed_font_dates, portfolio_view
from evaluator.compare.round_view import heatmaps
from evaluator.compare.select import portfolio_from_store
from evaluator.compare.table_cells import change, heat, heat_level
from evaluator.numbers import percent, points, signed
from evaluator.store import Store
from tests.compare.build import result
from tests.compare.synthetic import synthetic_portfolio


def texts(grid) -> list[list[str]]:
    return [[c.text for c in row] for row in grid.rows]


def test_numbers_are_written_as_every_other_output_writes_them():
    """Points as published (2 decimals), shares to 0.1%, changes signed; the workbook shows the same."""
    assert (points(67.25), percent(0.625)) == ("67.25", "62.5%")
    assert (signed(7.5), signed(-10), signed(0.01), signed(0.004)) == ("+7.5", "−10", "+0.01", "0")
    assert (change(1.26).text, change(1.26).cls) == ("▲ +1.26", "num up")
    assert (change(-0.25, 100, 1).text, change(-0.25, 100, 1).cls) == ("▼ −25", "num down")
    assert (change(0.0004, 100, 1).text, change(0.0004, 100, 1).cls) == ("0", "num same")
    assert change(None).text == "—" and change(0.0).cls == "num same"
    assert [heat_level(s) for s in (0.0, 0.49, 0.5, 0.79, 0.8, 0.9, 1.0)] == [0, 0, 1, 3, 4, 5, 5]
    assert heat(0.9).cls == "num heat heat-5" and heat(None).text == "—"


def test_key_findings_in_chinese(pf):
    said = findings(pf, "zh")
    # 第一届 50, 70, 90 → 70; 第二届 75, 60 → 67.5; D1 shares 0.75, 0.5 → 62.5%, D2 0.75, 0.667 → 70.8%
    assert said[0].startswith("第一届 3 个项目平均 70 分；")
    assert said[1] == "第二届 2 个项目平均 67.5 分，较第一届降低 2.5 分；D1 领域D1 最弱（平均得分率 62.5%），D2 领域D2 最强（70.8%）。"
    assert "第二届的等级：合格 2 个。" in said
    # P1 50 → 75, P2 70 → 60
    assert ("两届都参评的 2 个项目中，1 个总分提高、1 个下降，平均变化 +7.5 分；提高最多的是阳光项目二期（+25 分），"
            "下降最多的是项目P2（−10 分）。") in said
    assert "与第一届相比，指标平均得分率下降最多的是 D1.02 指标D1.02（−25 个百分点）。" in said
    assert "第一届：1 份评估证据不全（结果暂定），0 份触及红线。" in said
    assert any("评估标准的版本不同" in s for s in said)


def test_key_findings_in_english(pf):
    said = " ".join(findings(pf, "en"))
    assert "In 第二届, 2 projects averaged 67.5 points, 2.5 points lower than in 第一届" in said
    assert "Of the 2 projects evaluated in both rounds, 1 rose and 1 fell (mean change +7.5 points)" in said
    assert "Grades in 第二届: Pass 2." in said


def test_the_heatmap_lists_projects_by_total_with_shares(pf):
    [grid] = portfolio_view(pf, "zh").rounds[0].heatmaps
    assert [(h.text, h.sub) for h in grid.headers] == [
        ("编号", ""), ("项目", ""), ("总分", ""), ("D1", "领域D1"), ("D2", "领域D2")]
    assert texts(grid) == [["P3", '=HYPERLINK("http://evil.example","点我")', "90", "90%", "90%"],
                           ["P2", "项目P2", "70", "75%", "66.7%"], ["P1", "阳光项目二期", "50", "50%", "50%"]]
    assert grid.rows[2][2].sub == "不合格 · 暂定" and grid.rows[0][3].cls == "num heat heat-5"


def test_a_wide_rubric_continues_in_a_second_heatmap(tmp_path):
    domains = {f"D{n}": (n, 10) for n in range(1, 11)}
    with Store.open(tmp_path / "wide.db") as store:
        store.ingest(result("W1", "第一届", "w", domains=domains, indicators={"D1.01": (1, 10, "scored")}))
        pf = portfolio_from_store(store)
    first, second = heatmaps(pf.rounds[0], pf, "en")
    assert [h.text for h in first.headers][3:] == [f"D{n}" for n in range(1, 9)]
    assert [h.text for h in second.headers] == ["Code", "Project", "Total", "D9", "D10"]
    assert texts(second) == [["W1", "项目W1", "55", "90%", "100%"]]


def test_changes_marks_and_the_organizations_that_moved(pf):
    view = portfolio_view(pf, "zh")
    [pair] = view.pairs
    assert (pair.before, pair.after, pair.domain_key) == ("第一届", "第二届", "D1 领域D1　D2 领域D2")
    assert texts(pair.projects[0]) == [["阳光项目二期", "50", "75", "▲ +25", "▲ +10", "▲ +15"],
                                       ["项目P2", "70", "60", "▼ −10", "▼ −10", "0"]]
    assert pair.improved is None and texts(pair.fell)[0][:4] == ["指标D1.02", "75%", "50%", "▼ −25"]
    assert texts(view.growth.up) == [["舞蹈队 ", "阳光项目二期", "萌芽 → 自我管理", "▲ +2"]]
    assert texts(view.growth.down) == [["AB合唱团", "阳光项目二期", "兴趣社群 → 萌芽", "▼ −1"]]
    assert texts(view.growth.flows) == [["第二届", "2", "1", "1", "1", "1", "1", "1"]]


def test_cover_and_notes_say_what_was_compared(pf):
    view = portfolio_view(pf, "zh")
    cover = dict(view.cover)
    assert cover["比较的届次"] == "第一届（3 个项目）、第二届（2 个项目）"
    assert cover["项目"] == "3 个项目，5 份评估" and cover["评估标准"] == "mini 0.1.0、mini 0.2.0"
    assert cover["最近一次评估"] == "表格未填写评估日期"
    notes = dict(view.notes)
    assert notes["mini 0.1.0"].startswith("用于第一届、第二届的 4 份评估；等级：优秀 85 及以上、合格 60 至不足 85、不合格 不足 60；")
    assert "仅 mini 0.1.0 有 D1.02" in notes["评估标准差异"]
    [(first, counted), _] = view.counted
    assert first == "第一届" and [r[1].text for r in counted.rows] == ["终期", "终期", "中期"]


def test_the_cover_dates_the_latest_evaluation_never_the_clock():
    pf = synthetic_portfolio(projects=3, rounds=2)
    # round 2 holds records 4–6, dated 2025-03-(1 + id)
    assert dict(portfolio_view(pf, "en").cover)["Latest evaluation"] == "2025-03-07"


def test_skipped_rounds_and_an_empty_portfolio_are_said_plainly(pf):
    skipped = pf.model_copy(update={"skipped_rounds": ["第三届"]})
    assert "所选届次第三届没有终期或中期评估，未列入比较。" in findings(skipped, "zh")
    assert dict(portfolio_view(skipped, "zh").notes)["未列入的届次"].startswith("第三届：")
    empty = portfolio([], Selection())
    view = portfolio_view(empty, "zh")
    assert view.findings == ["所选范围内没有可比较的评估。"] and view.rounds == [] and view.growth is None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_text_is_a_plain_string(pf, lang):
    """Templates only lay out: everything in the view is already a string in the document's language."""
    view = portfolio_view(pf, lang)
    grids = [g for r in view.rounds for g in (r.grades, r.weakest, *r.heatmaps)]
    cells = [c for g in grids for row in (g.headers, *g.rows) for c in row]
    assert cells and all(isinstance(c.text, str) and isinstance(c.sub, str) for c in cells)


def test_fonts_are_dated_by_the_evaluations_while_rendering_and_a_users_date_is_kept(monkeypatch):
    pf = synthetic_portfolio(projects=2, rounds=1)   # evaluated 2024-03-(2..3)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    with fixed_font_dates(pf):
        assert os.environ["SOURCE_DATE_EPOCH"] == str(int(dt.datetime(2024, 3, 3, tzinfo=dt.UTC).timestamp()))
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    with fixed_font_dates(pf):
        assert os.environ["SOURCE_DATE_EPOCH"] == "0"


def test_a_domain_in_which_nothing_applied_reads_not_applicable_never_zero(tmp_path):
    from openpyxl import Workbook

    from evaluator.compare.portfolio_xlsx import matrix

    nothing = result("N1", "第一届", "n", domains={"D1": (30, 40), "D2": (None, 60)},
                     indicators={"D1.01": (30, 40, "scored"), "D2.01": (0, 60, "not_applicable")})
    with Store.open(tmp_path / "na.db") as store:
        store.ingest(nothing)
        pf = portfolio_from_store(store)
    [grid] = heatmaps(pf.rounds[0], pf, "zh")
    assert texts(grid) == [["N1", "项目N1", "30", "75%", "不适用"]]   # never 0 or 0%
    assert [d.id for d in pf.rounds[0].domains] == ["D1"]        # left out of the round's domain means
    ws = Workbook().active
    matrix(ws, pf, "zh")
    row = {ws.cell(1, c).value: ws.cell(2, c).value for c in range(1, ws.max_column + 1)}
    assert row["D2 D2"] == "不适用" and row["D2 得分率"] is None and row["D1 领域D1"] == 30
