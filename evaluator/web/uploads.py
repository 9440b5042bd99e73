"""Uploaded files before any parser sees them: the size limit, what the bytes are, and safe unpacking of
a zip (entry count, unpacked size, compression ratio, names that would leave the folder, links).

Nothing here ever uses a name from the upload as a path: entries come back as (name, bytes) pairs,
and a caller that must write files (a rubric folder for `load_rubric`) writes them under a temporary
folder of its own after `safe_member` has vetted the name.
"""

from __future__ import annotations

import io
import posixpath
import stat
import unicodedata
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile

from evaluator.i18n import both
from evaluator.forms.archive import MAX_ENTRIES, MAX_FILE, MAX_RATIO, MAX_UNPACKED
from evaluator.problems import Location, Problem

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")


class UploadRefused(Exception):
    def __init__(self, *problems: Problem):
        super().__init__(problems[0].code)
        self.problems = list(problems)


@dataclass(frozen=True)
class Upload:
    name: str          # shown to people, never used as a path
    data: bytes


def shown_name(raw: str | None) -> str:
    """The uploaded file's own name (no folders), printable, at most 200 characters."""
    base = posixpath.basename((raw or "").replace("\\", "/"))
    clean = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip()
    return clean[:200] or "upload"


def read_upload(file: UploadedFile, limit: int = MAX_FILE) -> Upload:
    """The upload's bytes, refused unread past `limit`."""
    name = shown_name(file.name)
    if file.size is not None and file.size > limit:
        raise UploadRefused(_too_large(name, file.size, limit))
    data = file.read(limit + 1)
    if len(data) > limit:
        raise UploadRefused(_too_large(name, len(data), limit))
    return Upload(name, data)


def _too_large(name: str, size: int, limit: int) -> Problem:
    return Problem(code="W005", location=Location(file=name),
                   params={"size": round(size / 2**20, 1), "limit": limit >> 20})


def is_zip(data: bytes) -> bool:
    return data.startswith(ZIP_MAGIC)


def is_workbook(data: bytes) -> bool:
    """A zip holding xl/workbook.xml (the form reader names every other kind of file precisely)."""
    if not is_zip(data):
        return False
    try:
        return "xl/workbook.xml" in zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError, EOFError):
        return False


def safe_member(name: str) -> str | None:
    """The entry's name as a relative POSIX path inside the archive, or None when it would leave it."""
    if not name or "\x00" in name or name.startswith(("/", "\\")) or ":" in name.split("/")[0]:
        return None
    normal = posixpath.normpath(name.replace("\\", "/"))
    if normal.startswith(("../", "/")) or normal == "..":
        return None
    return normal


def unpack(upload: Upload, max_entries: int = MAX_ENTRIES, max_total: int = MAX_UNPACKED) -> list[Upload]:
    """The files of a zip (folders, links and Mac/Office litter skipped); UploadRefused on anything unsafe."""
    where = Location(file=upload.name)
    try:
        archive = zipfile.ZipFile(io.BytesIO(upload.data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as exc:
        raise UploadRefused(Problem(code="F003", location=where, params={"detail": f"{type(exc).__name__}: {exc}"})) from None
    if len(entries) > max_entries or sum(e.file_size for e in entries) > max_total:
        raise UploadRefused(Problem(code="F004", location=where,
                                    params={"detail": both("too large when unpacked")}))
    files: list[Upload] = []
    for entry in entries:
        if entry.is_dir() or _litter(entry.filename):
            continue
        member = safe_member(entry.filename)
        if member is None or stat.S_ISLNK(entry.external_attr >> 16):
            raise UploadRefused(_unsafe(upload.name, entry.filename, both("a path leaving the archive, or a link")))
        if entry.file_size > 2**20 and entry.file_size > MAX_RATIO * max(entry.compress_size, 1):
            raise UploadRefused(_unsafe(upload.name, entry.filename, both("compressed suspiciously well")))
        try:
            data = archive.read(entry)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, EOFError, ValueError) as exc:
            raise UploadRefused(_unsafe(upload.name, entry.filename, f"{type(exc).__name__}: {exc}")) from None
        files.append(Upload(member, data))
    return files


def _litter(name: str) -> bool:
    base = posixpath.basename(name)
    return name.startswith("__MACOSX/") or base.startswith(("~$", "._")) or base in (".DS_Store", "Thumbs.db")


def _unsafe(archive: str, entry: str, detail) -> Problem:
    return Problem(code="W002", location=Location(file=archive), params={"entry": shown_name(entry), "detail": detail})
