"""Evidence from a compact description, as the YAML cases write it: no workbook involved.

Like the form reader, every evidence field gets a value and a cell, empty ones as None."""

from __future__ import annotations

from typing import Any

from evaluator.evidence import CellRef, Evidence, Project, RosterRow, RubricRef, SourceRef, Value


def evidence(rubric, sha: str, form: dict[str, Any]) -> Evidence:
    def at(sheet: str, cell: str, value: Any) -> Value:
        return Value(value=value, cell=CellRef(sheet=sheet, cell=cell))

    return Evidence(
        rubric=RubricRef(id=rubric.id, version=rubric.version, sha256=sha),
        source=SourceRef(file="case.xlsx", sha256="0" * 64),
        project=Project(name="测试项目", code="T-1", round=form.get("round", "2024"),
                        evaluation_type=form.get("type", "final")),
        values={k: at("证据", k, form.get("values", {}).get(k)) for k in rubric.evidence_fields},
        ratings={ind: {r: at("评分", f"{ind}:{r}", lv) for r, lv in given.items()}
                 for ind, given in form.get("ratings", {}).items()},
        roster=[RosterRow(row=i + 2, values={k: at("名册", f"{k}{i + 2}", v) for k, v in row.items()})
                for i, row in enumerate(form.get("roster", []))],
    )
