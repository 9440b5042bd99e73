"""A blank form with its cover answered for one project: what an assigned evaluator downloads.

    prefill(template_bytes, {"code": "CD-2024-001", "name": "…", "round": "…", "evaluation_type": "final"})

The cells are found through the form's own `_meta` map (never by position), values are written as the
form's language shows them (a choice by its label), and the workbook is saved reproducibly: the same
template and project always give the same bytes. Keys are those of the cover (`evidence.Project`):
name, code, organization, community, street, district, funder, round, period_start, period_end, budget,
evaluation_type, evaluation_date, evaluators (a list or one line), methods (ids).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from openpyxl import load_workbook

from evaluator.forms import phrases
from evaluator.forms.content import _PROJECT, ContentError, _cell_value, _cover
from evaluator.forms.meta import parse_meta
from evaluator.forms.save import workbook_bytes
from evaluator.sheet_text import put_value


def prefill(workbook: bytes, project: Mapping[str, Any]) -> bytes:
    """`workbook` (a form made by `evaluator template`) with the cover answers of `project` filled in;
    ContentError names any key the cover does not have."""
    answers = _cover({k: v for k, v in project.items() if v not in (None, "", [])})
    unknown = sorted(k for k in answers if k not in _PROJECT)
    if unknown:
        raise ContentError("not on the cover: " + ", ".join(unknown))
    wb = load_workbook(io.BytesIO(workbook))
    rows = [list(row) for row in wb[phrases.META_SHEET].iter_rows(values_only=True)]
    meta = parse_meta(rows)
    for field_id, value in answers.items():
        slot = meta.slots[f"project:{field_id}"]
        put_value(wb[slot.sheet][slot.ref], _cell_value(_PROJECT[field_id], value, meta.lang))   # never a formula
    return workbook_bytes(wb)
