"""Opening the results store: a Django connection of its own, the state of the database checked first.

A writer (`ingest`, `score`, `migrate`) creates a missing store, and migrates an empty one, one made by an
earlier evaluator (Django migrations behind, or the raw SQLite schema v1 of the first versions) before
it writes. A reader (`history`, `compare`, the report's earlier round) opens read-only and never runs a
migration: a store that is missing, empty, foreign, damaged, or needs migrating is refused with a located
problem that says what to do. Neither ever touches a database it does not recognise: the checks below
only read, and a foreign database is refused before anything is written (no WAL switch, no tables).
"""

from __future__ import annotations

import hashlib
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from evaluator.i18n import both, Lang
from evaluator.problems import Location, Problem
from evaluator.store import legacy
from evaluator.store.targets import BUSY_SECONDS, DEFAULT_DB, Target, database_settings

__all__ = ["DEFAULT_DB", "StoreError", "close_alias", "database_detail", "database_problem", "open_alias", "problem"]

State = Literal["empty", "current", "outdated", "legacy", "newer", "foreign", "damaged"]
_READ_REFUSALS = {"empty": "S025", "outdated": "S026", "legacy": "S026"}
_MIGRATE_ATTEMPTS = 5
_MIGRATION_LOCK = 0x65766C2D73746F72   # "evl-stor": the advisory lock key of store migrations
# The command line migrates the store app alone: the web platform's apps are migrated by the server on its
# own database (`evaluator serve`, `evaluator manage migrate`), and some of their migrations (django-tasks-db's
# data migrations) would touch the default database whatever store is being migrated.
STORE_APP = "store"


class StoreError(Exception):
    """Something the user can fix, as located problems (a bad result, an unusable database)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.render("en") for p in problems))
        self.problems = problems


def problem(code: str, file: str, at: str | None = None, **params) -> Problem:
    """A problem in `file`, at key path `at` if given."""
    return Problem(code=code, location=Location(file=file, key=at), params=params)


_lock = threading.Lock()
_users: dict[str, int] = {}


def open_alias(target: Target, write: bool) -> str:
    """The Django connection alias of a usable store; StoreError (nothing changed) when it is not."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import Error

    from evaluator.store.django_setup import ensure_django

    ensure_django()
    read_only_media = _check_file(target, write)
    try:
        alias = _register(target, write, immutable=read_only_media)
    except (ValueError, ImproperlyConfigured) as exc:   # a URL dj-database-url cannot read, no driver
        raise StoreError([database_problem(exc, target.shown)]) from None
    try:
        alias, state, detail = _prepare(alias, target, write)
        _accept(state, detail, target)
    except StoreError:
        close_alias(alias)
        raise
    except (Error, OSError) as exc:
        close_alias(alias)
        raise StoreError([database_problem(exc, target.shown)]) from None
    return alias


def _prepare(alias: str, target: Target, write: bool) -> tuple[str, State, dict]:
    """A writer migrates what needs it; a reader on a WAL store it cannot lock reads it as immutable."""
    from django.db import Error

    if write:
        with _migration_lock(alias):
            state, detail = inspect(alias)
            if state in ("empty", "outdated", "legacy"):
                _migrate(alias, target)
                state, detail = inspect(alias)
        return alias, state, detail
    try:
        return alias, *inspect(alias)
    except Error as exc:
        if not _cannot_open(exc):
            raise
    close_alias(alias)
    alias = _register(target, write, immutable=True)
    return alias, *inspect(alias)


def close_alias(alias: str) -> None:
    from django.db import connections

    with _lock:
        _users[alias] = _users.get(alias, 1) - 1
        if _users[alias] > 0:
            return
        del _users[alias]
    connections[alias].close()
    if alias != "default":
        try:
            del connections[alias]
        except AttributeError:
            pass
        connections.settings.pop(alias, None)


def _check_file(target: Target, write: bool) -> bool:
    """Refuse what cannot be a store here, before any connection; True when the file is on read-only media."""
    path = target.path
    if path is None:
        return False
    shown = target.shown
    if not write and not path.is_file():
        raise StoreError([problem("S023", shown, path=shown)])
    if write:
        if path.exists() and not path.is_file():   # a folder, a pipe, a device: never opened for writing
            raise StoreError([problem("S021", shown, path=shown)])
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError([problem("S020", shown, detail=exc.strerror or str(exc))]) from None
    read_only = _read_only_media(path)
    if write and (read_only or not os.access(path if path.exists() else path.parent, os.W_OK)):
        raise StoreError([problem("S020", shown, detail=both("read-only (read-only media or no permission to write)"))])
    return read_only


def _read_only_media(path: Path) -> bool:
    """True when the file system holding `path` is mounted read-only (a CD, a read-only mount)."""
    try:
        return bool(os.statvfs(path if path.exists() else path.parent).f_flag & os.ST_RDONLY)
    except OSError:
        return False


def _register(target: Target, write: bool, immutable: bool = False) -> str:
    from django.db import connections

    settings = database_settings(target, write, immutable)
    if write and _same_database(settings, connections.settings["default"]):
        alias = "default"     # the server's own store: the platform's models and these share one connection
    else:
        mode = "write" if write else "immutable" if immutable else "read"
        alias = "store-" + hashlib.sha256(f"{mode} {settings}".encode()).hexdigest()[:16]
    with _lock:
        if alias not in connections.settings:
            connections.settings[alias] = connections.configure_settings({"default": settings})["default"]
        _users[alias] = _users.get(alias, 0) + 1
    return alias


def _same_database(a: dict, b: dict) -> bool:
    keys = ("ENGINE", "NAME", "HOST", "PORT", "USER")
    return all(str(a.get(k) or "") == str(b.get(k) or "") for k in keys) and \
        (a.get("OPTIONS") or {}).get("options") == (b.get("OPTIONS") or {}).get("options")


def inspect(alias: str) -> tuple[State, dict]:
    """What the database is, by reading only: its tables and the migrations recorded in it."""
    from django.db import connections
    from django.db.migrations.loader import MigrationLoader

    connection = connections[alias]
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
        if not tables - {"django_migrations"} and not _store_migrations(cursor, tables):
            return "empty", {}      # nothing yet, or another writer has only just begun migrating it
        if not _store_migrations(cursor, tables):
            if (found := legacy.version(cursor, tables)) is None:
                return "foreign", {}
            if found > legacy.VERSION:
                return "newer", {"found": f"v{found}", "expected": f"v{legacy.VERSION}"}
            gone = legacy.missing(tables)
            return ("damaged", {"tables": gone}) if gone else ("legacy", {})
    loader = MigrationLoader(connection, ignore_no_migrations=True)
    known = set(loader.disk_migrations)
    unknown = sorted(m for m in loader.applied_migrations if m[0] in loader.migrated_apps and m not in known)
    if unknown:
        return "newer", {"found": unknown[-1][1], "expected": max(n for a, n in known if a == unknown[-1][0])}
    if any(node not in loader.applied_migrations for node in loader.graph.nodes if node[0] == STORE_APP):
        return "outdated", {}
    gone = sorted(_model_tables() - tables)
    return ("damaged", {"tables": gone}) if gone else ("current", {})


def _store_migrations(cursor, tables: set[str]) -> bool:
    if "django_migrations" not in tables:
        return False
    cursor.execute("SELECT COUNT(*) FROM django_migrations WHERE app = 'store'")
    return bool(cursor.fetchone()[0])


def _model_tables() -> set[str]:
    from django.apps import apps

    return {m._meta.db_table for m in apps.get_app_config("store").get_models()}


def _accept(state: State, detail: dict, target: Target) -> None:
    shown = target.shown
    if state == "current":
        return
    if state == "foreign":
        raise StoreError([problem("S021", shown, path=shown)])
    if state == "newer":
        raise StoreError([problem("S022", shown, **detail)])
    if state == "damaged":
        raise StoreError([problem("S027", shown, path=shown, tables=detail["tables"])])
    raise StoreError([problem(_READ_REFUSALS[state], shown, path=shown, db=_db_argument(target))])


def _db_argument(target: Target) -> str:
    """`--db X` as a user would type it again (nothing for the default store)."""
    from evaluator.store.targets import default_target

    return "" if target == default_target() else f" --db {target.shown}"


def _migrate(alias: str, target: Target) -> None:
    """Run every migration not yet applied; another process migrating the same store at the same moment
    makes one attempt fail on a table the other just made: look again, and go on from there."""
    from django.core.management import call_command
    from django.db import DatabaseError, connections

    for attempt in range(_MIGRATE_ATTEMPTS):
        try:
            call_command("migrate", STORE_APP, database=alias, interactive=False, verbosity=0, skip_checks=True)
            break
        except DatabaseError:
            if not _still_needs_migrating(alias):
                break           # the other process finished it
            if attempt == _MIGRATE_ATTEMPTS - 1:
                raise
            time.sleep(0.05 * (attempt + 1))
    if target.is_sqlite:
        _use_wal(connections[alias])


def _use_wal(connection) -> None:
    """WAL journal: a commit is one append, not a journal rewrite; persistent, set once by the writer that made
    the store. Switching needs the database to itself, and SQLite answers "locked" at once (its busy wait does
    not apply) while another process that is making the same store still has it open: wait for it as the
    busy timeout would."""
    from django.db import OperationalError

    deadline = time.monotonic() + BUSY_SECONDS
    while True:
        try:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                if str(cursor.fetchone()[0]).lower() != "wal":
                    cursor.execute("PRAGMA journal_mode = WAL")
            return
        except OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


@contextmanager
def _migration_lock(alias: str) -> Iterator[None]:
    """On PostgreSQL, one writer at a time looks at the store and migrates it (a session advisory lock);
    SQLite writers are serialized by its write lock, and `_migrate` goes on after losing a race."""
    from django.db import connections

    connection = connections[alias]
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [_MIGRATION_LOCK])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_MIGRATION_LOCK])


def _still_needs_migrating(alias: str) -> bool:
    """True while the store still needs migrating (so a failed attempt is worth another)."""
    state, _ = inspect(alias)
    return state in ("empty", "outdated", "legacy")


def _sqlite_error(exc: BaseException) -> str | None:
    cause = exc.__cause__ or exc
    return getattr(cause, "sqlite_errorname", None)


def _cannot_open(exc: BaseException) -> bool:
    return _sqlite_error(exc) in ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_READONLY_RECOVERY")


def database_problem(exc: BaseException, shown: str) -> Problem:
    """A database error as a located problem: not a database, damaged, or cannot be opened (and why)."""
    name = _sqlite_error(exc)
    if name == "SQLITE_NOTADB":
        return problem("S021", shown, path=shown)
    if name and name.startswith("SQLITE_CORRUPT"):
        return problem("S028", shown, path=shown, detail=_first_line(exc))
    return problem("S020", shown, detail=_first_line(exc))


def database_detail(exc: BaseException, shown: str) -> dict[Lang, str]:
    """The database problem's message in both languages, as the `detail` of another problem."""
    return database_problem(exc, shown).messages()


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
