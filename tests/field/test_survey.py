"""Resident surveys: the generated questionnaire filled with 120 synthetic respondents imports into the
jt-estate form; the satisfaction share, n and interval match a hand computation; a building with 3
respondents is never shown; personal columns never leave the import; thin samples are flagged."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from evaluator.bundled import rubric_path
from evaluator.cli import main
from evaluator.forms.reader import read_form
from evaluator.rubric import load_rubric
from evaluator.survey.model import load_survey, survey_path
from evaluator.survey.stats import Row, suppressed, wilson
from evaluator.survey.template import questionnaire_bytes

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
SATISFACTION = ["非常满意"] * 40 + ["满意"] * 56 + ["一般"] * 14 + ["不满意"] * 8 + ["非常不满意"] * 2   # 96 of 120
NEIGHBOURS = ["6 位及以上"] * 20 + ["3-5 位"] * 40 + ["1-2 位"] * 45 + ["没有"] * 15                     # 60 of 120
BUILDINGS = ["1栋"] * 60 + ["2栋"] * 57 + ["3栋"] * 3
TENURE = ["老住户（住满 5 年）", "新住户（不满 5 年）"] * 60


def _survey():
    loaded = load_rubric(rubric_path())
    got = load_survey(survey_path(loaded.path, "chengdu-participatory"), loaded.rubric)
    assert got.survey is not None, got.problems
    return got.survey


def _filled_questionnaire(tmp_path: Path) -> Path:
    """The generated questionnaire, its answer sheet filled with 120 respondents, plus the personal columns
    a careless export adds (names and phone numbers)."""
    wb = load_workbook(io.BytesIO(questionnaire_bytes(_survey(), "zh")))
    ws = wb["回答"]
    headers = [c.value for c in ws[2]]
    col = {h: n + 1 for n, h in enumerate(headers)}
    name_col, phone_col = len(headers) + 1, len(headers) + 2
    ws.cell(2, name_col, "姓名")
    ws.cell(2, phone_col, "联系电话")
    items = {i.id: i.text.zh for i in _survey().items}
    for r in range(120):
        row = 3 + r
        ws.cell(row, 1, r + 1)
        ws.cell(row, col["楼栋或院落"], BUILDINGS[r])
        ws.cell(row, col["居住情况"], TENURE[r])
        ws.cell(row, col[items["q_satisfaction"]], SATISFACTION[r])
        ws.cell(row, col[items["q_neighbours"]], NEIGHBOURS[r])
        if r < 40:  # only 40 answered the belonging items: 30 agree with at least two
            answers = ["是", "是", "否"] if r < 30 else ["是", "否", "说不清"]
            for item, answer in zip(("q_name_community", "q_belong", "q_contribute"), answers):
                ws.cell(row, col[items[item]], answer)
        ws.cell(row, name_col, f"居民甲{r}")
        ws.cell(row, phone_col, f"1380000{r:04d}")
    path = tmp_path / "回答.xlsx"
    wb.save(path)
    return path


def _run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_120_respondents_match_the_hand_computation(tmp_path):
    responses = _filled_questionnaire(tmp_path)
    out, summary = tmp_path / "filled.xlsx", tmp_path / "survey.json"
    got = _run("survey", "import", str(responses), "--form", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", str(out),
               "--summary", str(summary))
    assert got.exit_code == 0, got.output
    # by hand: 96 of 120 satisfied or very satisfied = 0.8; Wilson with z = 1.96:
    #   centre = (0.8 + 1.96²/240) / (1 + 1.96²/120) = 0.816006667 / 1.032013333 = 0.790694
    #   half   = 1.96 · √(0.8·0.2/120 + 1.96²/57600) / 1.032013333 = 0.071062
    #   interval 0.7196 to 0.8618
    data = json.loads(summary.read_text(encoding="utf-8"))
    d602 = next(m for m in data["measures"] if m["indicator"] == "D6.02")
    assert (d602["n"], d602["k"], d602["share"]["exact"]) == (120, 96, "4/5")
    assert d602["interval"] == [0.7196, 0.8618]
    assert d602["answers"]["q_satisfaction"] == {"very_satisfied": 40, "satisfied": 56, "neutral": 14,
                                                 "dissatisfied": 8, "very_dissatisfied": 2}
    assert "D6.02 d6_satisfied_share：80%（96/120），95% 置信区间 72%–86.2%（Wilson）" in got.output
    reading = read_form(out)
    assert reading.evidence is not None and not [p for p in reading.problems if p.severity == "error"]
    values = reading.evidence.values
    assert values["d6_satisfied_share"].value == 0.8 and values["d6_satisfaction_sample"].value == 120
    assert values["d5_neighbor_help_share"].value == 0.5 and values["d5_trust_sample"].value == 120
    assert values["d6_belonging_share"].value == 0.75 and values["d6_belonging_sample"].value == 40
    note = str(reading.evidence.notes["D6.02"].value)
    assert "〔问卷导入〕" in note and str(responses) in note and "96/120 = 80%" in note and "Wilson" in note
    # thin: 40 belonging answers, the rubric asks for max(50, 3% of 2360 households) = 71
    assert "Q005" in got.output and "D6.03" in got.output
    assert "样本不足" in str(reading.evidence.notes["D6.03"].value)
    # the 3-respondent building is never shown, no row is under 5, and no personal data went anywhere
    everything = summary.read_text(encoding="utf-8") + got.output + _all_cells(out)
    assert "3栋" not in everything
    for m in data["measures"]:
        for rows in m["groups"].values():
            assert all(row["n"] >= 5 for row in rows)
    assert "居民甲" not in everything and "1380000" not in everything
    assert "已忽略 2 列" in got.output and "姓名" in got.output


def _all_cells(path: Path) -> str:
    wb = load_workbook(path)
    return "\n".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)


def test_csv_with_other_headers_and_a_mapping(tmp_path):
    survey = _survey()
    lines = ["序号,Q1. 您对项目满意吗,邻里,楼号,姓名"]
    lines += [f"{n},{'满意' if n <= 45 else '一般'},{'3-5 位'},{'A' if n % 2 else 'B'},张{n}" for n in range(1, 61)]
    csv = tmp_path / "export.csv"
    csv.write_bytes("\n".join(lines).encode("gb18030"))
    mapping = tmp_path / "map.yaml"
    mapping.write_text("q_satisfaction: 您对项目满意吗\nq_neighbours: 邻里\nbuilding: 楼号\n", encoding="utf-8")
    missing = _run("survey", "import", str(csv), "--form", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", str(tmp_path / "x.xlsx"))
    assert missing.exit_code == 1 and "Q003" in missing.output and not (tmp_path / "x.xlsx").exists()
    out = tmp_path / "filled.xlsx"
    got = _run("survey", "import", str(csv), "--form", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", str(out),
               "--map", str(mapping), "--lang", "en")
    assert got.exit_code == 0, got.output
    values = read_form(out).evidence.values
    assert values["d6_satisfied_share"].value == 0.75 and values["d6_satisfaction_sample"].value == 60
    assert "d6_belonging_share: no valid answers, left empty" in got.output
    assert survey.rubric == "chengdu-participatory"


def test_an_answer_not_on_the_scale_is_located_and_not_counted(tmp_path):
    csv = tmp_path / "export.csv"
    csv.write_text("q_satisfaction\n满意\n很好\n", encoding="utf-8")
    out = tmp_path / "filled.xlsx"
    got = _run("survey", "import", str(csv), "--form", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", str(out))
    assert got.exit_code == 0, got.output
    assert f"{csv}:3 q_satisfaction: 警告 Q004" in got.output and "很好" in got.output
    assert read_form(out).evidence.values["d6_satisfaction_sample"].value == 1


def test_questionnaire_template_is_deterministic_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "问卷.xlsx"
    assert _run("survey", "template", "-o", str(out)).exit_code == 0
    first = out.read_bytes()
    assert _run("survey", "template", "-o", str(out)).exit_code == 0 and out.read_bytes() == first
    wb = load_workbook(out)
    assert wb.sheetnames[:2] == ["问卷", "回答"]
    text = _all_cells(out)
    assert "您觉得自己是这个社区的一份子吗？" in text and "非常满意" in text
    survey = _survey()
    headers = [c.value for c in wb["回答"][2]]
    assert headers == ["编号"] + [g.label.zh for g in survey.groups] + [i.text.zh for i in survey.items]
    out.write_bytes(b"mine")
    again = _run("survey", "template", "-o", str(out))
    assert again.exit_code == 1 and "P001" in again.output and out.read_bytes() == b"mine"


def test_a_broken_survey_definition_is_located(tmp_path):
    bad = tmp_path / "s.yaml"
    text = (rubric_path().parent / "surveys" / "chengdu-participatory.yaml").read_text(encoding="utf-8")
    bad.write_text(text.replace("    field: d6_satisfied_share", "    field: d6_satisfied_shares")
                   .replace("    scale: neighbours", "    scale: neighbors"), encoding="utf-8")
    got = _run("survey", "template", "-o", str(tmp_path / "q.xlsx"), "--survey", str(bad))
    assert got.exit_code == 1
    assert "measures[2].field" in got.output and "R020" in got.output and "d6_satisfied_share" in got.output
    assert "items[1].scale" in got.output and "R006" in got.output


@pytest.mark.parametrize(("k", "n"), [(0, 1), (1, 1), (0, 50), (50, 50), (96, 120), (3, 7)])
def test_wilson_stays_inside_0_1_and_holds_the_share(k, n):
    low, high = wilson(k, n)
    assert 0 <= low <= k / n <= high <= 1


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=12))
def test_no_group_under_5_can_be_read_or_subtracted(sizes):
    rows = [Row(f"g{i}", n, 0) for i, n in enumerate(sizes)]
    shown = suppressed(rows)
    assert all(r.n >= 5 for r in shown)
    small = {r.key for r in rows if r.n < 5}
    assert not small & {r.key for r in shown}
    # nothing can be worked out by subtracting the rows from the total: they add up to it, or none is shown
    assert sum(r.n for r in shown) in (0, sum(sizes))


def test_rubric_check_checks_the_questionnaire_beside_the_rubric():
    got = _run("rubric", "check")
    assert got.exit_code == 0, got.output
    assert "rubrics/surveys/chengdu-participatory.yaml：问卷 6 道题，用于 4 项指标" in got.output


def test_a_share_without_a_sample_field(tmp_path):
    csv = tmp_path / "export.csv"
    csv.write_text("q_know_spending\n" + "是\n" * 7 + "否\n" * 3 + "说不清\n" * 2, encoding="utf-8")
    out = tmp_path / "filled.xlsx"
    got = _run("survey", "import", str(csv), "--form", str(SAMPLES / "jt-estate-2024.xlsx"), "-o", str(out))
    assert got.exit_code == 0, got.output
    values = read_form(out).evidence.values
    assert values["d3_residents_know_spending"].value == pytest.approx(7 / 12)
    assert "D3.04 d3_residents_know_spending：58.3%（7/12）" in got.output
    assert values["d6_satisfaction_sample"].value == 112   # untouched: the export did not ask it
