"""The cover sheet's questions, written as evidence fields so the cover is read by the same typed
converters as the rubric's own fields, and turned into an `evidence.Project`."""

from __future__ import annotations

import re
from typing import Any

from evaluator.messages import METHODS
from evaluator.rubric.fields import Choice, EvidenceField
from evaluator.forms.texts import T


def _field(id: str, zh: str, en: str, type: str = "text", **extra: Any) -> EvidenceField:
    return EvidenceField(id=id, label=T(zh, en), type=type, **extra)


EVALUATION_TYPES = [
    Choice(id="self", label=T("自评", "Self-assessment")),
    Choice(id="midterm", label=T("中期", "Midterm")),
    Choice(id="final", label=T("终期", "Final")),
]

PROJECT_FIELDS: list[EvidenceField] = [
    _field("name", "项目名称", "Project name", required=True),
    _field("code", "项目编号", "Project code", required=True),
    _field("organization", "执行机构", "Implementing organization"),
    _field("community", "所在社区", "Community"),
    _field("street", "所在街道（镇）", "Street (town)"),
    _field("district", "所在区（市）县", "District"),
    _field("funder", "资助方", "Funder"),
    _field("round", "资助批次", "Funding round", required=True,
           help=T("如 2024-第三届微公益创投", "e.g. 2024-第三届微公益创投")),
    _field("period_start", "项目开始日期", "Project start", "date"),
    _field("period_end", "项目结束日期", "Project end", "date"),
    _field("budget", "项目预算", "Budget", "number", unit=T("元", "yuan"), range=(0, 1e10)),
    _field("evaluation_type", "评估类型", "Evaluation type", "choice", required=True, choices=EVALUATION_TYPES),
    _field("evaluation_date", "评估日期", "Evaluation date", "date"),
    _field("evaluators", "评估人员", "Evaluators",
           help=T("多人用顿号分隔，如 张三、李四", "separate names with commas, e.g. Zhang San, Li Si")),
    *[_field(f"method_{m}", f"评估方法：{t['zh']}", f"Method: {t['en']}", "boolean") for m, t in METHODS.items()],
]

# The cover's text answers name the project in every report, table and file name: a project name is
# a line, not a page. Longer answers are refused (F035); the other cover fields are not text.
COVER_LIMITS = {"name": 200, "code": 64, "organization": 200, "community": 200, "street": 200,
                "district": 200, "funder": 200, "round": 100, "evaluators": 500}

_NAME_SEPARATORS = re.compile(r"[、,，;；/／\n]+")


def split_names(text: str | None) -> list[str]:
    return [part.strip() for part in _NAME_SEPARATORS.split(text or "") if part.strip()]


def project_data(values: dict[str, Any]) -> dict[str, Any]:
    """Cover answers (field id → typed value) in the shape of `evidence.Project`."""
    data = {f.id: values.get(f.id) for f in PROJECT_FIELDS if not f.id.startswith("method_") and f.id != "evaluators"}
    data["evaluators"] = split_names(values.get("evaluators"))
    data["methods"] = [m for m in METHODS if values.get(f"method_{m}") is True]
    return {k: v for k, v in data.items() if v is not None}
