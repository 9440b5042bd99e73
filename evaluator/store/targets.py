"""Which database a store is, from what the user gave (`--db PATH|URL`, DATABASE_URL), as Django settings.

    output/evaluations.db, /media/cd/ev.db     an SQLite file
    sqlite:///abs/path.db                      the same, as a URL
    postgresql://user@host:5432/name           PostgreSQL (any URL dj-database-url reads)

An SQLite file is always opened through a `file:` URI: `mode=rwc` for a writer (which takes the write
lock when a transaction begins and waits up to 30 s for it), `mode=ro` for a reader, which then cannot
change a byte of the file, and `immutable=1` on read-only media where SQLite could not even create the
lock files a read of a WAL database needs. A PostgreSQL reader's transactions are read-only.

Nothing here imports Django's database layer: `evaluator.settings` uses it before Django is set up.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

DEFAULT_DB = Path("output") / "evaluations.db"
BUSY_SECONDS = 30
_URL_SCHEMES = ("postgres://", "postgresql://", "pgsql://", "postgis://", "sqlite://")


@dataclass(frozen=True)
class Target:
    """An SQLite file (`path`) or a database URL (`url`)."""

    path: Path | None = None
    url: str | None = None

    @property
    def shown(self) -> str:
        """How messages name it: the file as given relative to the working folder, a URL without password."""
        if self.path is not None:
            from evaluator.vocabulary import display_path

            return display_path(self.path)
        return without_password(self.url or "")

    @property
    def text(self) -> str:
        """What `parse_target` reads back as this target (the path, or the URL with its password)."""
        return str(self.path) if self.path is not None else self.url or ""

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None


def parse_target(given: str | Path | None) -> Target:
    """`given` as a Target; None: DATABASE_URL if set, else output/evaluations.db."""
    if given is None:
        return default_target()
    text = str(given)
    if isinstance(given, str) and text.startswith(_URL_SCHEMES):
        if text.startswith("sqlite://"):
            import dj_database_url

            return Target(path=Path(dj_database_url.parse(text)["NAME"] or DEFAULT_DB))
        return Target(url=text)
    return Target(path=Path(given))


def default_target() -> Target:
    url = os.environ.get("DATABASE_URL", "").strip()
    return parse_target(url) if url else Target(path=DEFAULT_DB)


def without_password(url: str) -> str:
    """The URL with any password replaced by ***, however malformed the rest of it is."""
    return re.sub(r"^([^:/]+://[^/@:]*):[^/@]*@", r"\1:***@", url)


def sqlite_uri(path: Path, mode: str) -> str:
    """`file:` URI of the absolute path, percent-encoded (a name may hold ?, # or %); mode rwc, ro or immutable."""
    query = "mode=ro&immutable=1" if mode == "immutable" else f"mode={mode}"
    absolute = "/" + str(path.absolute()).lstrip("/")   # one slash: `file://x` would name a host x
    return f"file:{quote(absolute)}?{query}"


def database_settings(target: Target, write: bool, immutable: bool = False) -> dict:
    """Django DATABASES entry for the target, for writing or only reading."""
    if target.path is not None:
        options: dict = {"timeout": BUSY_SECONDS}
        if write:
            # take the write lock when a transaction begins, so two writers never deadlock on an upgrade
            options |= {"transaction_mode": "IMMEDIATE", "init_command": "PRAGMA synchronous = NORMAL"}
        mode = "rwc" if write else "immutable" if immutable else "ro"
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": sqlite_uri(target.path, mode), "OPTIONS": options}
    import dj_database_url

    settings: dict = {**dj_database_url.parse(target.url or "", conn_max_age=0)}
    if not write:
        options = dict(settings.get("OPTIONS") or {})
        options["options"] = f"{options.get('options', '')} -c default_transaction_read_only=on".strip()
        settings["OPTIONS"] = options
    return settings
