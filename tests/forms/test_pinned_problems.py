"""Every pinned form (`tests.forms.pinned`: the samples, the forms the tests read, fuzz mutants from fixed
seeds) still reads to exactly the problems and the evidence recorded: same codes, severities, sheets, cells
and params, in the same order. Reading faster must not mean finding something else."""

from __future__ import annotations

import json
import warnings

import pytest

from tests.forms.pinned import forms, load_pins, mini_rubric, reading_pin


@pytest.fixture(scope="module")
def every_form():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the mutators write duplicate zip entries on purpose
        return list(forms())


def test_every_form_reads_as_pinned(every_form):
    pins, mini = load_pins(), mini_rubric()
    assert {f.id for f in every_form} == set(pins), "the pinned forms changed: record the pins again (see tests/forms/pinned.py)"
    changed = []
    for form in every_form:
        expected = pins[form.id]
        got = reading_pin(form, mini if form.rubric == "mini" else None)
        # a mutant renaming a zip entry carries the time it was made: its bytes differ from run to run
        same_input = form.id.startswith("mutant/") or got["sha256"] == expected["sha256"]
        if not same_input:
            changed.append(f"{form.id}: the form itself changed (a sample or the corpus): record the pins again")
        elif {**got, "sha256": ""} != {**expected, "sha256": ""}:
            changed.append(f"{form.id}:\n  pinned {json.dumps(expected, ensure_ascii=False)[:1500]}\n"
                           f"  now    {json.dumps(got, ensure_ascii=False)[:1500]}")
    assert not changed, f"{len(changed)} of {len(every_form)} forms read differently:\n" + "\n".join(changed[:10])


def test_the_pins_cover_problems_and_evidence(every_form):
    """The corpus is worth pinning: good forms with evidence, and most kinds of form problem."""
    pins = load_pins().values()
    codes = {p["code"] for pin in pins for p in pin["problems"]}
    assert sum(pin["evidence"] is not None for pin in pins) >= 100
    assert {"F002", "F003", "F004", "F005", "F011", "F017", "F020", "F022", "F028", "F031", "F033", "F034", "F036"} <= codes
    assert len(every_form) >= 500
