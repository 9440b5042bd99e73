"""A shared rubric is untrusted (issue 10): alias bombs, recursive aliases, repeated keys, deep nesting,
file references outside its folder, special files and backtracking regular expressions each get a
located problem, quickly, without quoting a file that is not YAML we asked for."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.rubric import load_rubric
from tests.isolate import isolated


def _check(path: Path, timeout: float = 20) -> list[tuple[str, str]]:
    """(code, where) of every problem of loading the rubric, loaded in a child with a deadline."""
    def load():
        return [(p.code, p.location.render()) for p in load_rubric(path).problems]

    outcome = isolated(load, timeout=timeout)
    assert outcome.ok, (outcome.kind, outcome.detail)
    return outcome.value


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


LAUGHS = "".join(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]\n" for i in range(1, 10))


def test_an_alias_bomb_is_refused_quickly(mini_copy):
    (mini_copy / "d2.yaml").write_text("a: &l0 [lol]\n" + LAUGHS, encoding="utf-8")
    problems = _check(mini_copy / "rubric.yaml")
    assert ("R053" in {c for c, _ in problems}), problems


def test_a_recursive_alias_is_refused(mini_copy):
    (mini_copy / "d2.yaml").write_text("domain: D2\nindicators: &loop\n  - *loop\n", encoding="utf-8")
    assert ("R009", "d2.yaml:2 indicators[0]") in {(c, w.split("mini/")[-1]) for c, w in _check(mini_copy / "rubric.yaml")}


def test_the_aliases_of_the_mini_rubric_still_work(mini_copy):
    assert load_rubric(mini_copy / "rubric.yaml").ok


def test_a_repeated_key_names_both_lines(mini_copy):
    _edit(mini_copy / "rubric.yaml", "scale: 100\n", "scale: 100\nscale: 90\n")
    loaded = load_rubric(mini_copy / "rubric.yaml")
    [problem] = [p for p in loaded.problems if p.code == "R008"]
    assert problem.location.line == 7 and problem.location.key == "scale"
    assert "第一次出现在第 6 行" in problem.message() and "first at line 6" in problem.message("en")


def test_deep_nesting_is_refused(mini_copy):
    (mini_copy / "d2.yaml").write_text("domain: D2\nindicators: " + "[" * 500 + "]" * 500 + "\n", encoding="utf-8")
    assert "R050" in {c for c, _ in _check(mini_copy / "rubric.yaml")}


def test_a_value_yaml_cannot_construct_is_a_syntax_problem(mini_copy):
    _edit(mini_copy / "rubric.yaml", "version: 0.1.0\n", "version: 0.1.0\nreleased: 2024-13-45\n")
    assert ("R002", "rubric.yaml") in {(c, w.split("mini/")[-1]) for c, w in _check(mini_copy / "rubric.yaml")}


@pytest.mark.parametrize("named, code", [
    ("../../../../../../etc/passwd", "R052"),
    ("../../../../../../etc/hostname.yaml", "R051"),
    ("/proc/self/environ.yaml", "R051"),
    ("notes.txt", "R052"),
])
def test_a_reference_outside_the_folder_or_not_yaml_is_refused(mini_copy, named, code):
    _edit(mini_copy / "rubric.yaml", "indicator_files: [d1.yaml, d2.yaml]", f"indicator_files: [d1.yaml, '{named}']")
    problems = load_rubric(mini_copy / "rubric.yaml").problems
    assert [(p.code, p.location.line, p.location.key) for p in problems if p.code in ("R051", "R052")] == \
        [(code, 7, "indicator_files[1]")]
    assert not any(p.code == "R013" for p in problems)  # the refused file's indicators are unknown, not undefined


def test_a_symlink_out_of_the_folder_is_refused(mini_copy):
    os.symlink("/etc/passwd", mini_copy / "d3.yaml")
    _edit(mini_copy / "rubric.yaml", "indicator_files: [d1.yaml, d2.yaml]", "indicator_files: [d1.yaml, d3.yaml]")
    messages = [p.render("en") for p in load_rubric(mini_copy / "rubric.yaml").problems]
    assert any("R051" in m for m in messages) and not any("root:" in m for m in messages)


def test_a_referenced_file_that_is_not_a_mapping_is_not_quoted(mini_copy):
    secret = "s3cret-token-0123456789"
    (mini_copy / "d2.yaml").write_text(f"{secret}\n", encoding="utf-8")
    problems = load_rubric(mini_copy / "rubric.yaml").problems
    messages = [p.render(lang) for p in problems for lang in ("zh", "en")]
    assert any("R003" in m and "content not shown" in m for m in messages)
    assert not any(secret in m for m in messages)


@pytest.mark.parametrize("kind", ["fifo", "zero", "urandom", "folder"])
def test_special_files_named_like_yaml_are_refused_without_a_hang(mini_copy, kind):
    target = mini_copy / "d2.yaml"
    target.unlink()
    if kind == "fifo":
        os.mkfifo(target)
    elif kind == "folder":
        target.mkdir()
    else:  # a device node inside the folder (a symbolic link to /dev/… is outside it, R051)
        try:
            os.mknod(target, 0o600 | stat.S_IFCHR, os.makedev(1, {"zero": 5, "urandom": 9}[kind]))
        except PermissionError:
            pytest.skip("making device nodes needs root")
    assert ("R007", "d2.yaml") in {(c, w.split("mini/")[-1]) for c, w in _check(mini_copy / "rubric.yaml", timeout=10)}


@pytest.mark.parametrize("target", ["fifo", "/dev/zero", "/dev/urandom"])
def test_a_rubric_that_is_a_special_file_is_refused(tmp_path, target):
    path = tmp_path / "rubric.yaml"
    os.mkfifo(path) if target == "fifo" else os.symlink(target, path)
    assert [c for c, _ in _check(path, timeout=10)] == ["R007"]


@pytest.mark.parametrize("expression, found", [
    ("m_survey_note =~ '(a+)+b'", "=~"),
    ("'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!' =~ '(a+)+b'", "=~"),
    ("m_survey_note !~~ 'x'", "!~~"),
    ("$range(1000000000) == $range(1)", "$range"),
    ("$now > d'2024-01-01'", "$now"),
    ("[x for x in [1, 2] if x > 1] == [2]", "for"),
])
def test_expressions_that_could_hang_or_vary_are_refused(mini_copy, expression, found):
    _edit(mini_copy / "rubric.yaml", "    when: m_funds_misused", f"    when: \"{expression}\"")
    problems = _check(mini_copy / "rubric.yaml", timeout=10)
    assert ("R034", "rubric.yaml:23 red_lines[0].when") in {(c, w.split("mini/")[-1]) for c, w in problems}
    loaded = load_rubric(mini_copy / "rubric.yaml")
    assert found in next(p for p in loaded.problems if p.code == "R034").message()


def test_a_huge_expression_is_refused(mini_copy):
    _edit(mini_copy / "rubric.yaml", "    when: m_funds_misused", "    when: \"" + " or ".join(["m_funds_misused"] * 200) + "\"")
    assert "R035" in {c for c, _ in _check(mini_copy / "rubric.yaml")}


def test_rubric_check_says_so_and_fails_without_a_traceback(mini_copy):
    _edit(mini_copy / "rubric.yaml", "    when: m_funds_misused", "    when: \"m_survey_note =~ '(a+)+b'\"")
    result = CliRunner().invoke(main, ["rubric", "check", str(mini_copy / "rubric.yaml"), "--lang", "en"])
    assert result.exit_code == 1 and "R034" in result.output and "Traceback" not in result.output
    assert re.search(r"rubric\.yaml:23 red_lines\[0\]\.when: error R034", result.output)
