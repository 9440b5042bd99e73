"""The editable report (issue 14, item 7): `evaluator report X.json --format docx` writes a document that
python-docx opens, with the same sections as the PDF, and the same bytes every time."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from evaluator.cli import main
from evaluator.pipeline import rubric_of
from evaluator.report.docx_report import feedback_docx
from evaluator.report.feedback import feedback_view
from evaluator.store.files import read_result

GOLDEN = Path(__file__).parent / "golden"


def headings(data: bytes) -> list[str]:
    return [p.text for p in Document(io.BytesIO(data)).paragraphs if p.style.name.startswith(("Heading", "Title"))]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_document_has_the_reports_sections_and_figures(lang):
    result, earlier = read_result(GOLDEN / "troubled.json"), read_result(GOLDEN / "earlier.json")
    view = feedback_view(result, lang, earlier, rubric=rubric_of(result))
    data = feedback_docx(view)
    titles = headings(data)
    expected = {"zh": ["总体评价", "分领域结果", "自组织培育", "多方视角", "附录"],
                "en": ["Summary", "Results by domain", "Growing self-organizations", "The participatory picture",
                       "Appendix"]}[lang]
    assert [h for h in titles if h in expected] == expected
    assert titles[0] == view.cover.name
    doc = Document(io.BytesIO(data))
    text = "\n".join([p.text for p in doc.paragraphs] + [c.text for tbl in doc.tables for row in tbl.rows for c in row.cells])
    assert view.summary.total in text and view.summary.priorities[0].why in text and view.summary.change.unlike in text
    for d in view.domains:
        assert all(row.basis in text for row in d.rows)
    assert "<script>" in text    # text from the form is text in Word too, never markup


def test_the_same_result_gives_the_same_bytes_and_no_clock_in_the_properties():
    result = read_result(GOLDEN / "earlier.json")
    first, second = (feedback_docx(feedback_view(result, "zh")) for _ in range(2))
    assert first == second
    core = Document(io.BytesIO(first)).core_properties
    assert core.created.year == core.modified.year == 2000 and core.author == "evaluator"
    with zipfile.ZipFile(io.BytesIO(first)) as package:
        assert {info.date_time for info in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_the_cli_writes_docx_by_format_or_by_extension(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    source = GOLDEN / "earlier.json"
    done = CliRunner().invoke(main, ["report", str(source), "-o", "r.docx"])
    assert done.exit_code == 0, done.output
    named = CliRunner().invoke(main, ["report", str(source), "-o", "out", "--format", "docx", str(source)])
    assert named.exit_code == 0, named.output
    assert Document(str(tmp_path / "r.docx")).paragraphs and (tmp_path / "out" / "earlier.docx").is_file()
