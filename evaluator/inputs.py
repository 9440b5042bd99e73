"""Reading a file a user named: only a regular file, only up to a size limit, never a hang.

Forms, rubrics and results may be named by anyone (a shared rubric names its own files), so the
path may be a folder, a device such as /dev/zero or /dev/urandom, a FIFO nobody writes to, or a
file far too large to hold in memory. The path is checked with stat before it is opened, opened
non-blocking (a FIFO that slipped in between cannot hang the open), checked again on the open
descriptor, and read no further than the limit.
"""

from __future__ import annotations

from evaluator.i18n import both
import os
import stat
from pathlib import Path
from typing import Literal

Kind = Literal["missing", "folder", "special", "too_large", "unreadable"]
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
_CHUNK = 1 << 20


class InputError(OSError):
    """Why a file cannot be read: `kind` for the caller's code, `detail` in both languages."""

    def __init__(self, kind: Kind, detail: dict[str, str]):
        super().__init__(detail["en"])
        self.kind, self.detail = kind, detail


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file (a symlink to one is fine) of at most `limit` bytes."""
    try:
        _check(os.stat(path), limit)
        fd = os.open(path, _FLAGS)
    except InputError:
        raise
    except (FileNotFoundError, NotADirectoryError):
        raise InputError("missing", both("no such file")) from None
    except OSError as exc:
        raise _unreadable(exc) from None
    try:
        _check(os.fstat(fd), limit)  # what was opened, whatever the path pointed to a moment ago
        return _read_at_most(fd, limit)
    except InputError:
        raise
    except OSError as exc:
        raise _unreadable(exc) from None
    finally:
        os.close(fd)


def too_large(limit: int) -> InputError:
    size = f"{limit / 2**20:g} MB" if limit >= 2**20 else f"{limit / 2**10:g} KB"
    return InputError("too_large", both("larger than the limit of {size}", size=size))


def _check(info: os.stat_result, limit: int) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise InputError("folder", both("it is a folder, not a file"))
    if not stat.S_ISREG(info.st_mode):
        raise InputError("special", both("not a regular file (a device, pipe or socket)"))
    if info.st_size > limit:
        raise too_large(limit)


def _read_at_most(fd: int, limit: int) -> bytes:
    chunks, total = [], 0
    while chunk := os.read(fd, min(_CHUNK, limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:  # the file grew after fstat
            raise too_large(limit)
    return b"".join(chunks)


def _unreadable(exc: OSError) -> InputError:
    reason = exc.strerror or type(exc).__name__
    return InputError("unreadable", both("cannot be read ({reason})", reason=reason))
