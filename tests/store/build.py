"""Results made by the engine on the mini rubric, filed under any project, round and form hash."""

from __future__ import annotations

from typing import Any

from evaluator.evidence import SourceRef
from evaluator.scoring.engine import evaluate
from evaluator.scoring.result import Result
from tests.scoring.build import evidence

FORM: dict[str, Any] = {
    "values": {"m_training_hours": 30, "m_done": 9, "m_planned": 10, "m_outside": 5, "m_funds": 10,
               "m_funds_misused": False, "m_residents_decide": True, "m_satisfaction": 0.9},
    "ratings": {"D1.01": {"consensus": 3, "self": 4}},
    "roster": [{"org_name": "舞蹈队", "contact_person": "王", "members": 8, "meets_monthly": True},
               {"contact_person": "李"}],
}


def scored(loaded, code: str = "P-1", round: str = "第一届", type: str = "final", source: str = "1",
           form: dict[str, Any] | None = None, name: str = "阳光项目") -> Result:
    result = evaluate(loaded.rubric, evidence(loaded.rubric, loaded.sha256, dict(form or FORM, round=round, type=type)))
    project = result.project.model_copy(update={"code": code, "name": name})
    return result.model_copy(update={"project": project,
                                     "source": SourceRef(file=f"{code}.xlsx", sha256=source.ljust(64, "0"))})
