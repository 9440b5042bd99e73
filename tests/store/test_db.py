"""Opening the store: created when asked, refused with a located message when it is not ours."""

from __future__ import annotations

import sqlite3

import pytest

from evaluator.store import Store, StoreError
from evaluator.store.schema import SCHEMA_VERSION


def codes(exc: pytest.ExceptionInfo) -> list[str]:
    return [p.code for p in exc.value.problems]


def test_a_missing_database_is_created_only_when_writing(tmp_path):
    with pytest.raises(StoreError) as caught:
        Store.open(tmp_path / "none.db", create=False)
    assert codes(caught) == ["S023"] and not (tmp_path / "none.db").exists()
    with Store.open(tmp_path / "new" / "e.db") as store:
        assert store.rounds() == [] and store.projects() == {}
    Store.open(tmp_path / "new" / "e.db", create=False).close()


def test_another_sqlite_database_is_not_touched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE things (x)")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert codes(caught) == ["S021"]
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["things"]


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert codes(caught) == ["S021"]
    assert "不是 evaluator 的结果库" in caught.value.problems[0].render("zh")


def test_a_database_from_a_newer_evaluator_is_refused(tmp_path):
    path = tmp_path / "e.db"
    Store.open(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE schema_version SET version = ?", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError) as caught:
        Store.open(path)
    assert codes(caught) == ["S022"] and "please upgrade" in caught.value.problems[0].render("en")
