"""Shared fixtures: the small test rubric, copied where a test may break it."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest
from hypothesis import settings

# CI runs the same examples every time (a red CI must mean a change broke something); locally
# hypothesis keeps exploring new examples.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "mini"


@pytest.fixture(autouse=True)
def _work_in_a_temporary_folder(tmp_path, monkeypatch):
    """Commands write to output/ under the working folder by default (results, the results database):
    every test runs in its own empty folder so none writes into the repository."""
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="session")
def mini_loaded():
    from evaluator.rubric import load_rubric

    loaded = load_rubric(MINI / "rubric.yaml")
    assert loaded.ok, [p.render("en") for p in loaded.problems]
    return loaded


@pytest.fixture(scope="session")
def mini(mini_loaded):
    return mini_loaded.rubric


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini rubric folder."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


# -- PostgreSQL ---------------------------------------------------------------------------------------------
# EVALUATOR_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432/test). Each test gets a schema of its
# own (dropped afterwards) through the URL's search_path. Where no server answers the PostgreSQL tests are
# skipped with the reason, unless EVALUATOR_REQUIRE_POSTGRES is set (CI sets it): there they fail instead.

POSTGRES = os.environ.get("EVALUATOR_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(scope="session")
def postgres() -> str:
    """The server's URL, once it has answered."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except Exception as exc:
        reason = f"PostgreSQL not reachable at {POSTGRES}: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc}"
        if os.environ.get("EVALUATOR_REQUIRE_POSTGRES"):
            pytest.fail(reason)
        pytest.skip(reason)
    return POSTGRES


def schema_url(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


@pytest.fixture
def pg_url(postgres):
    """A URL whose tables live in a fresh schema of the test database."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield schema_url(postgres, schema)
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
