"""Write levels into a stored form's rating cells: how a consensus level, or a level revised on appeal,
comes to score. The form's own `_meta` map names the cells (never a position), the level is written as
the form's dropdown shows it, and the workbook is saved reproducibly, as `forms.prefill` does for the
cover. Reading the amended form back is the ordinary path: the consensus level is the official one."""

from __future__ import annotations

import io
from collections.abc import Mapping

from openpyxl import load_workbook  # type: ignore[import-untyped]

from evaluator.forms import texts
from evaluator.forms.layout import rating_option
from evaluator.forms.meta import parse_meta
from evaluator.forms.save import workbook_bytes
from evaluator.rubric.models import Rubric
from evaluator.rubric.rules import RatingRule
from evaluator.sheet_text import put_value


def consensus_rater(rubric: Rubric) -> str | None:
    return next((r.id for r in rubric.raters if r.role == "consensus"), None)


def with_levels(workbook: bytes, rubric: Rubric, levels: Mapping[str, int], rater: str) -> bytes:
    """`workbook` with `rater`'s level of each indicator in `levels` written in; KeyError names an
    indicator whose rating cell the form does not have."""
    wb = load_workbook(io.BytesIO(workbook))
    meta = parse_meta([list(row) for row in wb[texts.META_SHEET].iter_rows(values_only=True)])
    indicators = {i.id: i for i in rubric.indicators}
    for indicator_id, level in sorted(levels.items()):
        slot = meta.slots[f"rating:{indicator_id}:{rater}"]
        rule = indicators[indicator_id].rule
        anchors = rule.levels if isinstance(rule, RatingRule) else {}
        shown = rating_option(level, anchors[level](meta.lang)) if level in anchors else str(level)
        put_value(wb[slot.sheet][slot.ref], shown)
    return workbook_bytes(wb)
