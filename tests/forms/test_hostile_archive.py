"""Hostile workbooks (issue 10): far cells however they are spelled, the strict namespace, damaged zip
layers and unknown error values. Each read runs in a forked child, so an abort is seen, not suffered."""

from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest

from evaluator.forms.archive import inspect
from evaluator.forms.reader import read_form
from tests.forms.conftest import build, located, patch, start_tag
from tests.isolate import isolated

SHEET = "xl/worksheets/sheet1.xml"   # the cover
END = b"</sheetData>"
FAR = {
    "plain": b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>',
    "a newline inside the tag": b'<row r="1048576"><c\nr="XFD1048576"><v>1</v></c></row>',
    "a tab inside the tag": b'<row r="1048576"><c\tr="XFD1048576"\t><v>1</v></c></row>',
    "single quotes": b"<row r='1048576'><c r='XFD1048576'><v>1</v></c></row>",
    "a lowercase reference": b'<row r="1048576"><c r="xfd1048576"><v>1</v></c></row>',
    "a namespace prefix": (b'<x:row xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" r="1048576">'
                           b'<x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'),
    "a cell without r in a far row": b'<row r="1048576"><c><v>1</v></c></row>',
    "cells without r far to the right": b'<row r="40">' + b"<c><v>1</v></c>" * 20_000 + b"</row>",
    "a second r attribute": b'<row r="40"><c r="A40" r="XFD1048576"><v>1</v></c></row>',
    "a second r after a tab": b'<row r="40"><c r="A40" s="1"\tr ="XFD1048576"><v>1</v></c></row>',
    "a second r glued to a value": b'<row r="40"><c r="A40" t="n"r="XFD1048576"><v>1</v></c></row>',
    "a character reference": b'<row r="40"><c r="&#88;FD1048576"><v>1</v></c></row>',
    "a reference past the sheet": b'<row r="40"><c r="ZZZZ99999999"><v>1</v></c></row>',
}


def _read(data: bytes, tmp_path, mini_loaded) -> tuple[list[str], list[str]]:
    """(codes, rendered problems) of reading `data` as a form, in a child process."""
    path = tmp_path / "form.xlsx"
    path.write_bytes(data)

    def read():
        reading = read_form(path, mini_loaded)
        return [p.code for p in reading.problems], [p.render("en") for p in reading.problems]

    outcome = isolated(read, timeout=20)
    assert outcome.ok, (outcome.kind, outcome.detail)
    return outcome.value


@pytest.mark.parametrize("spelling", FAR)
def test_a_far_cell_is_refused_however_it_is_spelled(good_bytes, tmp_path, mini_loaded, spelling):
    codes, said = _read(patch(good_bytes, SHEET, END, FAR[spelling] + END), tmp_path, mini_loaded)
    assert codes in (["F004"], ["F003"]), said
    assert "封面" in said[0] or "sheet1" in said[0]  # the sheet is named


def test_a_far_dimension_is_refused(good_bytes, tmp_path, mini_loaded):
    dimension = re.search(rb'<dimension ref="[^"]*"', _part(good_bytes, SHEET))[0]
    data = patch(good_bytes, SHEET, dimension, b'<dimension ref="A1:XFD1048576"')
    codes, said = _read(data, tmp_path, mini_loaded)
    assert codes == ["F004"], said


def _part(data: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)



def _rezip(data: bytes, change) -> bytes:
    """Every entry rewritten by `change(name, body)`."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, change(info.filename, source.read(info.filename)))
    return out.getvalue()


STRICT = {b"http://schemas.openxmlformats.org/spreadsheetml/2006/main": b"http://purl.oclc.org/ooxml/spreadsheetml/main",
          b"http://schemas.openxmlformats.org/officeDocument/2006/relationships":
          b"http://purl.oclc.org/ooxml/officeDocument/relationships"}


def _strict(name: str, body: bytes) -> bytes:
    for old, new in STRICT.items():
        body = body.replace(old, new)
    return body


def test_a_strict_namespace_workbook_is_scanned_too(good_bytes, tmp_path, mini_loaded):
    far = _rezip(patch(good_bytes, SHEET, END, FAR["plain"] + END), _strict)
    codes, said = _read(far, tmp_path, mini_loaded)
    assert codes == ["F004"] and "封面" in said[0], said


def test_a_strict_namespace_workbook_names_its_sheets(mini_loaded, tmp_path):
    """Marks (here an error value) are keyed by sheet name, found through the strict relationships."""
    data = build(mini_loaded, cells={"project:budget": None})
    cell = re.search(rb'<c r="B14"[^>]*?(?:/>|></c>)', _part(data, SHEET))[0]
    error = start_tag(cell.replace(b't="n"', b't="e"')) + b"><v>#SPILL!</v></c>"
    package = inspect(_write(tmp_path, _rezip(patch(data, SHEET, cell, error), _strict)))
    assert package.marks == {"封面": {"B14": "#SPILL!"}}


def _write(tmp_path, data: bytes):
    path = tmp_path / "form.xlsx"
    path.write_bytes(data)
    return path


def _raw_headers(data: bytes, name: str, *, flags: int | None = None, method: int | None = None) -> bytes:
    """`data` with the local and central headers of entry `name` given other flags or method."""
    out = bytearray(data)
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(name)
    for offset, flag_at, method_at in ((info.header_offset, 6, 8), (_central(data, name), 8, 10)):
        if flags is not None:
            struct.pack_into("<H", out, offset + flag_at, flags)
        if method is not None:
            struct.pack_into("<H", out, offset + method_at, method)
    return bytes(out)


def _central(data: bytes, name: str) -> int:
    """Where the central directory header of entry `name` starts."""
    at = 0
    while True:
        at = data.index(b"PK\x01\x02", at)
        length = struct.unpack_from("<H", data, at + 28)[0]
        if data[at + 46:at + 46 + length] == name.encode():
            return at
        at += 4


@pytest.mark.parametrize("damage, code", [
    ("a deflate stream of noise", "F003"),
    ("an unsupported compression method", "F003"),
    ("an encrypted entry", "F005"),
])
def test_damaged_zip_layers_are_located_problems(good_bytes, tmp_path, mini_loaded, damage, code):
    info = zipfile.ZipFile(io.BytesIO(good_bytes)).getinfo(SHEET)
    if damage == "a deflate stream of noise":
        start = info.header_offset + 30 + len(info.filename) + len(info.extra)
        noise = bytes((i * 151 + 7) % 256 for i in range(info.compress_size))
        data = good_bytes[:start] + noise + good_bytes[start + info.compress_size:]
    elif damage == "an unsupported compression method":
        data = _raw_headers(good_bytes, SHEET, method=6)  # implode
    else:
        data = _raw_headers(good_bytes, SHEET, flags=info.flag_bits | 0x1)
    codes, said = _read(data, tmp_path, mini_loaded)
    assert codes == [code], said


@pytest.mark.parametrize("error", ["#SPILL!", "#CALC!", "#BLOCKED!", "#DIV/0!", "#N/A"])
def test_any_error_value_is_a_problem_at_its_cell(mini_loaded, tmp_path, error):
    data = build(mini_loaded, cells={"value:m_done": None})
    sheet = _part(data, "xl/worksheets/sheet3.xml")
    cell = re.search(rb'<c r="C23"[^>]*?(?:/>|></c>)', sheet)[0]
    error_cell = start_tag(cell.replace(b't="n"', b't="e"')) + b"><f>A1#</f><v>" + error.encode() + b"</v></c>"
    reading = read_form(_write(tmp_path, patch(data, "xl/worksheets/sheet3.xml", cell, error_cell)), mini_loaded)
    assert located(reading) == {("F028", "D1 执行!C23"), ("F034", "D1 执行!C23")}
    assert error in next(p for p in reading.problems if p.code == "F028").message()
    assert reading.evidence is not None  # the rest of the form was read


def test_an_error_value_in_an_odd_spelling_is_still_located(mini_loaded, tmp_path):
    """A sheet that takes the parsed path (a tab in a tag) gets the same marks and emptied cells."""
    data = build(mini_loaded, cells={"value:m_done": None})
    sheet = _part(data, "xl/worksheets/sheet3.xml")
    cell = re.search(rb'<c r="C23"[^>]*?(?:/>|></c>)', sheet)[0]
    error_cell = b"<c\tr='C23' t='e'><v>#SPILL!</v></c>"
    reading = read_form(_write(tmp_path, patch(data, "xl/worksheets/sheet3.xml", cell, error_cell)), mini_loaded)
    assert located(reading) == {("F028", "D1 执行!C23"), ("F034", "D1 执行!C23")}


def test_a_sheet_calamine_cannot_parse_is_located_at_the_sheet(mini_loaded, tmp_path):
    data = build(mini_loaded, cells={"value:m_done": None})
    sheet = _part(data, "xl/worksheets/sheet3.xml")
    cell = re.search(rb'<c r="C23"[^>]*?(?:/>|></c>)', sheet)[0]
    broken = start_tag(cell.replace(b't="n"', b't="x"')) + b"><v>1</v></c>"  # a cell type calamine refuses
    reading = read_form(_write(tmp_path, patch(data, "xl/worksheets/sheet3.xml", cell, broken)), mini_loaded)
    assert [(p.code, p.location.sheet) for p in reading.problems] == [("F003", "D1 执行")]
