"""A look inside an .xlsx before any parser touches it.

Says what a wrong file is (old .xls, password-protected, Word, CSV, truncated zip, a folder, a device),
refuses zip and XML bombs (a size limit before reading, entry and ratio limits, no entry inflated past
its declared size, no DTDs, and every sheet's extent checked by `sheet_xml` so calamine is never handed
a sheet that makes it abort), and
turns every failure of the zip layer (damaged deflate streams, unsupported compression, encrypted
entries) into a `FileProblem`. Every part that could be read as a sheet is scanned, whatever the
workbook says its sheets are: calamine finds cells by local name in any part it is pointed at.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import io
import posixpath
import re
import struct
import threading
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as safe_xml
from defusedxml import DefusedXmlException

from evaluator.forms.sheet_xml import Damaged, SheetScan, Unsafe, scan_sheet
from evaluator.i18n import both
from evaluator.inputs import InputError, read_regular

MAX_FILE = 50 * 2**20
MAX_UNPACKED = 200 * 2**20
MAX_RATIO = 200          # compression ratio above which a large entry counts as a bomb
MAX_ENTRIES = 5000
MAX_CONTEXT = 4 * 2**20  # the parts read with a repeated sheet, kept beside what calamine read of it (`Repeated`)
_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)  # what calamine's zip reader is built with
_DECLARATION = re.compile(rb"<!(?:DOCTYPE|ENTITY)")  # one pass instead of two `in`
_SHEET_MARKERS = (b"sheetData", "sheetData".encode("utf-16-le"), "sheetData".encode("utf-16-be"))
T = TypeVar("T")
_LOCAL = struct.Struct("<4s2B4HL2L2H")  # a zip entry's local header (zipfile.structFileHeader)
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
    # sheets whose exact bytes were scanned before (safe, unmarked; `_meta` of every form from one template),
    # so what calamine made of them can be kept too (`cells.Book`)
    repeated: dict[str, Repeated] = field(default_factory=dict)


class Repeated(NamedTuple):
    """A sheet's part seen before, and what else calamine reads with it: the workbook, its relationships,
    the styles (a number format makes 45352 a date), the shared strings; every part but the other
    worksheets and the document properties. What calamine made of it is the same only if all are."""

    crc: int
    xml: bytes
    context: tuple[tuple[str, bytes], ...]


def inspect(path: Path) -> Package:
    """The file's bytes, hash and marked cells; FileProblem when it is not a readable, safe workbook."""
    data = _read(path)
    _sniff(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        _check_entries(archive)
        unpacked = _unpacked(archive, data)
        parts, scans, seen = unpacked.parts, unpacked.scans, unpacked.seen
        names = _sheet_names(parts)
        if unpacked.failed is not None:
            raise _scan_problem(names.get(unpacked.failed[0], unpacked.failed[0]), unpacked.failed[1])
        crcs = {info.filename: info.CRC for info in archive.infolist()}  # checked against the bytes when read
    except FileProblem:
        raise
    except DefusedXmlException:
        raise FileProblem("F004", detail=both("XML entity or DTD declarations")) from None
    except (ParseError, *_ZIP_ERRORS) as exc:
        raise FileProblem("F003", detail=f"{type(exc).__name__}: {exc}") from None
    marks = {names.get(part, part): scan.marks for part, scan in scans.items() if scan.marks}
    cleared = {part: scan.cleared for part, scan in scans.items() if scan.cleared is not None}
    data_read = _repacked(archive, parts, cleared) if cleared else data
    return Package(hashlib.sha256(data).hexdigest(), data_read, marks, _repeated(names, seen, parts, crcs))


def _repeated(names: dict[str, str], seen: set[str], parts: dict[str, bytes], crcs: dict[str, int]) -> dict[str, Repeated]:
    """The parts seen before, by sheet, for the sheets the workbook names exactly once."""
    counted = collections.Counter(names.values())
    once = [part for part in sorted(seen) if part in names and counted[names[part]] == 1]
    if not once:
        return {}
    context = tuple((name, body) for name, body in sorted(parts.items())
                    if name not in names and not name.startswith("docProps/"))
    if sum(len(body) for _, body in context) > MAX_CONTEXT:  # kept with what calamine read: bounded memory
        return {}
    return {names[part]: Repeated(crcs[part], parts[part], context) for part in once}


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


@dataclass
class _Unpacked:
    parts: dict[str, bytes]                               # every entry's bytes
    scans: dict[str, SheetScan]                           # the parts that could be sheets, scanned
    seen: set[str]                                        # the parts that could be sheets, scanned before
    failed: tuple[str, Unsafe | Damaged] | None = None    # the first part whose scan failed


def _unpacked(archive: zipfile.ZipFile, data: bytes) -> _Unpacked:
    """Every entry's bytes, each part that could be a sheet scanned as soon as it is unpacked (while its
    bytes are still in the processor's cache); a part that declares a DTD (a possible entity-expansion bomb)
    is refused. A failed scan is kept, to be reported by its sheet's name once the workbook is read."""
    names = set(archive.namelist())
    if "xl/workbook.xml" not in names:
        kind = (both("a Word document") if "word/document.xml" in names else
                both("an OpenDocument spreadsheet (.ods)") if "content.xml" in names else
                both("a zip archive, but not an Excel workbook"))
        raise FileProblem("F002", detail=kind)
    found = _Unpacked({}, {}, set())
    view = memoryview(data)
    for info in archive.infolist():
        body = _entry(view, info)
        if _declares_dtd(body):
            raise FileProblem("F004", detail=both("{name} declares a DTD", name=info.filename))
        found.parts[info.filename] = body
        if found.failed is not None or not _could_be_sheet(body):
            continue
        if _plain_before.get(info.CRC, body):
            found.seen.add(info.filename)
            continue
        try:
            found.scans[info.filename] = _scan(body, info.CRC)
        except (Unsafe, Damaged) as exc:
            found.failed = info.filename, exc
    return found


def _entry(data: memoryview, info: zipfile.ZipInfo) -> bytes:
    """One entry's bytes, inflated straight from the file's: what `ZipFile.read` does, with its checks (the
    local header and its name, the CRC-32 of at most the declared size) and its errors, at half the cost
    per entry (every entry is read, and this is the hot path). Never more than the declared size is inflated."""
    at = info.header_offset
    if not 0 <= at <= len(data) - _LOCAL.size:
        raise zipfile.BadZipFile("Truncated file header")
    magic, _, _, flags, _, _, _, _, _, _, name_length, extra_length = _LOCAL.unpack_from(data, at)
    if magic != b"PK\x03\x04":
        raise zipfile.BadZipFile("Bad magic number for file header")
    name = bytes(data[at + _LOCAL.size:at + _LOCAL.size + name_length])
    if name.decode("utf-8" if flags & 0x800 else "cp437", "replace") != info.orig_filename:
        raise zipfile.BadZipFile(f"File name in directory {info.orig_filename!r} and header {name!r} differ.")
    if info.flag_bits & 0x60:
        raise NotImplementedError("compressed patched data or strong encryption (flag bit 5 or 6)")
    if info.flag_bits & 0x1:  # refused before as F005 (`_check_entries`); here as zipfile would
        raise RuntimeError(f"File {info.filename!r} is encrypted, password required for extraction")
    if info.compress_type not in _METHODS:
        raise NotImplementedError("That compression method is not supported")
    start = at + _LOCAL.size + name_length + extra_length
    packed = data[start:start + info.compress_size]  # what there is of it: a short one fails the CRC below
    if info.compress_size and not packed:
        raise EOFError
    if info.compress_type == zipfile.ZIP_STORED:
        body = bytes(packed[:info.file_size])
    else:
        # at most the declared size (zipfile inflates up to 2 GiB and then cuts; 0 would mean no limit)
        body = zlib.decompressobj(-15).decompress(packed, info.file_size or 1)[:info.file_size]
    if zlib.crc32(body) != info.CRC:
        raise zipfile.BadZipFile(f"Bad CRC-32 for file {info.filename!r}")
    return body


def _declares_dtd(body: bytes) -> bool:
    """Whether the part holds `<!DOCTYPE` or `<!ENTITY` (as text they would be written &lt;!…). Each `!` is
    looked at (found by memchr, and XML has few); past the first 64, the rest is searched by the pattern."""
    at = body.find(b"!")
    for _ in range(64):
        if at == -1:
            return False
        if body[at - 1:at] == b"<" and body.startswith((b"DOCTYPE", b"ENTITY"), at + 1):
            return True
        at = body.find(b"!", at + 1)
    return _DECLARATION.search(body, max(at - 1, 0)) is not None


def _could_be_sheet(body: bytes) -> bool:
    """Whether the part holds `sheetData`, in UTF-8 or UTF-16 (which spells ASCII with NUL bytes: a part
    without any is not searched for it twice more)."""
    return _SHEET_MARKERS[0] in body or (b"\x00" in body and any(marker in body for marker in _SHEET_MARKERS[1:]))


def _scan(body: bytes, crc: int) -> SheetScan:
    """The sheet's scan; a safe, unmarked one is kept in `_plain_before` (`inspect` does not scan it again)."""
    scan = scan_sheet(body)
    if not scan.marks and scan.cleared is None:
        _plain_before.keep(crc, body, True)
    return scan


def _scan_problem(name: str, exc: Unsafe | Damaged) -> FileProblem:
    if isinstance(exc, Unsafe):
        return FileProblem("F004", sheet=name, detail=both('sheet "{name}" spans {rows} rows × {columns} columns', name=name,
                                                          rows=exc.rows, columns=exc.columns))
    return FileProblem("F003", sheet=name, detail=f"{name}: {exc}")


class KeptByBytes(Generic[T]):
    """Values kept by the exact bytes they were made from, the least recently asked for let go first: the
    zip's CRC-32 finds the candidate, the bytes decide (an entry may claim any CRC). The parts every form of
    a template shares (`_meta`, `_lists`, the guide) are then scanned, and `_meta` read, once per process,
    not once per form."""

    def __init__(self, size: int = 32, largest: int = 2**18):
        self.size, self.largest = size, largest
        self._kept: dict[tuple[int, int], tuple[bytes, T]] = {}
        self._lock = threading.Lock()

    def get(self, crc: int, body: bytes) -> T | None:
        """The value kept for these bytes, now the last to be let go (the parts every form shares stay,
        while the sheets each form has alone come and go)."""
        key = (crc, len(body))
        kept = self._kept.get(key)
        if kept is None or kept[0] != body:
            return None
        with self._lock:
            if self._kept.get(key) is kept:
                self._kept[key] = self._kept.pop(key)
        return kept[1]

    def keep(self, crc: int, body: bytes, value: T) -> None:
        if len(body) > self.largest:
            return
        with self._lock:
            if len(self._kept) >= self.size:
                self._kept.pop(next(iter(self._kept)))
            self._kept[(crc, len(body))] = body, value


_plain_before: KeptByBytes[bool] = KeptByBytes()  # sheets scanned before, found safe and unmarked


def _sheet_names(parts: dict[str, bytes]) -> dict[str, str]:
    """Zip entry → sheet name, as the workbook and its relationships say (local names, so both the
    transitional and the strict namespaces work); entries it does not name keep their own name."""
    workbook, rels = parts["xl/workbook.xml"], parts.get("xl/_rels/workbook.xml.rels")
    if len(workbook) + len(rels or b"") > 2**16:  # not kept: unusual, and a key that size would hold memory
        return dict(_names_of.__wrapped__(workbook, rels, tuple(parts)))
    return dict(_names_of(workbook, rels, tuple(parts)))


@functools.lru_cache(maxsize=16)
def _names_of(workbook_part: bytes, rels_part: bytes | None, entries: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """`_sheet_names` of these exact bytes and entries (forms made from one template share them)."""
    workbook = safe_xml.fromstring(workbook_part, forbid_dtd=True)
    rels = safe_xml.fromstring(rels_part, forbid_dtd=True) if rels_part is not None else None
    relations = rels.iter() if rels is not None else []
    targets = {r.get("Id"): r.get("Target", "") for r in relations if _local(r.tag) == "Relationship"}
    lower = {name.lower(): name for name in entries}
    names = {}
    for sheet in workbook.iter():
        if _local(sheet.tag) != "sheet":
            continue
        rel_id = next((v for k, v in sheet.attrib.items() if _local(k) == "id"), None)
        target = targets.get(rel_id, "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(f"xl/{target}")
        if part.lower() in lower:
            names[lower[part.lower()]] = sheet.get("name", "")
    return tuple(names.items())


def _local(tag: str) -> str:
    return tag.rpartition("}")[2].rpartition(":")[2]


def _repacked(archive: zipfile.ZipFile, parts: dict[str, bytes], cleared: dict[str, bytes]) -> bytes:
    """The workbook again with the emptied sheets (stored, not compressed: it is only read once, in memory)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in archive.infolist():
            target.writestr(info.filename, cleared.get(info.filename, parts[info.filename]))
    return out.getvalue()
