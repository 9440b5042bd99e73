"""Opening the results database and writing to it all or nothing.

Connections run in autocommit mode and every write goes through `transaction()`: an explicit
BEGIN IMMEDIATE … COMMIT, rolled back on any exception. If the process dies midway, SQLite's journal
undoes the unfinished transaction the next time the file is opened, so nothing is ever half-written.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from evaluator.problems import Location, Problem
from evaluator.rubric.loader import display_path
from evaluator.store import schema

DEFAULT_DB = Path("output") / "evaluations.db"


class StoreError(Exception):
    """Something the user can fix, as located problems (a bad result, an unusable database)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.render("en") for p in problems))
        self.problems = problems


def problem(code: str, file: str, at: str | None = None, **params) -> Problem:
    """A problem in `file`, at key path `at` if given."""
    return Problem(code=code, location=Location(file=file, key=at), params=params)


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def connect(path: Path, create: bool) -> sqlite3.Connection:
    """An open database with a schema this code understands; created (with its folder) if `create`."""
    shown = display_path(path)
    if not create and not path.is_file():
        raise StoreError([problem("S023", shown, path=shown)])
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError([problem("S020", shown, detail=str(exc))]) from None
    try:
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL: a commit is one append, not a journal rewrite with several fsyncs; still all or nothing
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        _prepare(conn, shown, create)
    except sqlite3.DatabaseError as exc:
        conn.close()
        code = "S021" if "not a database" in str(exc) else "S020"
        raise StoreError([problem(code, shown, path=shown, detail=str(exc))]) from None
    except StoreError:
        conn.close()
        raise
    return conn


def _prepare(conn: sqlite3.Connection, shown: str, create: bool) -> None:
    """Create the tables in a new database; refuse a foreign database or one from a newer evaluator."""
    version = schema.stored_version(conn)
    if version is None and create and not schema.table_names(conn):
        with transaction(conn):
            if not schema.table_names(conn):  # another process may have created it meanwhile
                schema.create(conn)
        version = schema.stored_version(conn)
    if version is None:
        raise StoreError([problem("S021", shown, path=shown)])
    if version > schema.SCHEMA_VERSION:
        raise StoreError([problem("S022", shown, found=version, expected=schema.SCHEMA_VERSION)])
