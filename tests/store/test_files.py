"""Hostile result files: located problems, never a traceback, a hang or a huge read."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from evaluator.store import StoreError
from evaluator.store import files as files_module
from evaluator.store.files import read_result
from tests.store.build import scored


def problems(path: Path) -> list[str]:
    with pytest.raises(StoreError) as caught:
        read_result(path)
    return [p.render("en") for p in caught.value.problems]


@pytest.fixture
def good(tmp_path, mini_loaded) -> dict:
    return json.loads(scored(mini_loaded).to_json())


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "r.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_only_regular_files_are_read(tmp_path):
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "folder.json").mkdir()
    done: list = []
    reader = threading.Thread(target=lambda: done.extend(problems(tmp_path / "pipe.json")), daemon=True)
    reader.start()
    reader.join(10)
    assert done and "S018" in done[0]                  # a pipe with no writer: refused, not waited on
    for name in ("zero.json", "folder.json"):
        [found] = problems(tmp_path / name)
        assert f"{name}: error S018: not a regular file" in found


def test_the_size_limit_is_checked_before_reading(tmp_path, good, monkeypatch):
    path = write(tmp_path, json.dumps(good))
    monkeypatch.setattr(files_module, "MAX_BYTES", 1000)
    [found] = problems(path)
    assert "S019" in found and "the limit is 1000" in found


@pytest.mark.parametrize("text", ["[" * 100_000 + "]" * 100_000, '{"a":' * 50_000 + "1" + "}" * 50_000])
def test_deep_nesting_is_refused(tmp_path, text):
    [found] = problems(write(tmp_path, text))
    assert "S029" in found and "nested more than 64 levels" in found


def test_moderately_deep_nesting_names_where(tmp_path, good):
    deep: object = 1
    for _ in range(70):
        deep = [deep]
    good["feedback"] = deep
    [found] = problems(write(tmp_path, json.dumps(good)))
    assert "r.json feedback[0][0]" in found and "S029" in found


@pytest.mark.parametrize("number", ["1e999", "-1e999", "NaN", "Infinity", "-Infinity", "9" * 5000])
def test_numbers_no_float_holds_are_refused_where_they_are(tmp_path, good, number):
    text = json.dumps(good).replace('"points": ' + json.dumps(good["total"]["points"]), '"points": ' + number, 1)
    found = problems(write(tmp_path, text))
    assert any(" total.points: error S033" in p for p in found), found


def test_lone_surrogates_are_refused_where_they_are(tmp_path, good):
    text = json.dumps(good).replace('"name": "\\u9633', '"name": "\\ud800\\u9633', 1)
    text = text.replace('"stage_counts": {', '"stage_counts": {"\\udfff": 1, ', 1)
    found = problems(write(tmp_path, text))
    assert any("project.name: error S034" in p and "\\ud800" in p for p in found), found
    assert any("stage_counts: error S034" in p and "\\udfff" in p for p in found), found


def test_bytes_that_are_not_utf8(tmp_path, good):
    path = tmp_path / "r.json"
    path.write_bytes(json.dumps(good).encode()[:50] + b"\xff\xfe" + json.dumps(good).encode()[50:])
    [found] = problems(path)
    assert "S002" in found and "byte 50" in found
