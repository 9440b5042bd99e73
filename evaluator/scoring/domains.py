"""Summing indicators into domains and domains into the total, with not-applicable rescaling."""

from __future__ import annotations

from evaluator.rubric.models import Domain, Rubric
from evaluator.scoring.result import DomainResult, IndicatorResult


def score_domain(domain: Domain, results: list[IndicatorResult]) -> DomainResult:
    """Rescale: applicable indicators are scaled up to the domain's points; zero: N/A scores 0."""
    applicable = [r for r in results if r.status != "not_applicable"]
    raw = sum(r.points for r in applicable)
    if domain.not_applicable == "rescale":
        applicable_max = sum(r.max for r in applicable)
        points = raw * domain.points / applicable_max if applicable_max else 0.0
    else:
        applicable_max, points = domain.points, raw
    selfs = [r.self_points for r in applicable]
    self_points = None
    if applicable_max and all(s is not None for s in selfs):
        self_raw = sum(selfs)
        self_points = round(self_raw * domain.points / applicable_max if domain.not_applicable == "rescale" else self_raw, 4)
    return DomainResult(
        id=domain.id,
        name=domain.name,
        points=round(points, 4),
        max=domain.points,
        raw_points=round(raw, 4),
        applicable_max=applicable_max,
        not_applicable=[r.id for r in results if r.status == "not_applicable"],
        self_points=self_points,
    )


def total_points(rubric: Rubric, domains: list[DomainResult]) -> float:
    """Sum of domains; a domain with nothing applicable is left out and the rest scaled to the scale."""
    counted = [d for d in domains if d.applicable_max > 0]
    counted_max = sum(d.max for d in counted)
    if not counted_max:
        return 0.0
    return round(sum(d.points for d in counted) * rubric.scale / counted_max, 2)
