"""`evaluator template` and `evaluator check`: exit codes, every problem with its cell, both languages,
no traceback, and never a silently overwritten file."""

from __future__ import annotations

from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from evaluator.cli import main
from tests.conftest import MINI
from tests.forms.conftest import build

MINI_RUBRIC = str(MINI / "rubric.yaml")


def _first_sheet(path) -> str:
    return CalamineWorkbook.from_path(str(path)).sheet_names[0]


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def test_template_writes_a_form_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "form.xlsx"
    first = run("template", MINI_RUBRIC, "-o", str(out))
    assert first.exit_code == 0, first.output
    assert "mini 0.1.0" in first.output and _first_sheet(out) == "封面"
    rerun = run("template", MINI_RUBRIC, "-o", str(out))
    assert rerun.exit_code == 0 and "未变" in rerun.output
    out.write_bytes(b"the user's own work")
    again = run("template", MINI_RUBRIC, "-o", str(out))
    assert again.exit_code == 1 and "--force" in again.output and out.read_bytes() == b"the user's own work"
    forced = run("template", MINI_RUBRIC, "-o", str(out), "--force", "--lang", "en")
    assert forced.exit_code == 0 and _first_sheet(out) == "Cover"


def test_template_of_a_missing_rubric_fails_cleanly(tmp_path):
    result = run("template", str(tmp_path / "nope.yaml"), "-o", str(tmp_path / "f.xlsx"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "R001" in result.output and not (tmp_path / "f.xlsx").exists()


def test_check_passes_a_good_form(tmp_path, good_bytes):
    (tmp_path / "good.xlsx").write_bytes(good_bytes)
    result = run("check", str(tmp_path / "good.xlsx"), "--rubric", MINI_RUBRIC)
    assert result.exit_code == 0, result.output
    assert "0 个错误，0 个警告" in result.output


def test_check_lists_every_problem_with_its_cell_in_chinese_then_english(tmp_path, mini_loaded, good_bytes):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(build(mini_loaded, cells={"project:budget": "十二万", "value:m_done": 2.5, "value:m_planned": "１２"}))
    (tmp_path / "good.xlsx").write_bytes(good_bytes)
    zh = run("check", str(tmp_path / "good.xlsx"), str(bad), "--rubric", MINI_RUBRIC)
    assert zh.exit_code == 1
    assert f"{bad} [封面!B14]: 错误 F020: 项目预算：应为数字，实际为“十二万”" in zh.output
    assert "[D1 执行!C23]: 错误 F020" in zh.output and "[D1 执行!C24]: 警告 F024" in zh.output
    assert "good.xlsx：0 个错误" in zh.output and "bad.xlsx：2 个错误，1 个警告" in zh.output
    en = run("check", str(bad), "--rubric", MINI_RUBRIC, "--lang", "en")
    assert f'{bad} [封面!B14]: error F020: Budget: expected a number, found "十二万"' in en.output
    assert "2 errors, 1 warnings" in en.output


def test_check_of_a_file_that_is_not_a_form_has_no_traceback(tmp_path):
    (tmp_path / "notes.xlsx").write_text("不是表格", encoding="utf-8")
    result = run("check", str(tmp_path / "notes.xlsx"), str(tmp_path / "missing.xlsx"))
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "F002" in result.output and "F001" in result.output and "Traceback" not in result.output


def test_check_fails_a_final_form_with_a_blank_red_line_naming_its_cell(tmp_path, mini_loaded):
    """The bundled demo plants the same mistake; here on a final form of the mini rubric."""
    form = tmp_path / "final.xlsx"
    form.write_bytes(build(mini_loaded, cells={"value:m_funds_misused": None}))
    result = run("check", str(form), "--rubric", MINI_RUBRIC)
    assert result.exit_code == 1
    assert f"{form} [D1 执行!C32]: 错误 F036: D1.04 资金被挪用：一票否决问题未回答" in result.output
    assert "Traceback" not in result.output
