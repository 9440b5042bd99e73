"""改进计划 without the server: `evaluator plan` drafts it from a result, `evaluator score --plan` reads it
back and the next round's report shows each action done or not; every mistake in the workbook is located."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from evaluator.cli import main
from evaluator.improvement import FIRST_ROW, draft, plan_workbook, read_plan
from evaluator.report.feedback_followup import (
    FollowUp,
    PlanItem,
    ResponseItem,
    followup_view,
)
from tests.web.world import scored

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def test_the_draft_is_the_priorities_with_the_rubrics_advice_and_is_reproducible():
    result = scored("jt-estate-2023.xlsx")
    items = draft(result, "zh")
    assert [i.indicator for i in items] == [a.indicator for a in result.highlights.priorities]
    assert all(i.action for i in items)
    assert plan_workbook(result, "zh") == plan_workbook(result, "zh")
    assert plan_workbook(result, "en") != plan_workbook(result, "zh")


def filled(tmp_path: Path, edits: dict[str, object], lang: str = "zh") -> Path:
    wb = load_workbook(io.BytesIO(plan_workbook(scored("jt-estate-2023.xlsx"), lang)))  # type: ignore[arg-type]
    ws = wb.active
    for ref, value in edits.items():
        ws[ref] = value
    path = tmp_path / "plan.xlsx"
    wb.save(path)
    return path


def test_read_back_with_the_next_evaluations_marks(tmp_path):
    path = filled(tmp_path, {f"E{FIRST_ROW}": "项目主任", f"F{FIRST_ROW}": "2025-06-30", f"G{FIRST_ROW}": "是",
                             f"H{FIRST_ROW}": "问题清单已建立", f"G{FIRST_ROW + 1}": "否"})
    plan, problems = read_plan(path)
    assert problems == [] and plan is not None
    assert (plan.code, plan.round) == ("CD-2023-017", "2023-第二届微公益创投")
    first, second = plan.items[:2]
    assert (first.owner, first.due, first.done, first.evidence) == ("项目主任", "2025-06-30", True, "问题清单已建立")
    assert second.done is False and plan.items[2].done is None


@pytest.mark.parametrize("ref,value,column", [("G", "也许", "done"), ("F", "明年三月", "due")])
def test_a_mistake_is_located_at_its_cell(tmp_path, ref, value, column):
    path = filled(tmp_path, {f"{ref}{FIRST_ROW + 1}": value})
    _, problems = read_plan(path)
    assert [(p.code, p.location.sheet, p.location.cell) for p in problems] == [("V013", "改进计划", f"{ref}{FIRST_ROW + 1}")]
    assert value in problems[0].message("zh") and value in problems[0].message("en")


def test_not_a_plan(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes((SAMPLES / "jt-estate-2024.xlsx").read_bytes())
    plan, problems = read_plan(path)
    assert plan is None and [p.code for p in problems] == ["V014"]
    path.write_bytes(b"not a workbook")
    plan, problems = read_plan(path)
    assert plan is None and [p.code for p in problems] == ["S002"]


def test_the_followup_view_shows_level_then_and_now():
    result = scored("jt-estate-2024.xlsx")
    view = followup_view(FollowUp(
        responses=[ResponseItem(indicator="D1.06", stance="disagree", reason="回避规则已执行", action="公开合同")],
        plan=[PlanItem(indicator="D6.01", action="建问题清单", level=0, done=True, evidence="清单 32 条")],
        plan_round="2023-第二届微公益创投"), result, "zh")
    assert view is not None
    assert view.responses[0].name == "独立性" and not view.responses[0].agree
    now = next(i.level for i in result.indicators if i.id == "D6.01")
    assert (view.plan[0].then, view.plan[0].now, view.plan[0].done) == ("0", str(now), True)
    assert followup_view(FollowUp(), result, "zh") is None and followup_view(None, result, "zh") is None


def test_plan_and_score_from_the_command_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    done = runner.invoke(main, ["score", str(SAMPLES / "jt-estate-2023.xlsx"), "-o", "r23", "--no-store",
                                "--no-report"])
    assert done.exit_code == 0, done.output
    result_json = next(Path("r23").glob("*.json"))
    done = runner.invoke(main, ["plan", str(result_json), "-o", "改进计划.xlsx"])
    assert done.exit_code == 0 and "改进计划.xlsx" in done.output, done.output
    wb = load_workbook("改进计划.xlsx")
    wb.active[f"G{FIRST_ROW}"] = "是"
    wb.active[f"H{FIRST_ROW}"] = "问题清单已建立，已解决 5 件"
    wb.save("filled.xlsx")
    done = runner.invoke(main, ["plan", str(result_json), "-o", "filled.xlsx"])
    assert done.exit_code == 1 and "P001" in done.output        # a filled plan is never overwritten

    from evaluator.improvement import read_plan as read
    from evaluator.pipeline import report_result

    plan, _ = read(Path("filled.xlsx"))
    done = runner.invoke(main, ["score", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", "r24", "--no-store",
                                "--no-report", "--plan", "filled.xlsx"])
    assert done.exit_code == 0, done.output
    html = Path("report.html")
    reported = report_result(next(Path("r24").glob("*.json")), html, lang="zh", db=None, force=False, fmt="html",
                             plan=plan)
    assert reported.status == "written", reported.problems
    text = html.read_text(encoding="utf-8")
    assert "上一届改进计划的落实情况" in text and "问题清单已建立，已解决 5 件" in text and "已完成" in text

    other = report_result(next(Path("r23").glob("*.json")), Path("other.html"), lang="zh", db=None, force=False,
                          fmt="html", plan=plan.model_copy(update={"code": "CD-2099-001"}))
    assert [p.code for p in other.problems] == ["V015"]
    assert "上一届改进计划的落实情况" not in Path("other.html").read_text(encoding="utf-8")

    Path("bad.xlsx").write_bytes(Path("filled.xlsx").read_bytes())
    wb = load_workbook("bad.xlsx")
    wb.active[f"G{FIRST_ROW}"] = "大概"
    wb.save("bad.xlsx")
    done = runner.invoke(main, ["score", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", "r25", "--no-store",
                                "--plan", "bad.xlsx"])
    assert done.exit_code == 1 and f"bad.xlsx [改进计划!G{FIRST_ROW}]" in done.output and "V013" in done.output
