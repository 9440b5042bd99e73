"""The packaged fonts: licensed, small, and covering every character the bundled rubric prints."""

from __future__ import annotations

from functools import lru_cache

from fontTools.ttLib import TTFont

from evaluator.bundled import data_root
from evaluator.report.render import ASSETS, TEMPLATES

FONTS = ASSETS / "fonts"


@lru_cache
def cmap(name: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS / name).getBestCmap())


def printable(text: str) -> set[str]:
    return {c for c in text if not c.isspace() and ord(c) >= 0x20}


def test_faces_licence_and_size():
    faces = sorted(p.name for p in FONTS.glob("*.woff2"))
    assert faces == ["NotoSansSC-Bold.woff2", "NotoSansSC-Regular.woff2", "NotoSansSCFallback-Regular.woff2"]
    assert "SIL OPEN FONT LICENSE Version 1.1" in (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert sum((FONTS / f).stat().st_size for f in faces) < 6_000_000
    bold = TTFont(FONTS / "NotoSansSC-Bold.woff2")
    assert bold["OS/2"].usWeightClass == 700 and "glyf" in bold  # a real bold, TrueType outlines
    assert cmap("NotoSansSC-Regular.woff2") == cmap("NotoSansSC-Bold.woff2")


def test_common_and_name_characters_have_both_weights():
    main = cmap("NotoSansSC-Regular.woff2")
    for ch in "的一是社区营造参与式评估堃喆玥䶮０１２ABCabc%（）《》“”、。；：—…①√×÷≥≤≠":
        assert ord(ch) in main, ch


def test_no_missing_glyph_in_the_bundled_rubric_or_templates():
    covered = cmap("NotoSansSC-Regular.woff2") | cmap("NotoSansSCFallback-Regular.woff2")
    root = data_root()
    sources = [*root.glob("rubrics/*.yaml"), *root.glob("indicators/*.yaml"), *TEMPLATES.glob("*.html")]
    assert len(sources) > 3
    missing = {c for path in sources for c in printable(path.read_text(encoding="utf-8")) if ord(c) not in covered}
    assert not missing, f"characters without a glyph: {sorted(missing)}; reword or run tools/build_fonts.py"
