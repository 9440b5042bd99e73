"""Parts of pages kept rendered: what a page shows that is the same for everyone who may see it (a result
page's charts, totals and every indicator's trace) is rendered once and kept, under a key that names
everything it is made from, so a kept part can never be stale: when what it is made from changes, the
key changes and the part is rendered anew.

    kept(parts, make) -> dict[str, str]

The key is the sha256 of `RENDER_VERSION` (a digest of the package's code, templates and message
catalogues: a new release never serves what an older one rendered) and of `parts` (for a result page:
the evaluation, the sha256 of its stored result, the earlier round's evaluation and the sha256 of its
result, the language). Kept at two levels: this process's memory (an LRU) and the database (`KeptPage`,
shared by every server process). `make()` renders without a request: nothing that differs between
viewers (a CSRF token, a name, what a role may do) can be in a kept part; the page around it is
rendered for each request.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path

from django.db import IntegrityError, transaction
from django.db.models import TextField
from django.db.models.functions import Cast

from evaluator.store.models import Evaluation
from evaluator.web.evaluations.models import KeptPage
from evaluator.web.kept import Kept

Content = dict[str, str]
LIMIT = 20_000            # rows kept in the database; the oldest go when it grows past this
_memory: Kept[Content] = Kept(256)
_SOURCES = (".py", ".html", ".mo")


@functools.lru_cache(maxsize=1)
def render_version() -> str:
    """A digest of everything in the package that renders a page: its code, templates and catalogues."""
    root = Path(__file__).resolve().parents[2]      # the evaluator package
    digest = hashlib.sha256(version("evaluator").encode())
    for path in sorted(p for p in root.rglob("*") if p.suffix in _SOURCES and p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def page_key(parts: Sequence[object]) -> str:
    return hashlib.sha256(json.dumps([render_version(), *parts], ensure_ascii=False, default=str).encode()).hexdigest()


def kept(parts: Sequence[object], make: Callable[[], Content]) -> Content:
    """The part kept under `parts`, else `make()`'s, kept from now on."""
    key = page_key(parts)
    found = _memory.get((key,))
    if found is not None:
        return found
    stored = KeptPage.objects.filter(key=key).values_list("content", flat=True).first()
    if stored is not None:
        return _memory.put((key,), json.loads(stored))
    content = make()
    _store(key, content)
    return _memory.put((key,), content)


def _store(key: str, content: Content) -> None:
    try:
        with transaction.atomic():
            row = KeptPage.objects.create(key=key, content=json.dumps(content, ensure_ascii=False))
    except IntegrityError:
        return            # another process kept the same part at the same moment: either copy will do
    if row.pk % 500 == 0:
        _prune()


def _prune() -> None:
    """Drop the oldest rows beyond LIMIT (a dropped part is rendered again when next asked for)."""
    oldest_kept = KeptPage.objects.order_by("-pk").values_list("pk", flat=True)[LIMIT:LIMIT + 1].first()
    if oldest_kept is not None:
        KeptPage.objects.filter(pk__lte=oldest_kept).delete()


def forget() -> None:
    """Drop what this process keeps in memory (tests; the database rows stay)."""
    _memory.clear()


def stored_digests(ids: Sequence[int]) -> dict[int, str]:
    """The sha256 of each evaluation's stored result, as the database holds its text (nothing parsed)."""
    rows = Evaluation.objects.filter(pk__in=list(ids)).annotate(text=Cast("result", TextField())).values_list("pk", "text")
    return {pk: hashlib.sha256(text.encode()).hexdigest() for pk, text in rows}
