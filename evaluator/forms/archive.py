"""A look inside an .xlsx before any parser touches it.

Says what a wrong file is (old .xls, password-protected, Word, CSV, truncated zip, a folder, a device),
refuses zip and XML bombs (a size limit before reading, entry and ratio limits, no DTDs, and every
sheet's extent checked by `sheet_xml` so calamine is never handed a sheet that makes it abort), and
turns every failure of the zip layer (damaged deflate streams, unsupported compression, encrypted
entries) into a `FileProblem`. Every part that could be read as a sheet is scanned, whatever the
workbook says its sheets are: calamine finds cells by local name in any part it is pointed at.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from evaluator.i18n import both
from evaluator.forms.sheet_xml import Damaged, SheetScan, Unsafe, scan_sheet
from evaluator.inputs import InputError, read_regular

MAX_FILE = 50 * 2**20
MAX_UNPACKED = 200 * 2**20
MAX_RATIO = 200          # compression ratio above which a large entry counts as a bomb
MAX_ENTRIES = 5000
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what calamine's zip reader is built with
_SHEET_MARKERS = (b"sheetData", "sheetData".encode("utf-16-le"), "sheetData".encode("utf-16-be"))
_ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
               ValueError, KeyError, OSError)


class FileProblem(Exception):
    """The file (or one sheet of it, `sheet`) cannot be read as a form; `code` and `params` make the Problem."""

    def __init__(self, code: str, sheet: str | None = None, **params):
        super().__init__(code)
        self.code, self.sheet, self.params = code, sheet, params


@dataclass
class Package:
    sha256: str                                                # of the file as given
    data: bytes                                                # what calamine reads (error cells emptied)
    marks: dict[str, dict[str, str]] = field(default_factory=dict)  # sheet → cell → "formula" or "#DIV/0!"


def inspect(path: Path) -> Package:
    """The file's bytes, hash and marked cells; FileProblem when it is not a readable, safe workbook."""
    data = _read(path)
    _sniff(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_entries(archive)
        parts = _parts(archive)
        names = _sheet_names(parts)
        scans = {name: _scan(names.get(name, name), body) for name, body in parts.items() if _could_be_sheet(body)}
    except FileProblem:
        raise
    except DefusedXmlException:
        raise FileProblem("F004", detail=both("XML entity or DTD declarations")) from None
    except (ParseError, *_ZIP_ERRORS) as exc:
        raise FileProblem("F003", detail=f"{type(exc).__name__}: {exc}") from None
    marks = {names.get(part, part): scan.marks for part, scan in scans.items() if scan.marks}
    cleared = {part: scan.cleared for part, scan in scans.items() if scan.cleared is not None}
    return Package(hashlib.sha256(data).hexdigest(), _repacked(archive, parts, cleared) if cleared else data, marks)


def _read(path: Path) -> bytes:
    try:
        return read_regular(path, MAX_FILE)
    except InputError as exc:
        if exc.kind == "missing":
            raise FileProblem("F001", path=str(path)) from None
        code = {"folder": "F002", "special": "F002", "too_large": "F004"}.get(exc.kind, "F003")
        raise FileProblem(code, detail=exc.detail) from None


def _sniff(data: bytes) -> None:
    """Name what the file is when it is not a zip."""
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise FileProblem("F005")
        raise FileProblem("F002", detail=both("old Excel 97-2003 (.xls) format"))
    if not data.strip():
        raise FileProblem("F002", detail=both("the file is empty"))
    if data.startswith(b"%PDF"):
        raise FileProblem("F002", detail=both("a PDF file"))
    if b"\x00" not in data[:4096]:
        raise FileProblem("F002", detail=both("a text file (such as CSV)"))
    raise FileProblem("F002", detail=both("unknown format"))


def _check_entries(archive: zipfile.ZipFile) -> None:
    entries = archive.infolist()
    if len(entries) > MAX_ENTRIES or sum(e.file_size for e in entries) > MAX_UNPACKED:
        raise FileProblem("F004", detail=both("too large when unpacked"))
    if len({e.filename for e in entries}) != len(entries):
        raise FileProblem("F004", detail=both("the zip holds two entries of the same name"))
    for e in entries:
        if e.flag_bits & 0x1:
            raise FileProblem("F005")
        if e.compress_type not in _METHODS:
            raise FileProblem("F003", detail=both("{name} uses the unsupported compression method {method}",
                                                     name=e.filename, method=e.compress_type))
        if e.file_size > 2**20 and e.file_size > MAX_RATIO * max(e.compress_size, 1):
            raise FileProblem("F004", detail=both("{name} is compressed suspiciously well", name=e.filename))


def _parts(archive: zipfile.ZipFile) -> dict[str, bytes]:
    """Every entry's bytes; a part that declares a DTD (a possible entity-expansion bomb) is refused."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        kind = (both("a Word document") if "word/document.xml" in names else
                both("an OpenDocument spreadsheet (.ods)") if "content.xml" in names else
                both("a zip archive, but not an Excel workbook"))
        raise FileProblem("F002", detail=kind)
    parts = {}
    for info in archive.infolist():
        body = archive.read(info)
        if b"<!DOCTYPE" in body or b"<!ENTITY" in body:  # as text they would be written &lt;!…
            raise FileProblem("F004", detail=both("{name} declares a DTD", name=info.filename))
        parts[info.filename] = body
    return parts


def _could_be_sheet(body: bytes) -> bool:
    return any(marker in body for marker in _SHEET_MARKERS)


def _scan(name: str, body: bytes) -> SheetScan:
    try:
        return scan_sheet(body)
    except Unsafe as exc:
        raise FileProblem("F004", sheet=name, detail=both('sheet "{name}" spans {rows} rows × {columns} columns', name=name,
                                                             rows=exc.rows, columns=exc.columns)) from None
    except Damaged as exc:
        raise FileProblem("F003", sheet=name, detail=f"{name}: {exc}") from None


def _sheet_names(parts: dict[str, bytes]) -> dict[str, str]:
    """Zip entry → sheet name, as the workbook and its relationships say (local names, so both the
    transitional and the strict namespaces work); entries it does not name keep their own name."""
    workbook = safe_xml.fromstring(parts["xl/workbook.xml"], forbid_dtd=True)
    rels_part = parts.get("xl/_rels/workbook.xml.rels")
    rels = safe_xml.fromstring(rels_part, forbid_dtd=True) if rels_part is not None else None
    targets = {r.get("Id"): r.get("Target", "") for r in (rels.iter() if rels is not None else []) if _local(r.tag) == "Relationship"}
    lower = {name.lower(): name for name in parts}
    names = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel_id, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part.lower() in lower:
            names[lower[part.lower()]] = sheet.get("name", "")
    return names


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _repacked(archive: zipfile.ZipFile, parts: dict[str, bytes], cleared: dict[str, bytes]) -> bytes:
    """The workbook again with the emptied sheets (stored, not compressed: it is only read once, in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in archive.infolist():
            target.writestr(info.filename, cleared.get(info.filename, parts[info.filename]))
    return out.getvalue()
