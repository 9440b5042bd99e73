"""The hand-checked portfolio, stored once per session; each test that writes gets its own copy."""

from __future__ import annotations

import shutil

import pytest

from evaluator.compare.select import portfolio_from_store
from evaluator.store import Store
from tests.compare.portfolio import results


@pytest.fixture(scope="session")
def stored(tmp_path_factory):
    path = tmp_path_factory.mktemp("portfolio") / "evaluations.db"
    with Store.open(path) as store:
        for r in results():
            store.ingest(r)
    return path


@pytest.fixture
def db(stored, tmp_path):
    return shutil.copy(stored, tmp_path / "evaluations.db")


@pytest.fixture(scope="session")
def pf(stored):
    with Store.open(stored, create=False) as store:
        return portfolio_from_store(store)
