"""The portfolio PDF as a funder gets it: round, project, domain and indicator names as text, the
package's own fonts, hostile text inert, A4 pages numbered, and a PDF even of an empty selection."""

from __future__ import annotations

import io
import shutil

import pytest
from pypdf import PdfReader

from evaluator.compare.compute import portfolio
from evaluator.compare.model import Selection
from evaluator.compare.portfolio_view import portfolio_pdf
from evaluator.compare.select import portfolio_from_store
from evaluator.store import Store
from tests.compare.build import result
from tests.report.test_handbook_pdf import embedded_fonts

HOSTILE = '<script>alert(1)</script><img src="http://127.0.0.1:9/x.png">王堃、龘'


@pytest.fixture(scope="module")
def renderer():
    from evaluator.report.render import Renderer

    return Renderer()


@pytest.fixture(scope="module")
def hostile_pf(stored, tmp_path_factory):
    """The hand-checked portfolio plus a project named and run by markup."""
    db = shutil.copy(stored, tmp_path_factory.mktemp("hostile") / "evaluations.db")
    with Store.open(db) as store:
        store.ingest(result("P4", "第二届", "z", name=HOSTILE, organization="<b>机构</b>",
                            domains={"D1": (10, 40), "D2": (50, 60)}, indicators={"D1.01": (1, 10, "scored")}))
        return portfolio_from_store(store)


@pytest.fixture(scope="module")
def pdfs(hostile_pf, renderer) -> dict[str, bytes]:
    return {lang: portfolio_pdf(hostile_pf, lang, renderer) for lang in ("zh", "en")}


def reader(data: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(data))


def text_of(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in reader(data).pages)


def test_the_text_names_rounds_projects_domains_and_indicators(pdfs, hostile_pf):
    text = text_of(pdfs["zh"])
    flat = text.replace("\n", "")
    for heading in ("项目组合比较报告", "主要发现", "各届概况", "项目 × 领域", "最弱的指标", "跨届变化", "自组织的成长", "说明"):
        assert heading in text, heading
    assert "第一届" in text and "第二届" in text and "领域D1" in text and "领域D2" in text
    for r in hostile_pf.rounds:
        for m in r.matrix:
            assert m.project.name in flat, m.project.name
        assert r.indicators[0].name.zh in text
    assert "阳光项目二期" in flat and "舞蹈队" in flat


def test_english_speaks_english(pdfs):
    text = text_of(pdfs["en"])
    for heading in ("Portfolio comparison", "Key findings", "Projects × domains", "Weakest indicators",
                    "Changes across rounds", "Notes", "Domain D1", "Indicator D2.01"):
        assert heading in text, heading
    assert "项目组合" not in text and "主要发现" not in text


def test_only_the_bundled_faces_are_embedded(pdfs):
    fonts = embedded_fonts(reader(pdfs["zh"]))
    assert {family for family, _ in fonts} <= {"Noto Sans SC", "Noto Sans SC Fallback"}, fonts.keys()
    assert ("Noto Sans SC", "Regular") in fonts and ("Noto Sans SC", "Bold") in fonts


def test_every_character_printed_has_a_glyph_in_the_bundled_fonts(pdfs):
    from fontTools.ttLib import TTFont

    from evaluator.report.render import ASSETS

    covered = set()
    for font in (ASSETS / "fonts").glob("*.woff2"):
        covered |= set(TTFont(font).getBestCmap())
    for data in pdfs.values():
        assert {ch for ch in text_of(data) if ord(ch) not in covered and not ch.isspace()} == set()


def test_markup_in_names_prints_as_text(pdfs):
    flat = text_of(pdfs["zh"]).replace("\n", "")
    assert HOSTILE in flat and "<b>机构</b>" in flat
    assert b"/JavaScript" not in pdfs["zh"] and b"/JS " not in pdfs["zh"] and b"127.0.0.1" not in pdfs["zh"]


def test_pages_are_a4_and_numbered(pdfs):
    pages = reader(pdfs["zh"]).pages
    assert tuple(round(float(v)) for v in pages[0].mediabox.upper_right) == (595, 842)
    assert f"2 / {len(pages)}" in pages[1].extract_text()


def test_an_empty_selection_still_makes_a_readable_pdf(renderer):
    text = text_of(portfolio_pdf(portfolio([], Selection()), "zh", renderer))
    assert "所选范围内没有可比较的评估" in text and "0 个项目" in text
