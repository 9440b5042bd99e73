"""Writing output files without ever losing a user's file.

A file that already holds exactly these bytes is left alone (a rerun is a no-op). Otherwise the bytes
go to a temporary file beside the target first, which then takes the target's name in one step: a hard
link, which fails if the name exists meanwhile (two runs at once never overwrite each other), or with
`force` a rename over the old file. A reader never sees half a file. Every failure (a read-only folder,
a file where a folder is needed, a folder where the file should go, a name too long) is an
`OutputError` naming the path and the reason in both languages.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path
from typing import Literal

from evaluator.i18n import both, LANGS, N_
from evaluator.inputs import InputError, read_regular

Written = Literal["written", "unchanged", "exists"]
NAME_BYTES = 150  # a file name stem, in UTF-8 bytes: room for a suffix and a temporary prefix under 255
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK, errno.ENOSYS}
_REASONS: dict[int, str] = {
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EROFS: N_("the location is read-only"),
    errno.ENOSPC: N_("the disk is full"),
    errno.EDQUOT: N_("the disk quota is exceeded"),
    errno.ENAMETOOLONG: N_("the file name is too long"),
    errno.EISDIR: N_("a folder of that name is in the way"),
    errno.ENOTDIR: N_("part of the path is a file, not a folder"),
    errno.EEXIST: N_("part of the path is a file, not a folder"),
}


class OutputError(Exception):
    """An output that cannot be written: `path` and `detail` (zh/en) make the problem."""

    def __init__(self, path: Path, detail: dict[str, str]):
        super().__init__(f"{path}: {detail['en']}")
        self.path, self.detail = path, detail


def write_bytes(path: Path, data: bytes, force: bool = False) -> Written:
    try:
        same = _same(path, data)
        if same is not None:
            return "unchanged" if same else "exists" if not force else _install(path, data, replace=True)
        return _install(path, data, replace=False)
    except OutputError:
        raise
    except OSError as exc:
        raise OutputError(path, reason(exc)) from None


def make_folder(path: Path) -> None:
    """`path` as a folder (made with its parents if missing), or OutputError."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except FileExistsError:
        raise OutputError(path, both("it is a file; a folder is needed here")) from None
    except OSError as exc:
        raise OutputError(path, reason(exc)) from None


def reason(exc: OSError) -> dict[str, str]:
    if isinstance(exc, InputError):
        return exc.detail
    known = _REASONS.get(exc.errno or 0)
    return both(known) if known else dict.fromkeys(LANGS, exc.strerror or type(exc).__name__)


def _same(path: Path, data: bytes) -> bool | None:
    """None when nothing is at `path`; else whether the regular file there holds exactly `data`."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None
    if stat.S_ISDIR(info.st_mode):
        raise OutputError(path, both("a folder of that name is in the way"))
    if not stat.S_ISREG(info.st_mode):
        raise OutputError(path, both("a special file (device or pipe) of that name is in the way"))
    if info.st_size != len(data):
        return False
    try:
        return read_regular(path, len(data)) == data
    except InputError:  # replaced by something else meanwhile
        return False


def _install(path: Path, data: bytes, replace: bool) -> Written:
    make_folder(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".evaluator-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; an output is an ordinary file
        if replace:
            os.replace(tmp, path)
            return "written"
        return _link(tmp, path, data)
    finally:
        Path(tmp).unlink(missing_ok=True)


def _link(tmp: str, path: Path, data: bytes) -> Written:
    """Give the finished file its name only if the name is still free."""
    try:
        os.link(tmp, path)
    except FileExistsError:  # another run wrote it after we looked
        return "unchanged" if _same(path, data) else "exists"
    except OSError as exc:
        if exc.errno not in _NO_LINKS:
            raise
        return _create_exclusive(path, data)  # a file system without hard links (FAT, some shares)
    return "written"


def _create_exclusive(path: Path, data: bytes) -> Written:
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return "unchanged" if _same(path, data) else "exists"
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    return "written"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def safe_name(*parts: str) -> str:
    """A file name stem from project code and round: letters (including Chinese), digits, '-' and '_',
    at most NAME_BYTES bytes (a longer one is cut and ends in a hash of the whole, so it stays distinct)."""
    text = "_".join(p.strip() for p in parts if p and p.strip())
    text = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-_") or "result"
    encoded = text.encode("utf-8")
    if len(encoded) <= NAME_BYTES:
        return text
    head = encoded[:NAME_BYTES - 9].decode("utf-8", "ignore").rstrip("-_")
    return f"{head}-{hashlib.sha256(encoded).hexdigest()[:8]}"
