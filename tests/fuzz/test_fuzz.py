"""Fuzzing our own doors (issue 10): mutants of the sample forms and of the rubrics, each read in a
forked child, must end in a located problem or in success: never an exception escaping, never an
abort, never a hang past the deadline. Every problem must render in both languages.

A short deterministic slice runs with the tests (FUZZ_EXAMPLES each, 60 by default); `make fuzz`
runs a long one. A failure prints the list of (mutation, seed) that rebuilds the mutant.
"""

from __future__ import annotations

import os
import random
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from evaluator.bundled import data_root
from evaluator.messages import CATALOGUE
from tests.forms.conftest import GOOD, build
from tests.fuzz.mutate import FORM_MUTATIONS, YAML_MUTATIONS
from tests.isolate import isolated

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
DEADLINE = 30.0   # seconds for one mutant; a good form takes well under one
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
MINI = Path(__file__).resolve().parents[1] / "fixtures" / "mini"


def _steps(mutations: list) -> st.SearchStrategy:
    return st.lists(st.tuples(st.sampled_from(range(len(mutations))), st.integers(0, 2**32 - 1)), min_size=1, max_size=3)


def _checked(problems) -> list[str]:
    """Codes of the problems, each known, located at a file and rendering in both languages."""
    for problem in problems:
        assert problem.code in CATALOGUE and problem.location.file
        problem.render("zh"), problem.render("en")
    return [p.code for p in problems]


def _read_and_score(path: Path, rubric) -> list[str]:
    from evaluator.forms.reader import read_form
    from evaluator.scoring.engine import evaluate

    reading = read_form(path, rubric)
    codes = _checked(reading.problems)
    if reading.evidence is not None and reading.rubric is not None:
        result = evaluate(reading.rubric.rubric, reading.evidence, reading.problems)
        result.to_json()
    return codes


def _mutated(mutation, data, seed: int):
    """The mutant, or the input as it was when this mutation cannot apply (a zip an earlier one broke)."""
    try:
        return mutation(data, random.Random(seed))
    except Exception:
        return data


_FORMS: dict[str, bytes] = {}


def _base_form(mini_loaded) -> bytes:
    if "good" not in _FORMS:
        _FORMS["good"] = build(mini_loaded, GOOD)
    return _FORMS["good"]


@pytest.mark.filterwarnings("ignore:Duplicate name")  # the mutator makes them on purpose
@FUZZ
@given(steps=_steps(FORM_MUTATIONS))
def test_mutated_forms(mini_loaded, steps):
    data = _base_form(mini_loaded)
    for op, seed in steps:
        data = _mutated(FORM_MUTATIONS[op], data, seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.xlsx"
        path.write_bytes(data)
        outcome = isolated(_read_and_score, path, mini_loaded, timeout=DEADLINE)
    assert outcome.ok, ([(FORM_MUTATIONS[op].__name__, seed) for op, seed in steps], outcome.kind, outcome.detail)


def _bundled_copy(target: Path) -> Path:
    """The bundled rubric with its indicator files beside it (a rubric names files in its own folder)."""
    for path in (data_root() / "indicators").glob("*.yaml"):
        shutil.copy(path, target / path.name)
    rubric = (data_root() / "rubrics" / "chengdu-participatory.yaml").read_text(encoding="utf-8")
    (target / "rubric.yaml").write_text(rubric.replace("../indicators/", ""), encoding="utf-8")
    return target / "rubric.yaml"


def _load_and_template(path: Path) -> list[str]:
    from evaluator.forms.save import workbook_bytes
    from evaluator.forms.template import build_template
    from evaluator.rubric import load_rubric

    loaded = load_rubric(path)
    codes = _checked(loaded.problems)
    if loaded.rubric is not None:
        workbook_bytes(build_template(loaded.rubric, loaded.sha256, "zh")[0])
    return codes


@FUZZ
@given(which=st.sampled_from(["mini", "bundled"]), steps=_steps(YAML_MUTATIONS), file_seed=st.integers(0, 2**32 - 1))
def test_mutated_rubrics(which, steps, file_seed):
    with tempfile.TemporaryDirectory() as folder:
        if which == "mini":
            shutil.copytree(MINI, folder, dirs_exist_ok=True)
            rubric = Path(folder) / "rubric.yaml"
        else:
            rubric = _bundled_copy(Path(folder))
        victim = random.Random(file_seed).choice(sorted(Path(folder).glob("*.yaml")))
        text = victim.read_text(encoding="utf-8")
        for op, seed in steps:
            text = _mutated(YAML_MUTATIONS[op], text, seed)
        victim.write_text(text, encoding="utf-8", errors="surrogateescape")
        outcome = isolated(_load_and_template, rubric, timeout=DEADLINE)
    assert outcome.ok, (which, victim.name, [(YAML_MUTATIONS[op].__name__, seed) for op, seed in steps],
                        outcome.kind, outcome.detail)
