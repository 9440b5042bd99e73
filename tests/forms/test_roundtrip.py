"""Generate → fill → read gives back exactly what was filled in, with each value's cell."""

from __future__ import annotations

import time
import zipfile

import pytest

from evaluator.evidence import CellRef, Project
from evaluator.forms.content import ContentError, FormContent, form_bytes
from tests.forms.conftest import GOOD, build, where


def _plain(evidence):
    """Evidence as the plain data FormContent holds, for comparison."""
    return {
        "project": evidence.project,
        "values": {k: v.value for k, v in evidence.values.items() if v.value is not None},
        "ratings": {i: {r: v.value for r, v in by.items() if v.value is not None} for i, by in evidence.ratings.items()},
        "notes": {k: v.value for k, v in evidence.notes.items()},
        "roster": [{k: v.value for k, v in row.values.items() if v.value is not None} for row in evidence.roster],
        "feedback": [item.model_dump(exclude={"row"}) for item in evidence.feedback],
    }


def _expected(content: FormContent):
    return {
        "project": Project(**content.project),
        "values": content.values,
        "ratings": content.ratings,
        "notes": content.notes,
        "roster": content.roster,
        "feedback": [item.model_dump() for item in content.feedback],
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_round_trip_gives_the_same_evidence(mini_loaded, read_bytes, lang):
    reading = read_bytes(build(mini_loaded, lang=lang))
    assert reading.problems == []
    assert _plain(reading.evidence) == _expected(GOOD)


def test_every_value_keeps_its_cell(good_bytes, read_bytes, layout):
    evidence = read_bytes(good_bytes).evidence
    for field_id, value in evidence.values.items():
        assert value.cell == CellRef(sheet=where(layout, f"value:{field_id}")[0], cell=where(layout, f"value:{field_id}")[1])
    assert str(evidence.ratings["D1.01"]["consensus"].cell) == "!".join(where(layout, "rating:D1.01:consensus"))
    assert [row.row for row in evidence.roster] == [5, 6]
    assert str(evidence.roster[1].values["members"].cell) == "自组织名册!D6"


def test_unfilled_fields_are_present_and_empty(mini_loaded, read_bytes):
    content = GOOD.model_copy(update={"values": {k: v for k, v in GOOD.values.items() if k != "m_outside"}})
    evidence = read_bytes(build(mini_loaded, content)).evidence
    assert evidence.values["m_outside"].value is None and evidence.values["m_outside"].cell is not None
    assert evidence.ratings["D1.01"]["self"].value == 3


def test_evidence_names_the_rubric_and_the_file(mini_loaded, good_bytes, read_bytes):
    evidence = read_bytes(good_bytes, name="幸福里.xlsx").evidence
    assert (evidence.rubric.id, evidence.rubric.version, evidence.rubric.sha256) == ("mini", "0.1.0", mini_loaded.sha256)
    assert evidence.source.file.endswith("幸福里.xlsx") and len(evidence.source.sha256) == 64
    assert evidence.project.evaluation_type == "final"


def test_same_content_gives_identical_bytes_even_at_another_time(mini_loaded, monkeypatch):
    first = form_bytes(mini_loaded, GOOD)
    later = time.struct_time((2031, 6, 1, 12, 0, 0, 6, 152, 0))
    monkeypatch.setattr(zipfile.time, "localtime", lambda *_: later)
    assert form_bytes(mini_loaded, GOOD) == first


def test_content_with_unknown_keys_is_refused_with_all_of_them(mini_loaded):
    bad = FormContent(project={"nmae": "x"}, values={"m_nope": 1}, ratings={"D1.02": {"self": 3}, "D1.01": {"mayor": 2}},
                      roster=[{"org": "x"}])
    with pytest.raises(ContentError) as caught:
        form_bytes(mini_loaded, bad)
    for key in ("project.nmae", "values.m_nope", "ratings.D1.02.self", "ratings.D1.01.mayor", "roster.org"):
        assert key in str(caught.value)
