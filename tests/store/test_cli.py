"""`evaluator ingest` and `evaluator history`: located bilingual messages, no traceback, honest exit codes."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.store import Store
from tests.store.build import scored


@pytest.fixture
def files(tmp_path, mini_loaded, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "good.json").write_text(scored(mini_loaded).to_json(), encoding="utf-8")
    (tmp_path / "second.json").write_text(scored(mini_loaded, round="第二届", source="2").to_json(), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"schema": "evaluator.result/1",\n  "rubric": }\n', encoding="utf-8")
    data = json.loads(scored(mini_loaded, source="3").to_json())
    data["total"]["points"] = "很多"
    del data["mode"]
    data["projekt"] = data.pop("project")
    (tmp_path / "wrong.json").write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    (tmp_path / "other.json").write_text('{"schema": "something/2"}', encoding="utf-8")
    return tmp_path


def run(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_bad_files_are_reported_and_the_good_ones_still_ingest(files):
    result = run("ingest", "good.json", "broken.json", "wrong.json", "other.json", "missing.json", "second.json")
    assert result.exit_code == 1
    out = result.output
    assert "broken.json:2: 错误 S003: 不是有效的 JSON（第 13 列）：此处应有一个值" in out
    assert "wrong.json:" in out and "total.points: 错误 S005: 应为数值，实际为 '很多'" in out
    assert "wrong.json:1 mode: 错误 S006: 缺少必填项 mode" in out
    assert "projekt: 错误 S007: 未知的键 projekt（是否想写 project？）" in out
    assert "other.json schema: 错误 S004: 不是评估结果文件：schema 为 'something/2'，应为 evaluator.result/2" in out
    assert "missing.json: 错误 S001: 找不到文件：missing.json" in out
    assert "✓ good.json：P-1 · 第一届 · 终期 · 第 1 版" in out and "✓ second.json" in out
    assert "新增 2 个，已存在 0 个，失败 4 个" in out
    with Store.open(files / "output" / "evaluations.db") as store:
        assert store.rounds() == ["第一届", "第二届"]


def test_messages_in_english_and_a_rerun_adds_nothing(files):
    assert run("ingest", "good.json").exit_code == 0
    result = run("ingest", "good.json", "broken.json", "--lang", "en")
    assert result.exit_code == 1
    assert "= good.json: already stored (P-1 · 第一届 · Final · version 1), not added again" in result.output
    assert "broken.json:2: error S003: not valid JSON (column 13): expecting a value" in result.output
    assert "0 added, 1 already stored, 1 failed" in result.output


def test_a_wrong_line_is_named_in_a_pretty_printed_result(files):
    text = (files / "wrong.json").read_text(encoding="utf-8")
    line = text.splitlines().index('    "points": "很多",') + 1
    assert f"wrong.json:{line} total.points" in run("ingest", "wrong.json").output


def test_history_lists_every_version_and_marks_the_latest(files, mini_loaded):
    renamed = scored(mini_loaded, round="第二届", source="9", name="=cmd|' /C calc'!A0\x1b[2J")
    (files / "v2.json").write_text(renamed.to_json(), encoding="utf-8")
    run("ingest", "good.json", "second.json", "v2.json")
    result = run("history", "P-1")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "P-1  =cmd|' /C calc'!A0 [2J"   # named as on the latest form, without terminal escapes
    assert lines[2].split() == ["届次", "评估类型", "版本", "最新", "评估标准", "总分", "等级", "D1", "D2",
                                "自组织", "阶段0-3"]
    rows = [line.split() for line in lines[4:7]]
    assert [(r[0], r[2]) for r in rows] == [("第一届", "1"), ("第二届", "1"), ("第二届", "2")]
    assert [r[3] == "✓" for r in rows] == [True, False, True]
    assert rows[0][4:] == ["mini", "0.1.0", "82.5", "合格", "32.5", "50", "0/1/1/0"]


def test_history_finds_a_project_by_part_of_its_name_or_suggests_a_close_one(files):
    run("ingest", "good.json")
    assert run("history", "阳光").output.startswith("P-1  阳光项目")      # part of the name
    assert run("history", "阳光项目").output.startswith("P-1  阳光项目")
    result = run("history", "阳关项目", "--lang", "en")
    assert result.exit_code == 1
    assert "error S030: no project 阳关项目 in the results database (looked up by code or name) " \
           "(did you mean 阳光项目?)" in result.output
    missing = run("history", "P-1", "--db", "nowhere.db")
    assert missing.exit_code == 1 and "S023" in missing.output and not (files / "nowhere.db").exists()


def test_a_result_saved_with_a_byte_order_mark_is_read(files):
    (files / "bom.json").write_bytes(b"\xef\xbb\xbf" + (files / "good.json").read_bytes())
    assert run("ingest", "bom.json").exit_code == 0


def test_a_mistyped_part_of_a_name_is_suggested_by_the_name_holding_it(files):
    run("ingest", "good.json")
    result = run("history", "阳关项", "--lang", "en")   # part of 阳光项目, one character wrong
    assert result.exit_code == 1 and "(did you mean 阳光项目?)" in result.output
