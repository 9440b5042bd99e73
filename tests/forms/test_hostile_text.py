"""Text from a rubric or a form never becomes a formula in a workbook we write, and text too long for a
form is refused at its cell (issue 10)."""

from __future__ import annotations

import io
import re
import zipfile

import openpyxl

from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template
from evaluator.rubric import load_rubric
from tests.forms.conftest import GOOD, build, located

HOSTILE = {
    "{zh: 调查方式, en: Survey mode}": '{zh: "=HYPERLINK(\\"http://example.invalid\\",\\"点此\\")", en: "+cmd|\' /C calc\'!A0"}',
    "{zh: 入户, en: Door to door}": '{zh: "=1+1", en: "@SUM(1)"}',
    "{zh: 线上, en: Online}": '{zh: "-2+3", en: "\\tTAB"}',
}


def _hostile_rubric(mini_copy):
    d2 = mini_copy / "d2.yaml"
    text = d2.read_text(encoding="utf-8")
    for old, new in HOSTILE.items():
        assert old in text
        text = text.replace(old, new)
    d2.write_text(text, encoding="utf-8")
    loaded = load_rubric(mini_copy / "rubric.yaml")
    assert loaded.ok, [p.render("en") for p in loaded.problems]
    return loaded


def test_rubric_text_is_never_a_formula_in_the_template(mini_copy):
    loaded = _hostile_rubric(mini_copy)
    for lang in ("zh", "en"):
        data = workbook_bytes(build_template(loaded.rubric, loaded.sha256, lang)[0])
        archive = zipfile.ZipFile(io.BytesIO(data))
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(re.search(rb"<f[ >]", sheet) for sheet in sheets)  # no formula anywhere
        book = openpyxl.load_workbook(io.BytesIO(data))
        risky = [c for ws in book.worksheets for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str) and c.value[:1] in "=+-@\t"]
        assert {c.parent.title for c in risky} >= {"_lists", "D2 参与" if lang == "zh" else "D2 Participation"}
        assert all(c.data_type == "s" and c.quotePrefix for c in risky), [(c.coordinate, c.value) for c in risky]


def test_a_form_with_such_choices_reads_back(mini_copy, tmp_path):
    loaded = _hostile_rubric(mini_copy)
    path = tmp_path / "form.xlsx"
    path.write_bytes(build(loaded, GOOD))
    from evaluator.forms.reader import read_form

    reading = read_form(path, loaded)
    assert reading.evidence is not None and reading.evidence.values["m_survey_kind"].value == "door"


def test_a_million_character_project_name_is_refused_at_its_cell(mini_loaded, read_bytes):
    reading = read_bytes(build(mini_loaded, cells={"project:name": "名" * 1_000_000}))
    assert located(reading) == {("F035", "封面!B4")} and reading.evidence is None
    assert "32767" in reading.problems[0].message() and "200" in reading.problems[0].message()  # Excel keeps 32767
