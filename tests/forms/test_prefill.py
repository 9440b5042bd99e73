"""`prefill(template_bytes, project)`: the cover answered from the set-up, read back as the same project,
byte-identical every time, in either language of the form; unknown keys refused."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluator.forms.content import ContentError
from evaluator.forms.prefill import prefill
from evaluator.forms.reader import read_form
from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template

PROJECT = {"code": "CD-2024-001", "name": "<script>幸福里</script>", "organization": "某社会工作服务中心",
           "community": "幸福里社区", "street": "玉林街道", "district": "武侯区", "funder": "武侯区民政局",
           "round": "2024-第三届微公益创投", "evaluation_type": "midterm", "evaluators": ["张三", "李四"],
           "evaluation_date": dt.date(2025, 1, 10), "methods": ["documents", "survey"]}


@pytest.fixture(scope="module")
def blanks(mini_loaded):
    return {lang: workbook_bytes(build_template(mini_loaded.rubric, mini_loaded.sha256, lang)[0])
            for lang in ("zh", "en")}


def read_back(data: bytes, tmp_path, mini_loaded):
    path = tmp_path / "form.xlsx"
    path.write_bytes(data)
    reading = read_form(path, mini_loaded)
    assert reading.evidence is not None, [p.render("en") for p in reading.problems]
    return reading.evidence.project


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_cover_reads_back_as_the_project(blanks, lang, tmp_path, mini_loaded):
    project = read_back(prefill(blanks[lang], PROJECT), tmp_path, mini_loaded)
    for key, value in PROJECT.items():
        assert getattr(project, key) == value, key


def test_prefilling_is_deterministic_and_leaves_the_template_alone(blanks):
    before = bytes(blanks["zh"])
    first = prefill(blanks["zh"], PROJECT)
    assert first == prefill(blanks["zh"], PROJECT) and first != blanks["zh"] and blanks["zh"] == before


def test_empty_values_are_left_blank(blanks, tmp_path, mini_loaded):
    project = read_back(prefill(blanks["zh"], {**PROJECT, "community": "", "funder": None, "evaluators": []}),
                        tmp_path, mini_loaded)
    assert project.community is None and project.funder is None and project.evaluators == []


def test_text_that_looks_like_a_formula_stays_text(blanks, tmp_path, mini_loaded):
    name = '=HYPERLINK("http://example.org","x")'
    project = read_back(prefill(blanks["zh"], {**PROJECT, "name": name}), tmp_path, mini_loaded)
    assert project.name == name


def test_unknown_keys_are_refused(blanks):
    with pytest.raises(ContentError, match="budgt"):
        prefill(blanks["zh"], {**PROJECT, "budgt": 1})


@settings(max_examples=15, deadline=None)
@given(name=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip))
def test_any_project_name_survives(blanks, tmp_path_factory, mini_loaded, name):
    project = read_back(prefill(blanks["zh"], {**PROJECT, "name": name}), tmp_path_factory.mktemp("p"), mini_loaded)
    assert project.name == name.strip()
