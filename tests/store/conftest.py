"""Stores to test against: an SQLite file, and a real PostgreSQL server when one is reachable (the
`postgres` and `pg_url` fixtures live in tests/conftest.py, shared with the web platform's tests)."""

from __future__ import annotations

import os

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request, tmp_path) -> str:
    """Where a store goes: an SQLite file path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "output" / "evaluations.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(target):
    from evaluator.store import Store

    with Store.open(target) as opened:
        yield opened


def counts(store) -> dict[str, int]:
    """Rows per store table."""
    from django.apps import apps

    return {m.__name__: m.objects.using(store.alias).count() for m in apps.get_app_config("store").get_models()}


@pytest.fixture
def read_only_folder(tmp_path):
    """`read_only_folder(fill)`: a folder `fill` writes into, then made read-only as a CD or a read-only
    mount is: by a read-only bind mount when running as root (who ignores file modes), else by modes."""
    import shutil
    import subprocess

    made: list = []

    def make(fill):
        folder = tmp_path / "media"
        folder.mkdir()
        fill(folder)
        if os.geteuid() == 0:
            done = subprocess.run(["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True,
                                  check=False)
            if done.returncode != 0:
                pytest.skip(f"cannot make a read-only mount here: {done.stderr.decode().strip()}")
            made.append(("mount", folder))
        else:
            for path in [*folder.iterdir(), folder]:
                path.chmod(0o555 if path.is_dir() else 0o444)
            made.append(("modes", folder))
        return folder

    yield make
    import gc

    gc.collect()    # connections a failed test left behind
    for kind, folder in made:
        if kind == "mount":
            if subprocess.run(["umount", str(folder)], capture_output=True, check=False).returncode != 0:
                subprocess.run(["umount", "-l", str(folder)], check=True)   # detached once nothing uses it
        else:
            for path in [folder, *folder.iterdir()]:
                path.chmod(0o755 if path.is_dir() else 0o644)
    shutil.rmtree(tmp_path / "media", ignore_errors=True)
