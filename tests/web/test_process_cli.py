"""A final result is locked against the command line too: `evaluator ingest` and `evaluator score` on a
store the platform shares refuse a new version of it (V002), and a store made by the command line alone
(no process tables) is unaffected."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from evaluator.cli import main
from tests.web.world import SAMPLES


def platform_store(path: Path) -> None:
    """A store with the platform's tables, as `evaluator manage migrate` makes it."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{path}", "EVALUATOR_SECRET_KEY": "cli-test-" + "k" * 40}
    done = subprocess.run([sys.executable, "-c", "from evaluator.cli import main; main()", "manage", "migrate"],
                          env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr


def lock_every_review(path: Path, state: str = "final") -> None:
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO process_review (project_id, round_id, evaluation_type, state, evaluation_id, "
                   "updated_at) SELECT project_id, round_id, evaluation_type, ?, id, '2025-05-01 00:00:00' "
                   "FROM store_evaluation WHERE latest", (state,))
    db.close()


def test_the_command_line_refuses_a_new_version_of_a_final_result(tmp_path, monkeypatch):
    from tests.web.test_uploads import changed_form

    monkeypatch.chdir(tmp_path)
    store = tmp_path / "shared.db"
    platform_store(store)
    runner = CliRunner()
    done = runner.invoke(main, ["score", str(SAMPLES / "jt-estate-2024.xlsx"), "--no-store", "-o", "r", "--no-report"])
    assert done.exit_code == 0, done.output
    first = next(Path("r").glob("*.json"))
    done = runner.invoke(main, ["ingest", str(first), "--db", str(store)])
    assert done.exit_code == 0, done.output
    lock_every_review(store)

    again = runner.invoke(main, ["ingest", str(first), "--db", str(store)])
    assert again.exit_code == 0, again.output                 # the very same result: nothing new, allowed

    data = json.loads(first.read_text(encoding="utf-8"))
    data["source"]["sha256"] = "e" * 64
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    refused = runner.invoke(main, ["ingest", str(changed), "--db", str(store)])
    assert refused.exit_code != 0 and "V002" in refused.output, refused.output

    form = tmp_path / "v2.xlsx"
    form.write_bytes(changed_form())
    scoring = runner.invoke(main, ["score", str(form), "--db", str(store), "-o", "out", "--no-report"])
    assert scoring.exit_code != 0 and "V002" in scoring.output, scoring.output
    with sqlite3.connect(store) as db:
        assert db.execute("SELECT count(*) FROM store_evaluation").fetchone() == (1,)
    db.close()


def test_a_store_without_the_platform_is_not_locked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store = tmp_path / "cli-only.db"
    runner = CliRunner()
    for name in ("jt-estate-2024.xlsx",):
        done = runner.invoke(main, ["score", str(SAMPLES / name), "--db", str(store), "-o", "out", "--no-report"])
        assert done.exit_code == 0, done.output
    from tests.web.test_uploads import changed_form

    form = tmp_path / "v2.xlsx"
    form.write_bytes(changed_form())
    done = runner.invoke(main, ["score", str(form), "--db", str(store), "-o", "out2", "--no-report"])
    assert done.exit_code == 0, done.output
