"""The public Python API: docs/python-api.md runs as written, `help(evaluator)` shows the API, the names
load on first use (importing the package starts neither Django nor WeasyPrint), and the package says it
is typed."""

from __future__ import annotations

import doctest
import subprocess
import sys
from pathlib import Path

import evaluator

ROOT = Path(__file__).resolve().parents[1]


def test_the_documented_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    failed, tried = doctest.testfile(str(ROOT / "docs" / "python-api.md"), module_relative=False,
                                     optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert tried >= 15 and failed == 0


def test_every_exported_name_resolves():
    for name in evaluator.__all__:
        assert getattr(evaluator, name) is not None, name


def _run(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PAGER": "cat", "TERM": "dumb"})
    return done.stdout


def test_importing_the_package_loads_no_heavy_library():
    loaded = _run("import sys, evaluator; print(sorted(m for m in ('django', 'weasyprint', 'openpyxl', 'pydantic')"
                  " if m in sys.modules))")
    assert loaded.strip() == "[]"


def test_help_shows_the_documented_api():
    shown = _run("import evaluator; help(evaluator)")
    for name in ("load_rubric", "read_form", "evaluate", "render_feedback", "Store", "python-api.md"):
        assert name in shown, name


def test_the_package_is_typed():
    assert (ROOT / "evaluator" / "py.typed").is_file()


def test_all_lists_exactly_the_lazy_names():
    assert set(evaluator.__all__) == {"__version__", *evaluator._API}


def test_loading_the_command_line_sets_up_no_django():
    """`evaluator serve` writes the secret key before Django reads the settings: importing the commands must
    not read them (a lazy `Store` imported by name once did)."""
    loaded = _run("import sys; from evaluator.cli import main; print('evaluator.settings' in sys.modules)")
    assert loaded.strip() == "False"
