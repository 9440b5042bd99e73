"""Strengths, priorities with the rubric's advice, and the evidence a reviewer will find missing."""

from __future__ import annotations

from evaluator.rubric.models import Rubric
from evaluator.scoring.result import Advice, Highlights, IndicatorResult, TraceInput

STRENGTHS = 3
PRIORITIES = 5


def highlights(rubric: Rubric, results: list[IndicatorResult], missing: list[TraceInput]) -> Highlights:
    defs = {i.id: i for i in rubric.indicators}

    def advice(r: IndicatorResult) -> Advice:
        level = r.level if r.level is not None else 0
        text = defs[r.id].advice.get(min(level, 3))
        return Advice(indicator=r.id, name=r.name, level=r.level, points=r.points, max=r.max,
                      advice=None if level >= 4 else text)

    scored = [r for r in results if r.status == "scored"]
    strong = sorted((r for r in scored if r.points >= 0.75 * r.max), key=lambda r: (-r.points / r.max, -r.max, r.id))
    weak = sorted((r for r in results if r.status != "not_applicable" and r.points < r.max),
                  key=lambda r: (-(r.max - r.points), r.points / r.max, r.id))
    return Highlights(
        strengths=[advice(r) for r in strong[:STRENGTHS]],
        priorities=[advice(r) for r in weak[:PRIORITIES]],
        missing_evidence=missing,
    )
