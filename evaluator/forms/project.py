"""The cover sheet's questions, written as evidence fields so the cover is read by the same typed
converters as the rubric's own fields, and turned into an `evidence.Project`."""

from __future__ import annotations

import re
from typing import Any

from evaluator.forms.phrases import T
from evaluator.i18n import LANGS, Lang, both, pboth, t
from evaluator.messages import METHODS
from evaluator.rubric.fields import Choice, EvidenceField, FieldType
from evaluator.vocabulary import EVALUATION_TYPE_NAMES


def _field(id: str, label: dict[Lang, str], type: FieldType = "text", **extra: Any) -> EvidenceField:
    return EvidenceField(id=id, label=T(label), type=type, **extra)


def _method_label(method: str) -> dict[Lang, str]:
    return {lang: t(lang, "Method: {method}", method=t(lang, method)) for lang in LANGS}


EVALUATION_TYPES = [Choice(id=kind, label=T(both(name))) for kind, name in EVALUATION_TYPE_NAMES.items()]

PROJECT_FIELDS: list[EvidenceField] = [
    _field("name", both("Project name"), required=True),
    _field("code", both("Project code"), required=True),
    _field("organization", both("Implementing organization")),
    _field("community", both("Community")),
    _field("street", both("Street (town)")),
    _field("district", pboth("form cover", "District")),
    _field("funder", both("Funder")),
    _field("round", both("Funding round"), required=True,
           help=T(both("e.g. 2024-第三届微公益创投"))),
    _field("period_start", both("Project start"), "date"),
    _field("period_end", both("Project end"), "date"),
    _field("budget", both("Budget"), "number", unit=T(both("yuan")), range=(0, 1e10)),
    _field("evaluation_type", both("Evaluation type"), "choice", required=True, choices=EVALUATION_TYPES),
    _field("evaluation_date", both("Evaluation date"), "date"),
    _field("evaluators", both("Evaluators"),
           help=T(both("separate names with commas, e.g. Zhang San, Li Si"))),
    *[_field(f"method_{m}", _method_label(method), "boolean") for m, method in METHODS.items()],
    _field("evaluating_body", both("Evaluating body")),
    _field("assessment", both("Overall assessment"),
           help=T(both("the evaluators' overall written assessment: what the project achieved, what holds it back, "
                       "what to do next; shown on the report's summary page"))),
]
# cover questions added after forms were first made: a form made before them has no cell for them, and is read
# without them (no problem is raised)
LATER_FIELDS = ("evaluating_body", "assessment")

# The cover's text answers name the project in every report, table and file name: a project name is
# a line, not a page. Longer answers are refused (F035); the other cover fields are not text.
COVER_LIMITS = {"name": 200, "code": 64, "organization": 200, "community": 200, "street": 200,
                "district": 200, "funder": 200, "round": 100, "evaluators": 500, "evaluating_body": 200,
                "assessment": 2000}

_NAME_SEPARATORS = re.compile(r"[、,，;；/／\n]+")


def split_names(text: str | None) -> list[str]:
    return [part.strip() for part in _NAME_SEPARATORS.split(text or "") if part.strip()]


def project_data(values: dict[str, Any]) -> dict[str, Any]:
    """Cover answers (field id → typed value) in the shape of `evidence.Project`."""
    data = {f.id: values.get(f.id) for f in PROJECT_FIELDS if not f.id.startswith("method_") and f.id != "evaluators"}
    data["evaluators"] = split_names(values.get("evaluators"))
    data["methods"] = [m for m in METHODS if values.get(f"method_{m}") is True]
    return {k: v for k, v in data.items() if v is not None}
