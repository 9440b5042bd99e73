"""The web platform under test: Django's test client on a real database, SQLite or PostgreSQL.

Each backend's database is made and migrated once per session (an SQLite file in a temporary folder; a
schema of the PostgreSQL test database) and becomes Django's `default` connection while its tests run;
each test runs inside a transaction that is rolled back, as Django's TestCase does.

    db          SQLite only: pages and permissions
    db_any      SQLite, then PostgreSQL: what goes through the store (upload, score, ingest, reports)
    tasks       "dummy" (tasks kept, never run), "immediate" (run in the request) or "database" (the queue)
"""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import schema_url

SECRET = "web-tests-" + "k" * 48
_state: dict = {"environment": False, "current": None}


def django_ready() -> None:
    from evaluator.store.django_setup import ensure_django

    ensure_django()
    from django.conf import settings

    settings.SECRET_KEY = SECRET
    if not _state["environment"]:
        from django.test.utils import setup_test_environment

        setup_test_environment()
        _state["environment"] = True


def use_database(entry: dict) -> None:
    """Make `entry` (a DATABASES entry) the `default` connection, in this thread and every new one."""
    from django.conf import settings
    from django.db import connections

    connections["default"].close()
    configured = connections.configure_settings({"default": entry})["default"]
    connections.settings["default"] = configured
    settings.DATABASES["default"] = configured
    with contextlib.suppress(AttributeError):
        del connections["default"]
    _state["current"] = entry


def use_tasks(backend: str) -> None:
    """Point the `default` task backend at `backend` (dummy | immediate | database)."""
    from django.conf import settings
    from django_tasks import task_backends

    path = {"dummy": "django_tasks.backends.dummy.DummyBackend",
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.DatabaseBackend"}[backend]
    settings.TASKS = {"default": {"BACKEND": path, "QUEUES": ["default"]}}
    task_backends._settings = None              # read TASKS again
    task_backends.__dict__.pop("settings", None)
    with contextlib.suppress(AttributeError, KeyError):
        del task_backends["default"]


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def sqlite_entry(path: Path) -> dict:
    from evaluator.store.targets import Target, database_settings

    return database_settings(Target(path=path), write=True)


@pytest.fixture(scope="session")
def sqlite_database(tmp_path_factory) -> dict:
    django_ready()
    entry = sqlite_entry(tmp_path_factory.mktemp("web") / "web.db")
    use_database(entry)
    migrate()
    return entry


@pytest.fixture(scope="session")
def postgresql_database(postgres) -> Iterator[dict]:
    import psycopg

    django_ready()
    from evaluator.store.targets import Target, database_settings

    schema = f"w_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    entry = database_settings(Target(url=schema_url(postgres, schema)), write=True)
    use_database(entry)
    migrate()
    yield entry
    from django.db import connections

    connections["default"].close()
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


def _rolled_back(entry: dict) -> Iterator[None]:
    from django.db import transaction

    if _state["current"] is not entry:
        use_database(entry)
    use_tasks("dummy")
    atomic = transaction.atomic(using="default")
    atomic.__enter__()
    try:
        yield
    finally:
        transaction.set_rollback(True, using="default")
        atomic.__exit__(None, None, None)


@pytest.fixture
def db(sqlite_database) -> Iterator[None]:
    yield from _rolled_back(sqlite_database)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_any(request) -> Iterator[str]:
    entry = request.getfixturevalue(f"{request.param}_database")
    for _ in _rolled_back(entry):
        yield request.param


@pytest.fixture
def world(db):
    from tests.web.world import build

    return build()


@pytest.fixture
def client():
    from django.test import Client

    return Client()


@pytest.fixture(autouse=True)
def _no_outside_env(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("EVALUATOR_SECRET_KEY", SECRET)


# -- browser tests -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def live(tmp_path_factory):
    """The platform on a live server over a fresh SQLite file, with a real task worker beside it."""
    from tests.web.live import Live, require_chromium, start_server, start_worker, stop

    require_chromium()
    django_ready()
    folder = tmp_path_factory.mktemp("live")
    database = folder / "live.db"
    use_database(sqlite_entry(database))
    migrate()
    use_tasks("database")
    thread, url = start_server(database)
    worker = start_worker(database, SECRET, folder / "worker.log")
    shots = Path(os.environ.get("EVALUATOR_SCREENSHOTS") or folder / "screenshots")
    shots.mkdir(parents=True, exist_ok=True)
    try:
        yield Live(url, database, shots)
    finally:
        stop(worker)
        thread.terminate()
        use_tasks("dummy")
        _state["current"] = None


@pytest.fixture(scope="session")
def browser():
    from tests.web.live import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls are synchronous
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        yield launched
    finally:
        launched.close()
        playwright.stop()


@pytest.fixture
def page(browser, live):
    """A fresh browser context (no cookies) whose requests are all recorded: none may leave the server."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    opened = context.new_page()
    opened.requests = []
    opened.on("request", lambda request: opened.requests.append(request.url))
    opened.set_default_timeout(20_000)
    try:
        yield opened
    finally:
        network = [u for u in opened.requests if u.startswith(("http:", "https:", "ws:", "wss:", "ftp:"))]
        outside = [u for u in network if not u.startswith(live.url + "/")]
        context.close()
        assert outside == [], f"pages fetched from outside the server: {outside}"
