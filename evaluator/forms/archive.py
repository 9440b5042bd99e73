"""A look inside an .xlsx before any parser touches it.

Says what a wrong file is (old .xls, password-protected, Word, CSV, truncated zip), refuses zip and
XML bombs (defusedxml for the workbook XML, size and extent limits for the rest: calamine allocates
every cell between A1 and the farthest one, so a single cell at XFD1048576 would exhaust memory), and
notes the cells calamine reads as blank although they are not: formulas without a saved result and
error values like #DIV/0!.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException
from openpyxl.utils import column_index_from_string

MAX_FILE = 50 * 2**20
MAX_UNPACKED = 200 * 2**20
MAX_RATIO = 200          # compression ratio above which a large entry counts as a bomb
MAX_ENTRIES = 5000
MAX_ROWS, MAX_COLUMNS, MAX_CELLS = 100_000, 1000, 3_000_000
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL = re.compile(rb'<c\b[^>]*?\sr="([A-Z]+)(\d+)"')
_FAR = re.compile(rb'<c r="(?:[A-Z]{3}|[D-Z][A-Z]|[A-Z]{1,2}\d{5})')  # beyond CZ9999: worth counting
_VALUE = re.compile(rb"<v>([^<]+)</v>")
_ROOT = re.compile(rb"<[A-Za-z_]")
_FORMULA_OR_ERROR = re.compile(rb'<f[ >/]|\st="e"')


def _t(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


class FileProblem(Exception):
    """The file cannot be read as a form at all; `code` and `params` make the Problem."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass
class Package:
    sha256: str
    data: bytes
    marks: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet → cell → "formula" or "#DIV/0!"


def inspect(path: Path) -> Package:
    """The file's bytes, hash and marked cells; FileProblem when it is not a readable, safe workbook."""
    data = _read(path)
    _sniff(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_sizes(archive)
        _refuse_dtds(archive)
        parts = _sheet_parts(archive)
        marks = {name: _scan_sheet(name, archive.read(part)) for name, part in parts.items()}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ParseError, KeyError, ValueError) as exc:
        raise FileProblem("F003", detail=f"{type(exc).__name__}: {exc}") from None
    except DefusedXmlException:
        raise FileProblem("F004", detail=_t("XML 中有实体或文档类型声明", "XML entity or DTD declarations")) from None
    return Package(hashlib.sha256(data).hexdigest(), data, marks)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE:
            raise FileProblem("F004", detail=_t(f"文件超过 {MAX_FILE >> 20} MB", f"larger than {MAX_FILE >> 20} MB"))
        return path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):
        raise FileProblem("F001", path=str(path)) from None
    except IsADirectoryError:
        raise FileProblem("F002", detail=_t("这是一个文件夹", "it is a folder")) from None
    except OSError as exc:
        raise FileProblem("F003", detail=exc.strerror or str(exc)) from None


def _sniff(data: bytes) -> None:
    """Name what the file is when it is not a zip."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileProblem("F005")
        raise FileProblem("F002", detail=_t("旧版 Excel 97-2003（.xls）格式", "old Excel 97-2003 (.xls) format"))
    if not data.strip():
        raise FileProblem("F002", detail=_t("文件是空的", "the file is empty"))
    if data.startswith(b"%PDF"):
        raise FileProblem("F002", detail=_t("PDF 文件", "a PDF file"))
    if b"\x00" not in data[:4096]:
        raise FileProblem("F002", detail=_t("文本文件（如 CSV）", "a text file (such as CSV)"))
    raise FileProblem("F002", detail=_t("未知格式", "unknown format"))


def _check_sizes(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise FileProblem("F004", detail=_t("解压后过大", "too large when unpacked"))
    for e in entries:
        if e.file_size > 2**20 and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise FileProblem("F004", detail=_t(f"{e.filename} 压缩比异常", f"{e.filename} is compressed suspiciously well"))


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip entry of its XML, read with defusedxml."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        kind = (_t("Word 文档", "a Word document") if "word/document.xml" in names else
                _t("OpenDocument 表格（.ods）", "an OpenDocument spreadsheet (.ods)") if "content.xml" in names else
                _t("压缩包，但不是 Excel 工作簿", "a zip archive, but not an Excel workbook"))
        raise FileProblem("F002", detail=kind)
    workbook = safe_xml.fromstring(archive.read("xl/workbook.xml"), forbid_dtd=True)
    rels = safe_xml.fromstring(archive.read("xl/_rels/workbook.xml.rels"), forbid_dtd=True)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part in names:
            parts[sheet.get("name", "")] = part
    return parts


def _refuse_dtds(archive: zipfile.ZipFile) -> None:
    """No part of a real workbook declares a DTD; one that does may be an entity-expansion bomb.
    A DTD can only come before the root element, so each part is read up to that point."""
    for name in archive.namelist():
        if name.endswith((".xml", ".rels", ".vml")):
            prolog = _prolog(archive, name)
            if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                raise FileProblem("F004", detail=_t(f"{name} 含有文档类型声明", f"{name} declares a DTD"))


def _prolog(archive: zipfile.ZipFile, name: str) -> bytes:
    """What comes before the root element (usually a few dozen bytes)."""
    buffer = b""
    with archive.open(name) as part:
        while chunk := part.read(65536):
            buffer += chunk
            root = _ROOT.search(buffer)
            if root:
                return buffer[:root.start()]
    return buffer


def _scan_sheet(name: str, xml: bytes) -> dict[str, str]:
    _check_extent(name, xml)
    marks: dict[str, str] = {}
    if not any(needle in xml for needle in (b"<f>", b"<f ", b"<f/>", b't="e"')):
        return marks
    for hit in _FORMULA_OR_ERROR.finditer(xml):
        cell = _enclosing_cell(xml, hit.start())
        ref = _CELL.match(cell) if cell else None
        if ref is None:
            continue
        head, value = cell.split(b">", 1)[0], _VALUE.search(cell)
        if b't="e"' in head:
            marks[(ref[1] + ref[2]).decode()] = value[1].decode("utf-8", "replace") if value else "#N/A"
        elif value is None and b't="str"' not in head:  # a formula whose result was never saved
            marks[(ref[1] + ref[2]).decode()] = "formula"
    return marks


def _enclosing_cell(xml: bytes, at: int) -> bytes | None:
    """The `<c …>…</c>` element around position `at`, or None when `at` is not inside one."""
    start = xml.rfind(b"<c ", 0, at)
    if start == -1 or xml.find(b"</c>", start, at) != -1 or xml[xml.find(b">", start) - 1] == ord("/"):
        return None
    return xml[start:xml.find(b"</c>", at)]


def _check_extent(name: str, xml: bytes) -> None:
    """Bound the grid calamine will allocate. A form's cells are all numbered and near A1, which one
    search confirms; anything else gets the precise count of the farthest row and column."""
    cells = xml.count(b"<c ") + xml.count(b"<c>") + xml.count(b"<c/>")
    if cells == xml.count(b'<c r="') and not _FAR.search(xml):
        return
    rows, columns = _extent(xml, cells)
    if rows > MAX_ROWS or columns > MAX_COLUMNS or rows * columns > MAX_CELLS:
        raise FileProblem("F004", detail=_t(f"工作表“{name}”的数据范围过大：{rows} 行 × {columns} 列",
                                            f"sheet \"{name}\" spans {rows} rows × {columns} columns"))


def _extent(xml: bytes, cells: int) -> tuple[int, int]:
    """The farthest row and column; cells without a reference take the next column, so assume the worst."""
    refs = _CELL.findall(xml)
    rows, columns = 0, 0
    if refs:
        letters, numbers = (set(part) for part in zip(*refs))
        rows = max(map(int, numbers))
        longest = max(map(len, letters))
        widest = max(c for c in letters if len(c) == longest)
        columns = column_index_from_string(widest.decode()) if longest <= 3 else MAX_COLUMNS + 1
    if cells > len(refs):
        columns, rows = max(columns, cells), max(rows, xml.count(b"<row"))
    return rows, columns
