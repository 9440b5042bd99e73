"""`history`, `compare`, `ingest` and `report` against every kind of unusable store: a located message and
exit 1 (a warning for the report's earlier-round lookup), never a traceback, and the file unchanged."""

from __future__ import annotations

import gzip
import hashlib
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest
from click.testing import CliRunner

from evaluator.cli import main
from evaluator.store import Store
from tests.store.build import scored

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _ours(path: Path, loaded) -> None:
    with Store.open(path) as store:
        store.ingest(scored(loaded))


def _zero(path: Path, loaded) -> None:
    path.touch()


def _foreign(path: Path, loaded) -> None:
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("CREATE TABLE things (x)")


def _text(path: Path, loaded) -> None:
    path.write_text("not a database\n" * 500, encoding="utf-8")


def _lacking(path: Path, loaded) -> None:
    _ours(path, loaded)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("DROP TABLE store_indicatorscore")


def _newer(path: Path, loaded) -> None:
    _ours(path, loaded)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('store', '0099_x', '2030-01-01')")


def _v1(path: Path, loaded) -> None:
    path.write_bytes(gzip.decompress((FIXTURES / "store-v1.db.gz").read_bytes()))


def _truncated(path: Path, loaded) -> None:
    _ours(path, loaded)
    with closing(sqlite3.connect(path)) as conn, conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])


KINDS = {"zero-byte": (_zero, "S025"), "foreign": (_foreign, "S021"), "not-a-database": (_text, "S021"),
         "lacking-tables": (_lacking, "S027"), "newer": (_newer, "S022"), "v1": (_v1, "S026"),
         "truncated": (_truncated, None)}


@pytest.fixture(params=sorted(KINDS))
def bad(request, tmp_path, mini_loaded) -> tuple[Path, str | None]:
    make, code = KINDS[request.param]
    path = tmp_path / "bad.db"
    make(path, mini_loaded)
    return path, code


def run(*args: str):
    outcome = CliRunner().invoke(main, list(args))
    assert outcome.exception is None or isinstance(outcome.exception, SystemExit), repr(outcome.exception)
    return outcome


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readers_say_what_is_wrong_and_change_nothing(bad, tmp_path):
    path, code = bad
    before = digest(path)
    for args in (["history", "P-1"], ["compare", "-o", str(tmp_path / "out")]):
        outcome = run(*args, "--db", str(path))
        assert outcome.exit_code == 1
        assert "bad.db" in outcome.output and (code is None or f"错误 {code}" in outcome.output), outcome.output
    assert digest(path) == before
    assert not (tmp_path / "out").exists()


def test_ingest_refuses_what_is_not_its_store(bad, tmp_path, mini_loaded):
    path, code = bad
    result = tmp_path / "r.json"
    result.write_text(scored(mini_loaded, source="7").to_json(), encoding="utf-8")
    before = digest(path)
    outcome = run("ingest", str(result), "--db", str(path))
    if code in ("S025", "S026"):     # an empty store is made one, a v1 store is migrated: then it ingests
        assert outcome.exit_code == 0, outcome.output
        return
    assert outcome.exit_code == 1 and "bad.db" in outcome.output
    if code:
        assert f"错误 {code}" in outcome.output
    assert digest(path) == before


def test_the_report_warns_and_still_renders(bad, tmp_path, mini_loaded):
    path, _ = bad
    result = tmp_path / "r.json"
    result.write_text(scored(mini_loaded).to_json(), encoding="utf-8")
    outcome = run("report", str(result), "-o", str(tmp_path / "r.html"), "--db", str(path))
    assert outcome.exit_code == 0 and "警告 G002" in outcome.output
    assert (tmp_path / "r.html").exists()


def test_no_traceback_from_the_installed_command(tmp_path):
    path = tmp_path / "bad.db"
    _text(path, None)
    done = subprocess.run([str(Path(sys.executable).with_name("evaluator")), "history", "P-1", "--db", str(path)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr and "S021" in done.stderr
