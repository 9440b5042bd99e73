"""Rebuild the report fonts in evaluator/report/assets/fonts/ from Noto Sans CJK, reproducibly.

Why: PDFs must show Chinese on a fresh machine without a system font, so the package ships its own
faces; the full CJK faces are 16 MB each and slow to embed, so we ship subsets:

- NotoSansSC-Regular / -Bold: GB 2312, the 通用规范汉字表 (8105 characters, which has the name
  characters GB 2312 lacks: 堃 喆 玥 …), Latin, punctuation and symbols, and every character of the
  bundled rubrics and report templates. Both weights, so bold is never synthetic.
- NotoSansSCFallback-Regular: the rest of the CJK Unified Ideographs block (U+4E00–U+9FFF), so a rare
  character in a name still prints (in regular weight) instead of a missing-glyph box.

Sources: the Simplified Chinese face (index 2) of NotoSansCJK-{Regular,Bold}.ttc from Debian's
`fonts-noto-cjk` (the script downloads the package with `apt-get download` unless --source is given)
and the kTGH field of Unihan from Debian's `unicode-data`. Needs fontTools with brotli (WeasyPrint's
dependencies). Outlines are converted to TrueType (see `to_truetype`) and stored as WOFF2 without the glyf transform.
Usage: `python tools/build_fonts.py [--source DIR]` (about 4 minutes).
"""

from __future__ import annotations

import argparse
import bz2
import contextlib
import hashlib
import re
import subprocess
import tempfile
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, newTable
from fontTools.ttLib.woff2 import WOFF2FlavorData

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "evaluator" / "report" / "assets" / "fonts"
UNIHAN = Path("/usr/share/unicode/Unihan_OtherMappings.txt.bz2")
SC_INDEX = 2  # the face order in Noto Sans CJK collections: JP, KR, SC, TC, HK
TEXT_SOURCES = ["rubrics/**/*.yaml", "indicators/**/*.yaml", "evaluator/report/templates/**/*",
                "evaluator/report/*.py", "evaluator/messages.py"]
LATIN_AND_SYMBOLS = [
    (0x0020, 0x007E), (0x00A0, 0x024F),  # Latin, with Latin Extended A/B for pinyin tones
    (0x0370, 0x03FF), (0x0400, 0x04FF),  # Greek, Cyrillic (GB 2312 has them)
    (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x218F),  # punctuation … number forms
    (0x2190, 0x21FF), (0x2200, 0x22FF), (0x2460, 0x24FF), (0x2500, 0x25FF),  # arrows, math, ①, boxes, shapes
    (0x2600, 0x26FF), (0x2700, 0x27BF), (0x3000, 0x303F), (0x3200, 0x32FF),  # symbols, ✓, CJK punctuation
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),  # CJK compatibility forms, full-width forms
]
URO = (0x4E00, 0x9FFF)


def gb2312() -> set[int]:
    """Every character GB 2312 encodes, enumerated through Python's codec."""
    chars = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes([lead, trail]).decode("gb2312")))
    return chars


def tongyong_guifan(unihan: Path) -> set[int]:
    """The 8105 characters of the 通用规范汉字表 (2013), from Unihan's kTGH field."""
    with bz2.open(unihan, "rt", encoding="utf-8") as lines:
        return {int(line.split("\t")[0][2:], 16) for line in lines if "\tkTGH\t" in line}


def project_text() -> set[int]:
    """Characters the reports may print from the rubrics and templates, so they also get a bold."""
    chars: set[int] = set()
    for pattern in TEXT_SOURCES:
        for path in ROOT.glob(pattern):
            if path.is_file():
                chars |= {ord(c) for c in path.read_text(encoding="utf-8") if ord(c) >= 0x20}
    return chars


def ranges(spans: list[tuple[int, int]]) -> set[int]:
    return {c for lo, hi in spans for c in range(lo, hi + 1)}


def rename(font, family: str, style: str) -> None:
    """A subset is a modified font: give it its own names (none uses the reserved name 'Source')."""
    ps_name = f"{family.replace(' ', '')}-{style}"
    table = font["name"]
    for name_id, value in {1: family, 2: style, 3: f"{ps_name};evaluator subset", 4: f"{family} {style}",
                           6: ps_name, 16: family, 17: style}.items():
        table.removeNames(nameID=name_id)
        table.setName(value, name_id, 3, 1, 0x409)
    table.names = [n for n in table.names if n.platformID == 3]


def to_truetype(font, max_err: float = 1.0) -> None:
    """CFF outlines to TrueType (quadratic) ones, as fontTools' otf2ttf does.

    Why: without HarfBuzz-subset on the machine, WeasyPrint subsets every embedded font with fontTools,
    which takes about 3.5 s for one of these CFF faces and 0.5 s for the same face in TrueType."""
    order, glyph_set = font.getGlyphOrder(), font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"], font["glyf"] = newTable("loca"), newTable("glyf")
    font["glyf"].glyphOrder, font["glyf"].glyphs = order, glyphs
    del font["CFF "]
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for key in ("maxTwilightPoints", "maxStorage", "maxFunctionDefs", "maxInstructionDefs", "maxStackElements",
                "maxSizeOfInstructions", "maxComponentElements"):
        setattr(maxp, key, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType, post.extraNames, post.mapping = 3.0, [], {}
    font["head"].glyphDataFormat = 0
    for name in order:  # left side bearings follow the new outlines' bounds
        glyph = glyphs[name]
        glyph.recalcBounds(font["glyf"])
        width = font["hmtx"][name][0]
        font["hmtx"][name] = (width, getattr(glyph, "xMin", 0))
    font.sfntVersion = "\x00\x01\x00\x00"


def build_face(ttc: Path, chars: set[int], family: str, style: str, target: Path) -> None:
    font = TTCollection(str(ttc), recalcTimestamp=False).fonts[SC_INDEX]
    options = subset.Options()
    options.layout_features = []  # WeasyPrint drops GSUB/GPOS when embedding, and reading them is slow
    options.name_IDs = ["*"]
    options.hinting = False
    options.notdef_outline = True
    options.drop_tables += ["vhea", "vmtx", "VORG", "BASE", "GSUB", "GPOS", "GDEF"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=chars)
    subsetter.subset(font)
    rename(font, family, style)
    to_truetype(font)
    font.flavor = "woff2"
    # No glyf/loca transform: WeasyPrint decodes a transformed table in Python, about 6 s a face on
    # every first render, against 0.2 s for brotli alone; the files grow by about 15%.
    font.flavorData = WOFF2FlavorData(transformedTables=set())
    font.save(str(target), reorderTables=True)


def fetch_debian_fonts(workdir: Path) -> Path:
    subprocess.run(["apt-get", "download", "fonts-noto-cjk"], cwd=workdir, check=True)
    deb = next(workdir.glob("fonts-noto-cjk_*.deb"))
    subprocess.run(["dpkg-deb", "-x", str(deb), str(workdir / "x")], check=True)
    return workdir / "x" / "usr" / "share" / "fonts" / "opentype" / "noto"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source", type=Path, help="folder with NotoSansCJK-Regular.ttc and -Bold.ttc")
    parser.add_argument("--unihan", type=Path, default=UNIHAN)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = args.source or fetch_debian_fonts(Path(tmp))
        main_set = gb2312() | tongyong_guifan(args.unihan) | ranges(LATIN_AND_SYMBOLS) | project_text()
        fallback_set = ranges([URO]) - main_set
        plan = [("Regular", "Noto Sans SC", main_set), ("Bold", "Noto Sans SC", main_set),
                ("Regular", "Noto Sans SC Fallback", fallback_set)]
        lines = []
        for style, family, chars in plan:
            ttc = source / f"NotoSansCJK-{style}.ttc"
            target = OUT / f"{family.replace(' ', '')}-{style}.woff2"
            build_face(ttc, chars, family, style, target)
            lines.append(f"| {target.name} | {len(chars)} | {target.stat().st_size:,} | "
                         f"`{sha256(ttc)[:16]}` | `{sha256(target)[:16]}` |")
            print(lines[-1])
    write_manifest(lines)


def write_manifest(lines: list[str]) -> None:
    readme = OUT / "README.md"
    text = readme.read_text(encoding="utf-8")
    table = "\n".join(["| file | code points asked | bytes | source sha256 | file sha256 |",
                       "| --- | ---: | ---: | --- | --- |", *lines])
    readme.write_text(re.sub(r"<!-- manifest -->.*<!-- /manifest -->",
                             f"<!-- manifest -->\n{table}\n<!-- /manifest -->", text, flags=re.S),
                      encoding="utf-8")


if __name__ == "__main__":
    main()
