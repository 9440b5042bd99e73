"""Writing output files without ever losing a user's file.

A file that already holds exactly these bytes is left alone (a rerun is a no-op); a different
existing file is only replaced with `force`, and replacement is atomic (write aside, then rename).
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Literal

Written = Literal["written", "unchanged", "exists"]


def write_bytes(path: Path, data: bytes, force: bool = False) -> Written:
    if path.exists():
        if path.read_bytes() == data:
            return "unchanged"
        if not force:
            return "exists"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a result is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return "written"


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def safe_name(*parts: str) -> str:
    """A file name from project code and round: letters (including Chinese), digits, '-' and '_'."""
    text = "_".join(p.strip() for p in parts if p and p.strip())
    text = re.sub(r"[^\w\-]+", "-", text, flags=re.UNICODE).strip("-_")
    return text or "result"
