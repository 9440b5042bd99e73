"""`FormContent`: what a filled form says, as plain data, and writing it into a fresh template.

For tests, samples and benchmarks. Answers are written the way a person enters them (是/否, choice
labels, "3 - anchor" ratings) so reading them back takes the same path as a real form; a value of
another type than its field's (text in a number cell) is written as it is, which is how tests build
broken forms. The same content always gives byte-identical xlsx.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.utils.cell import get_column_letter, range_boundaries
from pydantic import BaseModel, ConfigDict

from evaluator.evidence import Scalar
from evaluator.forms.layout import Layout, indicator_option, rating_option
from evaluator.forms.phrases import NO, YES
from evaluator.forms.project import PROJECT_FIELDS
from evaluator.forms.save import workbook_bytes
from evaluator.forms.template import build_template
from evaluator.messages import Lang
from evaluator.outputs import Written, write_bytes
from evaluator.rubric import LoadedRubric
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Rubric
from evaluator.rubric.rules import RatingRule
from evaluator.sheet_text import cell_at, put_value


class FeedbackEntry(BaseModel):
    model_config = ConfigDict(extra="forbid")

    indicator: str | None = None
    finding: str | None = None
    response: str | None = None


class FormContent(BaseModel):
    """project: as `evidence.Project` (evaluation_type self/midterm/final, methods as ids, evaluators a list);
    values: evidence field id → value; ratings: indicator → rater → level; notes: indicator → text;
    roster: one {column id: value} per organization; feedback: findings and responses."""

    model_config = ConfigDict(extra="forbid")

    project: dict[str, Any] = {}
    values: dict[str, Scalar] = {}
    ratings: dict[str, dict[str, Scalar]] = {}
    notes: dict[str, str] = {}
    roster: list[dict[str, Scalar]] = []
    feedback: list[FeedbackEntry] = []


class ContentError(ValueError):
    """The content names fields, indicators or raters the rubric does not have, or has too many rows."""


def form_bytes(loaded: LoadedRubric, content: FormContent, lang: Lang = "zh") -> bytes:
    rubric, sha256 = loaded.valid()
    wb, layout = build_template(rubric, sha256, lang)
    fill(wb, layout, rubric, content)
    return workbook_bytes(wb)


def write_form(path: Path, loaded: LoadedRubric, content: FormContent, lang: Lang = "zh", force: bool = False) -> Written:
    """Write the filled form; a different existing file is kept ("exists") unless `force`."""
    return write_bytes(path, form_bytes(loaded, content, lang), force)


def fill(wb: Workbook, layout: Layout, rubric: Rubric, content: FormContent) -> None:
    """Write `content` into a template workbook at the cells its `_meta` map names."""
    _check(rubric, layout, content)
    lang = layout.lang

    def put(key: str, value: Any, row: int = 0) -> None:
        slot = layout.slots[key]
        column, first = range_boundaries(slot.ref)[:2]
        if column is None or first is None:  # the map names cells and column ranges, never whole rows
            raise ContentError(f"{slot.sheet}!{slot.ref} is not a cell")
        put_value(cell_at(wb[slot.sheet], f"{get_column_letter(column)}{first + row}"), value)

    for field_id, value in _cover(content.project).items():
        put(f"project:{field_id}", _cell_value(_PROJECT[field_id], value, lang))
    fields = rubric.evidence_fields
    for field_id, value in content.values.items():
        put(f"value:{field_id}", _cell_value(fields[field_id], value, lang))
    indicators = {i.id: i for i in rubric.indicators}
    for indicator_id, by_rater in content.ratings.items():
        rule = indicators[indicator_id].rule
        levels = rule.levels if isinstance(rule, RatingRule) else {}
        for rater, level in by_rater.items():
            shown = rating_option(level, levels[level](lang)) if isinstance(level, int) and level in levels else level
            put(f"rating:{indicator_id}:{rater}", shown)
    for indicator_id, note in content.notes.items():
        put(f"note:{indicator_id}", note)
    columns = {c.id: c for c in rubric.ladder.roster_columns}
    for row, entry in enumerate(content.roster):
        for column_id, value in entry.items():
            put(f"roster:{column_id}", _cell_value(columns[column_id], value, lang), row)
    for row, item in enumerate(content.feedback):
        indicator = indicators.get(item.indicator) if item.indicator else None
        put("feedback:indicator", indicator_option(indicator, lang) if indicator else item.indicator, row)
        put("feedback:finding", item.finding, row)
        put("feedback:response", item.response, row)


_PROJECT = {f.id: f for f in PROJECT_FIELDS}


def _cover(project: dict[str, Any]) -> dict[str, Any]:
    """`evidence.Project` data as cover answers: methods become yes cells, evaluators one line."""
    answers = {k: v for k, v in project.items() if k not in ("methods", "evaluators")}
    if isinstance(project.get("evaluators"), list):
        answers["evaluators"] = "、".join(project["evaluators"])
    elif "evaluators" in project:
        answers["evaluators"] = project["evaluators"]
    for method in project.get("methods", []):
        answers[f"method_{method}"] = True
    return answers


def _cell_value(field: EvidenceField, value: Any, lang: Lang) -> Any:
    if field.type == "boolean" and isinstance(value, bool):
        return (YES if value else NO)(lang)
    if field.type == "choice":
        return next((c.label(lang) for c in field.choices or [] if c.id == value), value)
    return value


def _check(rubric: Rubric, layout: Layout, content: FormContent) -> None:
    """Every key must exist in the rubric and every table must fit; all offenders are listed at once."""
    indicators = {i.id: i for i in rubric.indicators}
    unknown = [f"project.{k}" for k in _cover(content.project) if k not in _PROJECT]
    unknown += [f"values.{k}" for k in content.values if k not in rubric.evidence_fields]
    unknown += [f"notes.{k}" for k in content.notes if k not in indicators]
    for indicator_id, by_rater in content.ratings.items():
        indicator = indicators.get(indicator_id)
        raters = indicator.raters if indicator and indicator.rule.kind == "rating" else []
        unknown += [f"ratings.{indicator_id}.{r}" for r in by_rater if r not in raters]
    columns = {c.id for c in rubric.ladder.roster_columns}
    unknown += sorted({f"roster.{k}" for entry in content.roster for k in entry if k not in columns})
    if len(content.roster) > layout.roster.last_row - layout.roster.first_row + 1:
        unknown.append(f"roster: {len(content.roster)} rows")
    if len(content.feedback) > layout.feedback.last_row - layout.feedback.first_row + 1:
        unknown.append(f"feedback: {len(content.feedback)} rows")
    if unknown:
        raise ContentError("not in the rubric or too long: " + ", ".join(unknown))
