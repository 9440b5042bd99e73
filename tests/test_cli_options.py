"""The command line speaks one language of options (issue 14, item 9): -o/--output everywhere a command
writes, --rubric as an id or a file everywhere, --lang described as what it sets, honest messages."""

from __future__ import annotations

import click
import pytest
from click.testing import CliRunner

from evaluator.cli import main


def commands(group: click.Group = main, prefix: str = "") -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            found.update(commands(command, f"{prefix}{name} "))
        else:
            found[f"{prefix}{name}"] = command
    return found


def option(command: click.Command, flag: str) -> click.Option | None:
    return next((p for p in command.params if isinstance(p, click.Option) and flag in p.opts), None)


@pytest.mark.parametrize("name", sorted(commands()))
def test_every_output_is_minus_o_or_double_dash_output(name):
    command = commands()[name]
    for param in command.params:
        if isinstance(param, click.Option) and "-o" in param.opts:
            assert param.opts == ["-o", "--output"], (name, param.opts)
        if isinstance(param, click.Option) and "--out" in param.opts:
            assert param.hidden, f"{name}: --out is only a hidden alias of --output"


@pytest.mark.parametrize("name", sorted(commands()))
def test_lang_says_it_sets_messages_forms_and_reports(name):
    lang = option(commands()[name], "--lang")
    if lang is not None:
        assert "forms and reports" in (lang.help or "") and "评估表和报告" in (lang.help or "")


def test_rubric_is_an_id_or_a_file_in_every_command_that_takes_it():
    taking = {name: option(c, "--rubric") for name, c in commands().items() if option(c, "--rubric")}
    assert {"check", "score"} <= set(taking)
    assert {o.metavar for o in taking.values()} == {"ID|PATH"}
    assert {type(o.type) for o in taking.values()} == {click.types.StringParamType}


def test_score_keeps_out_as_a_hidden_alias_of_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    help_text = CliRunner().invoke(main, ["score", "--help"]).output
    assert "-o, --output" in help_text and "--out " not in help_text
    result = CliRunner().invoke(main, ["score", "nothing.xlsx", "--out", "elsewhere", "--no-store"])
    assert result.exit_code == 1 and "No such option" not in result.output


def test_a_batch_that_wrote_nothing_names_no_results_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "bad.xlsx").write_bytes(b"not a workbook")
    result = CliRunner().invoke(main, ["score", "bad.xlsx", "-o", "results-bad", "--no-store", "--no-report"])
    assert result.exit_code == 1
    assert "results-bad" not in result.output and "没有写出结果" in result.output


def test_report_without_a_store_says_it_left_the_comparison_out(tmp_path, monkeypatch):
    from pathlib import Path

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    earlier = Path(__file__).parent / "report" / "golden" / "earlier.json"
    result = CliRunner().invoke(main, ["report", str(earlier), "-o", "x.html", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "warning G005" in result.stderr and "leaves out the comparison with the earlier round" in result.stderr
