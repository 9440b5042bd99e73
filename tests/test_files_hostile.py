"""Files a user can name (issue 10): only regular files are read, with a size limit before reading, and
nothing written is ever lost, also when two runs write at once."""

from __future__ import annotations

import multiprocessing
import os
import stat
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.forms.reader import read_form
from evaluator.inputs import InputError, read_regular
from evaluator.outputs import OutputError, write_bytes
from tests.isolate import isolated


def _special(path: Path, kind: str) -> None:
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "folder":
        path.mkdir()
    else:
        os.symlink(kind, path)


def _refusal(path: Path) -> str:
    try:
        read_regular(path, 1 << 20)
    except InputError as exc:
        return exc.kind
    return "read"


@pytest.mark.parametrize("kind, expected", [("fifo", "special"), ("/dev/zero", "special"), ("/dev/urandom", "special"),
                                            ("folder", "folder")])
def test_only_regular_files_are_read(tmp_path, kind, expected):
    _special(tmp_path / "x", kind)
    outcome = isolated(_refusal, tmp_path / "x", timeout=10)  # a FIFO would hang an ordinary open
    assert outcome.ok and outcome.value == expected, outcome


def test_the_size_limit_holds_before_reading(tmp_path):
    big = tmp_path / "big"
    with big.open("wb") as out:
        out.truncate(60 * 2**20)  # sparse: costs nothing unless read
    with pytest.raises(InputError) as raised:
        read_regular(big, 50 * 2**20)
    assert raised.value.kind == "too_large" and "50 MB" in raised.value.detail["en"]


@pytest.mark.parametrize("kind, code", [("fifo", "F002"), ("/dev/zero", "F002"), ("/dev/urandom", "F002"),
                                        ("big", "F004")])
def test_forms_named_like_forms_but_not_files(tmp_path, mini_loaded, kind, code):
    path = tmp_path / "form.xlsx"
    if kind == "big":
        with path.open("wb") as out:
            out.truncate(60 * 2**20)
    else:
        _special(path, kind)
    outcome = isolated(lambda: [p.code for p in read_form(path, mini_loaded).problems], timeout=10)
    assert outcome.ok and outcome.value == [code], outcome


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero", "/dev/urandom"])
def test_results_named_like_results_but_not_files(tmp_path, kind):
    _special(tmp_path / "result.json", kind)
    outcome = isolated(lambda: CliRunner().invoke(main, ["report", str(tmp_path / "result.json"), "-o",
                                                         str(tmp_path / "r.pdf")]).output, timeout=20)
    assert outcome.ok and "S018" in outcome.value and "Traceback" not in outcome.value, outcome


def test_a_fifo_where_an_output_goes_is_refused_without_a_hang(tmp_path):
    os.mkfifo(tmp_path / "out.json")
    outcome = isolated(write_bytes, tmp_path / "out.json", b"{}", timeout=10)
    assert outcome.kind == "raised" and "OutputError" in outcome.detail, outcome
    assert stat.S_ISFIFO(os.stat(tmp_path / "out.json").st_mode)


def test_output_errors_say_why(tmp_path):
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError) as raised:
        write_bytes(tmp_path / "file" / "out.json", b"{}")
    assert raised.value.detail["en"] == "part of the path is a file, not a folder"
    with pytest.raises(OutputError) as raised:
        write_bytes(tmp_path / ("名" * 100 + ".json"), b"{}")
    assert raised.value.detail["en"] == "the file name is too long"


def _race(path: Path, data: bytes, barrier, answers) -> None:
    barrier.wait()
    answers.put((data, write_bytes(path, data)))


def test_two_writers_at_once_never_overwrite(tmp_path):
    """Both used to pass the exists-check and one replaced the other; now exactly one writes."""
    target = tmp_path / "result.json"
    context = multiprocessing.get_context("fork")
    for _attempt in range(5):
        target.unlink(missing_ok=True)
        barrier, answers = context.Barrier(6), context.Queue()
        writers = [context.Process(target=_race, args=(target, f"writer {i} ".encode() * 1000, barrier, answers))
                   for i in range(6)]
        for writer in writers:
            writer.start()
        outcomes = [answers.get(timeout=30) for _ in writers]
        for writer in writers:
            writer.join()
        assert sorted(o for _, o in outcomes) == ["exists"] * 5 + ["written"], outcomes
        assert target.read_bytes() == next(data for data, o in outcomes if o == "written")
    assert [p.name for p in tmp_path.iterdir()] == ["result.json"]  # no temporary files left behind
