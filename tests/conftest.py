"""Shared fixtures: the small test rubric, copied where a test may break it."""

from __future__ import annotations

import os
import shutil
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
