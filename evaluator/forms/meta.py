"""The very hidden `_meta` sheet: which rubric the form belongs to and where every answer is.

Written as plain rows (key, value; then key, sheet, cell) so a person can read it, with a checksum
over the whole content so an edited map is refused instead of silently misread.
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from evaluator.forms.layout import Slot
from evaluator.forms.memo import by_identity
from evaluator.messages import Lang
from evaluator.rubric.canonical import dumps
from evaluator.rubric.models import SLUG

MARKER = "evaluator-form"
_HEADER = ("template_version", "rubric_id", "rubric_version", "rubric_sha256", "lang")
_TABLE_HEAD = ["key", "sheet", "cell"]
_REF = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$|^([A-Z]{1,3})[1-9][0-9]{0,6}:\1[1-9][0-9]{0,6}$")
_KEY = re.compile(r"^(project|value|note|roster|feedback):[^:]+$|^rating:[^:]+:[^:]+$")


class MetaError(Exception):
    """`_meta` is present but not as written by the template; `detail` says what is off."""


class FormMeta(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    template_version: int = Field(ge=1)
    rubric_id: str = Field(pattern=SLUG)  # names a bundled rubric, so never a path
    rubric_version: str = Field(min_length=1)
    rubric_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    lang: Lang
    slots: dict[str, Slot]

    @field_validator("slots")
    @classmethod
    def _well_formed(cls, slots: dict[str, Slot]) -> dict[str, Slot]:
        for key, slot in slots.items():
            if not _KEY.match(key) or not _REF.match(slot.ref) or not slot.sheet:
                raise ValueError(f"{key} → {slot.sheet}!{slot.ref}")
        return slots

    def checksum(self) -> str:
        return hashlib.sha256(dumps(self.model_dump(mode="json")).encode("utf-8")).hexdigest()


def meta_rows(meta: FormMeta) -> list[list[str]]:
    """The sheet's content: a header of key/value rows, a blank row, then the map."""
    header = [["format", MARKER]] + [[k, str(getattr(meta, k))] for k in _HEADER] + [["checksum", meta.checksum()]]
    table = [[key, slot.sheet, slot.ref] for key, slot in meta.slots.items()]
    return header + [[]] + [_TABLE_HEAD] + table


@by_identity(8)
def parse_meta(rows: Sequence[Sequence[Any]]) -> FormMeta:
    """The inverse of `meta_rows`; MetaError when anything is missing, malformed or edited.

    Every form made from one template carries the same `_meta`, so what it parses to is kept, keyed by the
    rows themselves (a `FormMeta` is frozen; nobody changes its map), and by the rows' identity when they
    are the very rows read before (`cells.Book` keeps what calamine read of a `_meta` seen before)."""
    return _parsed(tuple(tuple(row) for row in rows))


@functools.lru_cache(maxsize=32)
def _parsed(rows: tuple[tuple[Any, ...], ...]) -> FormMeta:
    text = [[("" if v is None else str(v)).strip() for v in row] + ["", "", ""] for row in rows]
    if not text or text[0][:2] != ["format", MARKER]:
        raise MetaError("format")
    blank = next((i for i, row in enumerate(text) if not any(row)), len(text))
    header = {row[0]: row[1] for row in text[1:blank]}
    if blank + 1 >= len(text) or text[blank + 1][:3] != _TABLE_HEAD:
        raise MetaError("map")
    slots: dict[str, Slot] = {}
    for row in text[blank + 2:]:
        if any(row):
            if row[0] in slots:
                raise MetaError(f"duplicate {row[0]}")
            slots[row[0]] = Slot(sheet=row[1], ref=row[2])
    try:
        meta = FormMeta.model_validate({**{k: header.get(k) for k in _HEADER}, "slots": slots})
    except ValidationError as exc:
        raise MetaError(", ".join(str(e["loc"][0]) for e in exc.errors())) from None
    if header.get("checksum") != meta.checksum():
        raise MetaError("checksum")
    return meta
