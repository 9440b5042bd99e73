"""Synthetic filled forms for benchmarks: a few distinct random forms, copied N times with distinct codes.

Building a form with openpyxl takes over a second, so K distinct forms are built and each copy gets
its own project code by rewriting the code in the workbook's XML (a zip member), which
keeps every copy a different, valid form at a few milliseconds each.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile
from pathlib import Path

from evaluator.forms.content import FormContent, form_bytes
from evaluator.rubric import LoadedRubric
from evaluator.rubric.fields import EvidenceField

CODE = "BENCH-000000"


def _value(field: EvidenceField, rnd: random.Random):
    low, high = field.range if field.range else (0, 1000)
    if field.type == "integer":
        return rnd.randint(int(low), int(min(high, 5000)))
    if field.type == "number":
        return round(rnd.uniform(low, min(high, 500000)), 1)
    if field.type == "percent":
        return round(rnd.uniform(0.3, 1.0), 2)
    if field.type == "boolean":
        return rnd.random() < 0.7
    if field.type == "choice":
        return rnd.choice(field.choices).id
    if field.type == "date":
        return dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(0, 300))
    return rnd.choice(["查阅台账", "访谈居民 6 人", "现场观察"])


def content(loaded: LoadedRubric, seed: int) -> FormContent:
    rubric, rnd = loaded.rubric, random.Random(seed)
    red_line = ("falsified", "concealed", "misused")
    values = {k: _value(f, rnd) for k, f in rubric.evidence_fields.items() if not k.endswith(red_line)}
    values |= {k: False for k in rubric.evidence_fields if k.endswith(red_line)}
    ratings = {i.id: {r: rnd.randint(1, 4) for r in i.raters} for i in rubric.indicators if i.raters}
    columns = rubric.ladder.roster_columns
    roster = [{c.id: (f"自组织{seed}-{n}" if c.id == columns[0].id else _value(c, rnd)) for c in columns}
              for n in range(rnd.randint(2, 12))]
    project = {"name": f"基准测试项目{seed}（虚构）", "code": CODE, "round": "2025-基准测试", "evaluation_type": "final",
               "organization": "基准测试社工中心（虚构）"}
    return FormContent(project=project, values=values, ratings=ratings, roster=roster)


def with_code(xlsx: bytes, code: str) -> bytes:
    """The same workbook with the placeholder project code replaced wherever the cell text is stored."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("xl/") and info.filename.endswith(".xml"):
                data = data.replace(CODE.encode(), code.encode())
            dst.writestr(info, data)
    return out.getvalue()


_INLINE = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*?) t="inlineStr"><is>(<t[^>]*>.*?</t>)</is></c>', re.S)
_SHARED_STRINGS = ("xl/sharedStrings.xml", "/xl/sharedStrings.xml",
                   "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
                   "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings")


def with_shared_strings(xlsx: bytes) -> bytes:
    """The same workbook with its text in one shared-strings table, as Excel and WPS save a form (the
    template writes each text into its cell): smaller sheets, a table that differs from form to form."""
    strings: dict[bytes, int] = {}

    def shared(cell: re.Match[bytes]) -> bytes:
        return b'<c r="%s"%s t="s"><v>%d</v></c>' % (cell[1], cell[2], strings.setdefault(cell[3], len(strings)))

    part, override, content_type, relation = _SHARED_STRINGS
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src:
        bodies = {info.filename: src.read(info) for info in src.infolist()}
    for name in [n for n in bodies if n.startswith("xl/worksheets/")]:
        bodies[name] = _INLINE.sub(shared, bodies[name])
    bodies[part] = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">'
                    % (len(strings), len(strings)) + b"".join(b"<si>%s</si>" % text for text in strings) + b"</sst>")
    bodies["[Content_Types].xml"] = bodies["[Content_Types].xml"].replace(
        b"</Types>", f'<Override PartName="{override}" ContentType="{content_type}"/></Types>'.encode())
    bodies["xl/_rels/workbook.xml.rels"] = bodies["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        f'<Relationship Id="rIdStrings" Type="{relation}" Target="sharedStrings.xml"/></Relationships>'.encode())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, body in bodies.items():
            dst.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def write_forms(loaded: LoadedRubric, folder: Path, n: int, distinct: int = 8, shared_strings: bool = False) -> list[Path]:
    """N filled forms as the template writes them, or (`shared_strings`) as Excel and WPS save them."""
    folder.mkdir(parents=True, exist_ok=True)
    bases = [form_bytes(loaded, content(loaded, seed)) for seed in range(min(n, distinct))]
    paths = []
    for i in range(n):
        path = folder / f"form-{i:05d}.xlsx"
        form = with_code(bases[i % len(bases)], f"BENCH-{i:06d}")
        path.write_bytes(with_shared_strings(form) if shared_strings else form)
        paths.append(path)
    return paths
