"""The canonical form of a resolved rubric and its content hash.

Canonical JSON (sorted keys, no insignificant whitespace, UTF-8) of the resolved model: two rubrics
that mean the same hash the same, whatever the YAML layout, comments or file split.
"""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from evaluator.rubric.models import Rubric


def canonical_json(rubric: Rubric) -> str:
    return dumps(rubric.model_dump(mode="json"))


def dumps(data: Any) -> str:
    """Deterministic JSON shared by everything the tool hashes or writes for machines."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_hash(rubric: Rubric) -> str:
    return hashlib.sha256(canonical_json(rubric).encode("utf-8")).hexdigest()
