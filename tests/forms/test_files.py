"""Files that are not forms at all: each gets one located, human problem, never a traceback or a hang."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from evaluator.forms.reader import read_form
from tests.forms.conftest import patch


def _zip(entries: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in entries.items():
            z.writestr(name, body)
    return out.getvalue()


@pytest.mark.parametrize("name, data, code, says", [
    ("empty.xlsx", b"", "F002", "空"),
    ("table.xlsx", "项目,预算\n幸福里,120000\n".encode(), "F002", "CSV"),
    ("report.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "F002", "PDF"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000), "F002", ".xls"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(500), "F005", "密码"),
    ("letter.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "F002", "Word"),
    ("noise.xlsx", bytes(range(256)) * 4, "F002", "未知"),
])
def test_wrong_kinds_of_file_are_named(tmp_path, mini_loaded, name, data, code, says):
    (tmp_path / name).write_bytes(data)
    reading = read_form(tmp_path / name, mini_loaded)
    assert [p.code for p in reading.problems] == [code]
    assert says in reading.problems[0].message() and reading.problems[0].location.file.endswith(name)


def test_a_missing_file_and_a_folder(tmp_path, mini_loaded):
    assert [p.code for p in read_form(tmp_path / "nope.xlsx", mini_loaded).problems] == ["F001"]
    assert [p.code for p in read_form(tmp_path, mini_loaded).problems] == ["F002"]


def test_a_truncated_form_is_damaged(good_bytes, read_bytes):
    reading = read_bytes(good_bytes[: len(good_bytes) // 2])
    assert [p.code for p in reading.problems] == ["F003"]


def test_a_form_with_a_flipped_byte_is_damaged(good_bytes, read_bytes):
    info = zipfile.ZipFile(io.BytesIO(good_bytes)).getinfo("xl/worksheets/sheet3.xml")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    broken = good_bytes[:middle] + bytes([good_bytes[middle] ^ 0xFF]) + good_bytes[middle + 1:]
    assert [p.code for p in read_bytes(broken).problems] == ["F003"]


LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
          + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10) for i in range(1, 10))
          + b']><workbook>&lol9;</workbook>')


@pytest.mark.parametrize("bomb", ["entities in the workbook", "entities in a sheet", "entities after a long comment",
                                  "a cell at XFD1048576", "a zip bomb"])
def test_bombs_are_refused_quickly(good_bytes, read_bytes, bomb):
    if bomb == "entities in the workbook":
        data = patch(good_bytes, "xl/workbook.xml", b"<workbook", LAUGHS.split(b"<workbook")[0] + b"<workbook")
    elif bomb == "entities in a sheet":
        data = patch(good_bytes, "xl/worksheets/sheet1.xml", b"<worksheet", LAUGHS.split(b"<workbook")[0] + b"<worksheet")
    elif bomb == "entities after a long comment":
        head = b"<!--" + b" " * 200_000 + b"-->" + LAUGHS.split(b"<workbook")[0].split(b"?>", 1)[1]
        data = patch(good_bytes, "xl/worksheets/sheet1.xml", b"<worksheet", head + b"<worksheet")
    elif bomb == "a cell at XFD1048576":
        data = patch(good_bytes, "xl/worksheets/sheet1.xml", b"</sheetData>",
                     b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row></sheetData>')
    else:
        data = patch(good_bytes, "xl/worksheets/sheet2.xml", b"</worksheet>", b"<!--" + b" " * 30_000_000 + b"--></worksheet>")
    start = time.monotonic()
    reading = read_bytes(data)
    assert [p.code for p in reading.problems] == ["F004"], [p.render("en") for p in reading.problems]
    assert time.monotonic() - start < 5
