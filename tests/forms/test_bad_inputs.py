"""Each kind of bad answer gives its code at its cell, all of them in one reading, and nothing else."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest

from tests.forms.conftest import build, located, patch, start_tag

# slot key (key@n: n-th table row)  raw value typed or pasted          code    sheet!cell
BROKEN = [
    ("project:name",                  None,                              "F023", "封面!B4"),
    ("project:budget",                "十二万",                          "F020", "封面!B14"),
    ("project:period_end",            dt.date(2024, 2, 1),               "F030", "封面!B13"),
    ("project:evaluation_type",       "年中",                            "F022", "封面!B15"),
    ("value:m_done",                  2.5,                               "F020", "D1 执行!C23"),
    ("value:m_planned",               "１２",                            "F024", "D1 执行!C24"),
    ("value:m_training_hours",        600,                               "F021", "D1 执行!C17"),
    ("value:m_funds",                 None,                              "F034", "D1 执行!C31"),
    ("value:m_outside",               "=B1*2",                           "F027", "D1 执行!C30"),
    ("value:m_funds_misused",         "Y",                               "F024", "D1 执行!C32"),
    ("value:m_residents_decide",      "也许",                            "F022", "D2 参与!C6"),
    ("value:m_satisfaction",          "85",                              "F024", "D2 参与!C19"),
    ("value:m_survey_kind",           "电话",                            "F022", "D2 参与!C20"),
    ("value:m_survey_date",           "2024年13月1日",                   "F020", "D2 参与!C21"),
    ("value:m_survey_note",           "长" * 2001,                       "F035", "D2 参与!C22"),
    ("rating:D1.01:evaluator_a",      5,                                 "F029", "D1 执行!D7"),
    ("rating:D1.01:evaluator_b",      "3.5",                             "F029", "D1 执行!E7"),
    ("roster:org_name@2",             " 太极队 ",                        "F032", "自组织名册!B7"),
    ("roster:members@1",              "二十",                            "F020", "自组织名册!D6"),
    ("roster:contact_person@3",       "赵六",                            "F034", "自组织名册!B8"),
    ("roster:meets_monthly@0",        "✓",                               "F024", "自组织名册!E5"),
    ("feedback:indicator@2",          "D9.99 不存在",                    "F031", "反馈与回应!B6"),
    ("feedback:finding@2",            "指标写错了",                      None,   None),
    ("roster:org_name@100",           "写在表格下面的组织",              "F033", "自组织名册!B105"),
]
ERROR_CODES = {"F020", "F021", "F022", "F023", "F029", "F030", "F031", "F032", "F035", "F036"}


@pytest.fixture(scope="module")
def broken(mini_loaded, tmp_path_factory):
    from evaluator.forms.reader import read_form

    path = tmp_path_factory.mktemp("broken") / "broken.xlsx"
    path.write_bytes(build(mini_loaded, cells={key: value for key, value, *_ in BROKEN}))
    return read_form(path, mini_loaded)


def test_every_problem_is_found_at_its_cell_and_nothing_else(broken):
    assert located(broken) == {(code, cell) for _, _, code, cell in BROKEN if code}


def test_errors_and_warnings_are_told_apart(broken):
    for problem in broken.problems:
        assert problem.severity == ("error" if problem.code in ERROR_CODES else "warning"), problem.render("en")


def test_messages_name_the_field_and_what_was_found(broken):
    by_cell = {f"{p.location.sheet}!{p.location.cell}": p for p in broken.problems}
    assert by_cell["封面!B14"].render() == f"{broken.path} [封面!B14]: 错误 F020: 项目预算：应为数字，实际为“十二万”"
    assert by_cell["封面!B14"].message("en") == 'Budget: expected a number, found "十二万"'
    assert "0–500" in by_cell["D1 执行!C17"].message() and "600" in by_cell["D1 执行!C17"].message()
    assert "入户、线上" in by_cell["D2 参与!C20"].message()
    assert "第一次出现在第 5 行" in by_cell["自组织名册!B7"].message()
    assert "85%" in by_cell["D2 参与!C19"].message() and "0.85" in by_cell["D2 参与!C19"].message()


def test_a_form_with_a_wrong_evaluation_type_gives_no_evidence(broken):
    assert broken.evidence is None


def test_missing_required_evidence_warns_so_scoring_can_mark_it_provisional(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, cells={"value:m_funds": None, "value:m_done": None}))
    assert located(reading) == {("F034", "D1 执行!C31"), ("F034", "D1 执行!C23")}
    assert {p.severity for p in reading.problems} == {"warning"} and reading.evidence.values["m_funds"].value is None


@pytest.mark.parametrize("evaluation_type", ["final", "midterm"])
def test_a_blank_red_line_answer_on_an_evaluation_is_an_error_at_its_cell(mini_loaded, read_bytes, evaluation_type):
    reading = read_bytes(build(mini_loaded, cells={"value:m_funds_misused": None,
                                                    "project:evaluation_type": {"final": "终期", "midterm": "中期"}[evaluation_type]}))
    assert located(reading) == {("F036", "D1 执行!C32")}   # in place of the plain F034 warning
    problem = reading.problems[0]
    assert problem.severity == "error"
    assert problem.render() == (f"{reading.path} [D1 执行!C32]: 错误 F036: D1.04 资金被挪用：一票否决问题未回答（挪用资金）。"
                                "请填“是”或“否”；未回答时等级按最低一级处理")
    assert "red-line question is unanswered (Funds misused)" in problem.message("en")


def test_a_blank_red_line_answer_on_a_self_assessment_is_a_warning(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, cells={"value:m_funds_misused": None, "project:evaluation_type": "自评"}))
    assert located(reading) == {("F036", "D1 执行!C32")} and reading.problems[0].severity == "warning"
    assert reading.evidence is not None


def test_unambiguous_forms_are_accepted_with_a_warning(mini_loaded, read_bytes):
    cells = {"value:m_planned": "２０", "value:m_satisfaction": "86%", "value:m_funds_misused": "N",
             "value:m_survey_date": "2024年12月1日", "project:budget": "12万元", "rating:D1.01:self": "３"}
    reading = read_bytes(build(mini_loaded, cells=cells))
    assert {p.code for p in reading.problems} == {"F024"} and all(p.severity == "warning" for p in reading.problems)
    values = {k: v.value for k, v in reading.evidence.values.items()}
    assert (values["m_planned"], values["m_satisfaction"], values["m_funds_misused"]) == (20, 0.86, False)
    assert values["m_survey_date"] == dt.date(2024, 12, 1)
    assert reading.evidence.project.budget == 120000 and reading.evidence.ratings["D1.01"]["self"].value == 3


def test_a_formula_without_saved_result_is_a_warning_not_a_silent_blank(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, cells={"value:m_funds": "=SUM(1,2)"}))
    assert located(reading) == {("F027", "D1 执行!C31"), ("F034", "D1 执行!C31")}
    assert {p.severity for p in reading.problems if p.code == "F027"} == {"warning"}


def test_a_cached_error_value_is_reported(mini_loaded, read_bytes):
    """C23 as Excel saves =1/0: an error-typed cell whose value is the error text (calamine reads it as blank)."""
    data = build(mini_loaded, cells={"value:m_done": None})
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet3.xml")
    cell = re.search(rb'<c r="C23"[^>]*?(?:/>|></c>)', sheet)[0]
    error_cell = start_tag(cell.replace(b't="n"', b't="e"')) + b"><f>1/0</f><v>#DIV/0!</v></c>"
    reading = read_bytes(patch(data, "xl/worksheets/sheet3.xml", cell, error_cell))
    assert located(reading) == {("F028", "D1 执行!C23"), ("F034", "D1 执行!C23")}
    assert "#DIV/0!" in next(p for p in reading.problems if p.code == "F028").message()
