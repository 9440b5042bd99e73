"""`evaluator rubric check` on a broken rubric: non-zero exit, every problem located, both languages."""

from __future__ import annotations

from click.testing import CliRunner

from evaluator.cli import main


def test_check_lists_all_problems_and_fails(mini_copy):
    (mini_copy / "d1.yaml").write_text(
        (mini_copy / "d1.yaml").read_text(encoding="utf-8").replace("input: m_training_hours", "input: m_trainig_hours"),
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["rubric", "check", str(mini_copy / "rubric.yaml")])
    assert result.exit_code == 1
    assert "R020" in result.output and "m_trainig_hours" in result.output and "d1.yaml:" in result.output
    assert "1 个错误" in result.output
    en = CliRunner().invoke(main, ["rubric", "check", str(mini_copy / "rubric.yaml"), "--lang", "en"])
    assert "did you mean m_training_hours" in en.output and "1 errors" in en.output


def test_check_of_a_missing_file_has_no_traceback(tmp_path):
    result = CliRunner().invoke(main, ["rubric", "check", str(tmp_path / "missing.yaml")])
    assert (result.exit_code == 1 and result.exception is None) or isinstance(result.exception, SystemExit)
    assert "R001" in result.output


def test_the_bundled_broken_rubric_shows_all_three_planted_problems():
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "samples" / "invalid" / "broken-rubric" / "rubric.yaml"
    result = CliRunner().invoke(main, ["rubric", "check", str(path)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if " 错误 R" in line]
    assert [line.split(" 错误 ")[1][:4] for line in lines] == ["R012", "R020", "R022"]
    assert all(":" in line.split(" ")[0] for line in lines)  # file:line
