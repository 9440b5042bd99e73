"""Opening the store: created and migrated only when writing; a reader changes nothing, not a byte; any
database that is not a usable store is refused with a located message that says what to do."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from evaluator.store import Store, StoreError
from tests.store.build import scored
from tests.store.conftest import counts


def codes(exc: pytest.ExceptionInfo) -> list[str]:
    return [p.code for p in exc.value.problems]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sqlite_store(path: Path, loaded) -> Path:
    with Store.open(path) as store:
        store.ingest(scored(loaded))
    return path


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
    before = digest(path)
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            Store.open(path, create=create)
        assert codes(caught) == ["S021"]
    assert digest(path) == before           # not switched to WAL, no table added
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.db"]


def test_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("这不是数据库" * 200, encoding="utf-8")
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            Store.open(path, create=create)
        assert codes(caught) == ["S021"]
        assert "不是 evaluator 的结果库" in caught.value.problems[0].render("zh")


def test_a_folder_or_a_pipe_named_as_the_store_is_refused(tmp_path):
    (tmp_path / "dir.db").mkdir()
    import os

    os.mkfifo(tmp_path / "pipe.db")
    for name in ("dir.db", "pipe.db"):
        for create in (True, False):
            with pytest.raises(StoreError) as caught:
                Store.open(tmp_path / name, create=create)
            assert codes(caught) == (["S021"] if create else ["S023"])


def test_a_zero_byte_file_is_an_empty_store_a_reader_leaves_empty(tmp_path, mini_loaded):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(StoreError) as caught:
        Store.open(path, create=False)
    assert codes(caught) == ["S025"] and "evaluator ingest --db" in caught.value.problems[0].render("zh")
    assert path.stat().st_size == 0         # no SQLite header written by a read
    sqlite_store(path, mini_loaded)         # a writer makes it a store
    with Store.open(path, create=False) as store:
        assert len(store.evaluations()) == 1


def test_a_damaged_store_is_named_damaged(tmp_path, mini_loaded):
    path = sqlite_store(tmp_path / "e.db", mini_loaded)
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode = DELETE")
    data = bytearray(path.read_bytes())
    page = 4096
    for n in range(2, len(data) // page):   # scribble over every page but the first (the schema's)
        data[n * page + 8: n * page + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))
    from django.db import DatabaseError

    from evaluator.store.db import database_problem

    for create in (False, True):
        # on opening, or on the first damaged page
        with pytest.raises((StoreError, DatabaseError)) as caught, Store.open(path, create=create) as store:
            store.evaluations()
        if isinstance(caught.value, StoreError):
            assert [p.code for p in caught.value.problems] in (["S028"], ["S021"])
        else:
            assert database_problem(caught.value, "e.db").code == "S028"


def test_a_store_from_a_newer_evaluator_is_refused(tmp_path, mini_loaded):
    path = sqlite_store(tmp_path / "e.db", mini_loaded)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO django_migrations (app, name, applied) VALUES ('store', '0099_future', '2030-01-01')")
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            Store.open(path, create=create)
        assert codes(caught) == ["S022"] and "please upgrade" in caught.value.problems[0].render("en")
        assert "0099_future" in caught.value.problems[0].render("en")


def test_a_store_needing_migration_is_read_only_after_it_is_migrated(tmp_path, mini_loaded):
    path = sqlite_store(tmp_path / "e.db", mini_loaded)
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM django_migrations WHERE app = 'store' AND name = '0002_legacy_store'")
    before = digest(path)
    with pytest.raises(StoreError) as caught:
        Store.open(path, create=False)
    assert codes(caught) == ["S026"] and "evaluator migrate --db e.db" in caught.value.problems[0].render("en")
    assert digest(path) == before
    with Store.open(path) as store:          # a writer migrates it, and nothing is lost
        assert len(store.evaluations()) == 1
    Store.open(path, create=False).close()


def test_a_store_lacking_tables_is_refused(tmp_path, mini_loaded):
    path = sqlite_store(tmp_path / "e.db", mini_loaded)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TABLE store_rating")
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            Store.open(path, create=create)
        assert codes(caught) == ["S027"] and "store_rating" in caught.value.problems[0].render("en")


def test_reads_leave_the_file_and_its_journal_mode_alone(tmp_path, mini_loaded):
    path = sqlite_store(tmp_path / "e.db", mini_loaded)
    with sqlite3.connect(path) as conn:     # a store another tool put back in rollback-journal mode
        assert conn.execute("PRAGMA journal_mode = DELETE").fetchone() == ("delete",)
    before = digest(path)
    with Store.open(path, create=False) as store:
        assert len(store.evaluations()) == 1 and store.result(store.evaluations()[0].id)
    assert digest(path) == before            # header bytes 18-19 would say WAL had a read switched it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.db"]


def test_a_read_only_store_refuses_writes_with_a_message(tmp_path, mini_loaded, read_only_folder):
    folder = read_only_folder(lambda f: sqlite_store(f / "e.db", mini_loaded))
    path = folder / "e.db"
    before = digest(path)
    with Store.open(path, create=False) as store:     # WAL store on read-only media: read with immutable=1
        assert [r.project_code for r in store.evaluations()] == ["P-1"]
    with pytest.raises(StoreError) as caught, Store.open(path) as store:
        store.ingest(scored(mini_loaded, source="2"))
    assert codes(caught) == ["S020"] and "read-only" in caught.value.problems[0].render("en")
    assert digest(path) == before


# -- PostgreSQL -------------------------------------------------------------------------------------


def test_postgres_reader_never_migrates_an_empty_schema(pg_url):
    import psycopg

    with pytest.raises(StoreError) as caught:
        Store.open(pg_url, create=False)
    assert codes(caught) == ["S025"]
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone() == (0,)


def test_postgres_foreign_and_damaged_schemas_are_refused(pg_url, mini_loaded):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE things (x int)")
    for create in (True, False):
        with pytest.raises(StoreError) as caught:
            Store.open(pg_url, create=create)
        assert codes(caught) == ["S021"]
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE things")
    with Store.open(pg_url) as store:
        store.ingest(scored(mini_loaded))
        assert counts(store)["Evaluation"] == 1
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DROP TABLE store_stagecount")
    with pytest.raises(StoreError) as caught:
        Store.open(pg_url, create=False)
    assert codes(caught) == ["S027"]


def test_postgres_reader_cannot_write(pg_url, mini_loaded):
    from django.db import DatabaseError

    Store.open(pg_url).close()
    with Store.open(pg_url, create=False) as store, pytest.raises(DatabaseError):
        store.ingest(scored(mini_loaded))


@pytest.mark.parametrize("url", ["postgresql://nobody:secret@127.0.0.1:9/nowhere",
                                 "postgresql://nobody:secret@127.0.0.1:notaport/x", "postgres://nobody:secret@[::1"])
def test_an_unreachable_server_or_a_broken_url_is_a_located_problem(url):
    for create in (False, True):
        with pytest.raises(StoreError) as caught:
            Store.open(url, create=create)
        [found] = caught.value.problems
        assert found.code == "S020" and "secret" not in found.render("en") and "***" in found.render("en")
