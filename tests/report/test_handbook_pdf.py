"""The handbook PDF as a reader gets it: Chinese text, the package's own fonts, hostile text inert."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont

from tests.report.conftest import INJECTED


def embedded_fonts(reader) -> dict[tuple[str, str], TTFont]:
    """Every embedded font program, keyed by its (family, subfamily) names."""
    fonts = {}
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            program = TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
            fonts[(program["name"].getDebugName(1), program["name"].getDebugName(2))] = program
    return fonts


def test_text_has_the_chinese_structure(handbook_text, mini):
    for domain in mini.domains:
        assert domain.name.zh in handbook_text
    for indicator in mini.indicators:
        assert indicator.name.zh in handbook_text
    for stage in mini.ladder.stages:
        assert stage.name.zh in handbook_text
    assert "评估如何进行" in handbook_text and "不足 8 小时" in handbook_text


def test_pages_are_a4_with_numbers(handbook_reader):
    width, height = (float(v) for v in handbook_reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)
    count = len(handbook_reader.pages)
    assert f"2 / {count}" in handbook_reader.pages[1].extract_text()


def test_only_the_bundled_faces_are_embedded_with_a_real_bold(handbook_reader):
    fonts = embedded_fonts(handbook_reader)
    assert {family for family, _ in fonts} <= {"Noto Sans SC", "Noto Sans SC Fallback"}, fonts.keys()
    regular, bold = fonts[("Noto Sans SC", "Regular")], fonts[("Noto Sans SC", "Bold")]
    assert regular["OS/2"].usWeightClass == 400 and bold["OS/2"].usWeightClass == 700
    assert "Adobe" in bold["name"].getDebugName(0)  # the copyright of Noto Sans CJK, kept by the subset


def test_a_rare_name_character_comes_from_the_fallback(handbook_reader, handbook_text):
    assert "王堃、李喆、张玥" in handbook_text and "龘" in handbook_text
    assert ("Noto Sans SC Fallback", "Regular") in embedded_fonts(handbook_reader)


def test_injected_markup_prints_as_text(handbook_text, handbook_pdf):
    assert INJECTED in handbook_text.replace("\n", "")
    assert b"/JavaScript" not in handbook_pdf and b"/JS " not in handbook_pdf
