"""Reading results written by earlier versions: an `evaluator.result/1` file is upgraded to /2 on reading.

A /1 result rounded its points at several steps (indicators and domains to 4 decimals, the total to
2) and had no exact values. Upgrading keeps every /1 figure as it was published (the total and grade
stay what the organization was told) and derives the `exact` fields from those figures; what /1 could
not know is marked: `upgraded_from` names the old schema (so a reader knows the exact fields are the
old rounded figures), no indicator is marked as resting on a thin sample, no red line as unanswered
(/1 read a blank red-line answer as not crossed), and a domain in which nothing applied (its
applicable points 0) becomes not applicable instead of 0 points.
"""

from __future__ import annotations

import copy
from typing import Any

from evaluator.numbers import exact_text
from evaluator.scoring.result import SCHEMA, Result

SCHEMA_V1 = "evaluator.result/1"
READABLE = (SCHEMA, SCHEMA_V1)


def _exact_of(value: Any) -> Any:
    """The exact text of a /1 figure; anything else is left for validation to report where it is."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return exact_text(value)
    return None


def upgrade_result_v1(data: dict[str, Any]) -> dict[str, Any]:
    """A /1 result's data as /2 data (a new dict; `data` is not changed)."""
    out = copy.deepcopy(data)
    out["schema"] = SCHEMA
    out["upgraded_from"] = SCHEMA_V1
    for indicator in out.get("indicators") or []:
        if isinstance(indicator, dict):
            indicator["exact"] = _exact_of(indicator.get("points"))
            indicator.setdefault("thin", None)
    for domain in out.get("domains") or []:
        if isinstance(domain, dict):
            nothing_applies = domain.get("applicable_max") == 0
            domain["status"] = "not_applicable" if nothing_applies else "scored"
            if nothing_applies:
                domain["points"] = None
            domain["exact"] = _exact_of(domain.get("points"))
    total = out.get("total")
    if isinstance(total, dict):
        total["exact"] = _exact_of(total.get("points"))
        total.setdefault("unanswered_red_lines", [])
    return _ordered(out)


def _ordered(data: dict[str, Any]) -> dict[str, Any]:
    """Keys in the /2 model's order, so an upgraded result writes like a new one."""
    order = list(Result.model_fields)
    rank = {("schema" if k == "schema_" else k): i for i, k in enumerate(order)}
    return dict(sorted(data.items(), key=lambda kv: rank.get(kv[0], len(rank))))


def result_data(data: Any) -> Any:
    """Result data of any readable schema, as /2 data (anything else is returned as it is)."""
    if isinstance(data, dict) and data.get("schema") == SCHEMA_V1:
        return upgrade_result_v1(data)
    return data


def load_result(data: Any) -> Result:
    """A `Result` from parsed JSON of any readable schema (pydantic's ValidationError if it does not fit)."""
    return Result.model_validate(result_data(data))


def parse_result(text: str) -> Result:
    """A `Result` from JSON text of any readable schema, e.g. as the store keeps it."""
    import json

    return load_result(json.loads(text))
