"""Issue 10 in `evaluator score` and `check`: nothing lost (collisions in a batch, concurrent runs),
output errors located, a crashing form isolated, an empty folder said."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.outputs import NAME_BYTES, safe_name
from tests.forms.conftest import patch

SAMPLES = Path(__file__).resolve().parents[2] / "samples"
FORM = SAMPLES / "jt-estate-2024.xlsx"
COVER = "xl/worksheets/sheet1.xml"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def _stored(db: Path, code: str) -> int:
    """How many evaluations of the project the store holds, as `history` lists them."""
    result = run("history", code, "--db", str(db), "--lang", "en")
    return len(re.findall(r"^\S.*\b(?:Final|Midterm|Self)", result.output, flags=re.MULTILINE))


def _cover_text(data: bytes, old: str, new: str) -> bytes:
    return patch(data, COVER, f"<t>{old}</t>".encode(), f"<t>{new}</t>".encode())


def _project(data: bytes) -> tuple[str, str]:
    """(name, code) as written on the cover of a sample."""
    cover = zipfile.ZipFile(io.BytesIO(data)).read(COVER).decode()
    texts = re.findall(r'<c r="B(\d+)"[^>]*><is><t>([^<]*)</t>', cover)
    by_row = dict(texts)
    return by_row["4"], by_row["5"]


def test_two_forms_for_the_same_project_round_and_type_are_both_kept(tmp_path):
    """`score a b --force` used to report both as scored, store one and overwrite the first JSON."""
    data = FORM.read_bytes()
    name, _ = _project(data)
    (tmp_path / "a.xlsx").write_bytes(data)
    (tmp_path / "b.xlsx").write_bytes(_cover_text(data, name, name + "（修订）"))
    out, db = tmp_path / "out", tmp_path / "ev.db"
    result = run("score", str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"), "-o", str(out), "--db", str(db),
                 "--no-report", "--force")
    assert result.exit_code == 0, result.output
    files = sorted((p.name for p in out.glob("*.json")), key=len)
    assert len(files) == 2 and files[1] == files[0].replace(".json", "-2.json"), files
    assert "P006" in result.output and "a.xlsx" in result.output
    assert _stored(db, _project(data)[1]) == 2
    again = run("score", str(tmp_path / "a.xlsx"), str(tmp_path / "b.xlsx"), "-o", str(out), "--db", str(db),
                "--no-report")
    assert again.exit_code == 0, again.output          # the same names again: a rerun changes nothing
    assert sorted((p.name for p in out.glob("*.json")), key=len) == files


def test_codes_that_become_the_same_file_name_are_both_kept(tmp_path):
    data = FORM.read_bytes()
    _, code = _project(data)
    (tmp_path / "a.xlsx").write_bytes(_cover_text(data, code, "JT/2024"))
    (tmp_path / "b.xlsx").write_bytes(_cover_text(data, code, "JT-2024"))
    out = tmp_path / "out"
    result = run("score", str(tmp_path), "-o", str(out), "--no-report", "--no-store")
    assert result.exit_code == 0, result.output
    assert len(list(out.glob("JT-2024_*.json"))) == 2 and "P006" in result.output


def test_a_long_code_and_round_still_make_a_file(tmp_path):
    data = FORM.read_bytes()
    _, code = _project(data)
    (tmp_path / "long.xlsx").write_bytes(_cover_text(data, code, "项" * 60))
    result = run("score", str(tmp_path / "long.xlsx"), "-o", str(tmp_path / "out"), "--no-report", "--no-store")
    assert result.exit_code == 0, result.output
    [written] = (tmp_path / "out").glob("*.json")
    assert len(written.name.encode()) <= 255


def test_safe_names_are_bounded_and_stay_distinct():
    long_a, long_b = "项" * 300 + "a", "项" * 300 + "b"
    assert len(safe_name(long_a).encode()) <= NAME_BYTES and safe_name(long_a) != safe_name(long_b)
    assert safe_name("CD-2024-001", "2024-第三届", "终期") == "CD-2024-001_2024-第三届_终期"


def test_o_naming_a_file_is_a_located_problem(tmp_path):
    (tmp_path / "results").write_text("not a folder")
    result = run("score", str(FORM), "-o", str(tmp_path / "results"), "--no-report", "--no-store")
    assert result.exit_code == 1 and "P004" in result.output and "Traceback" not in result.output


def test_a_result_path_that_is_a_folder_is_that_forms_problem(tmp_path):
    out = tmp_path / "out"
    assert run("score", str(FORM), "-o", str(out), "--no-report", "--no-store").exit_code == 0
    [made] = out.glob("*.json")
    made.unlink()
    made.mkdir()
    result = run("score", str(FORM), "-o", str(out), "--no-report", "--no-store")
    assert result.exit_code == 1 and "P004" in result.output and "文件夹" in result.output


@contextmanager
def _immutable(folder: Path):
    """A folder nobody (not even root) can write in, for as long as the block runs."""
    if shutil.which("chattr") is None or subprocess.run(["chattr", "+i", str(folder)], check=False, capture_output=True).returncode:
        pytest.skip("no immutable folders on this file system")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


@pytest.mark.parametrize("command", ["score", "template", "handbook", "compare", "report"])
def test_a_read_only_folder_is_a_located_problem_in_every_command(tmp_path, command):
    folder = tmp_path / "locked"
    folder.mkdir()
    if command in ("compare", "report"):
        assert run("score", str(FORM), "-o", str(tmp_path / "r"), "--db", str(tmp_path / "ev.db"), "--no-report").exit_code == 0
    args = {"score": ["score", str(FORM), "-o", str(folder), "--no-report", "--no-store"],
            "template": ["template", "-o", str(folder / "form.xlsx")],
            "handbook": ["rubric", "handbook", "-o", str(folder / "handbook.pdf")],
            "compare": ["compare", "-o", str(folder), "--db", str(tmp_path / "ev.db")],
            "report": ["report", *map(str, (tmp_path / "r").glob("*.json")), "-o", str(folder / "report.pdf")]}[command]
    with _immutable(folder):
        result = run(*args)
    code = "G003" if command == "report" else "P004"
    assert result.exit_code == 1 and code in result.output, result.output
    assert "Traceback" not in result.output and list(folder.iterdir()) == []


def test_an_empty_folder_is_said_and_fails(tmp_path):
    (tmp_path / "empty").mkdir()
    for command in ("score", "check"):
        result = run(command, str(tmp_path / "empty"))
        assert result.exit_code == 1 and "P007" in result.output, (command, result.output)


def test_a_form_that_aborts_its_worker_fails_alone(tmp_path, monkeypatch):
    """The workers are forked from this process, so they inherit a score_form that aborts on one form:
    a real SIGABRT in a real worker, as calamine's used to be."""
    from evaluator import pipeline

    original = pipeline.score_form

    def crashing(form, options):
        if Path(form).name == "crash.xlsx":
            os.abort()
        return original(form, options)

    monkeypatch.setattr(pipeline, "score_form", crashing)
    shutil.copy(FORM, tmp_path / "crash.xlsx")
    shutil.copy(SAMPLES / "jt-estate-2023.xlsx", tmp_path / "fine.xlsx")
    for workers in ("1", "2"):
        out, db = tmp_path / f"out{workers}", tmp_path / f"ev{workers}.db"
        result = run("score", str(tmp_path), "-o", str(out), "--db", str(db), "--no-report", "--workers", workers)
        assert result.exit_code == 1 and "P005" in result.output and "SIGABRT" in result.output, result.output
        assert "BrokenProcessPool" not in result.output and len(list(out.glob("*.json"))) == 1
        assert _stored(db, "CD-2023-017") == 1
