"""Summing indicators into domains and domains into the total, exactly, with not-applicable rescaling.

Nothing is rounded here: every sum and scaling is a `Fraction`, and each figure is published (half-up,
2 decimals) once, beside its exact value. A domain in which nothing applies is not applicable: it
shows no points and is left out of the total's scale, never shown as 0 of its points.
"""

from __future__ import annotations

from fractions import Fraction

from evaluator.numbers import exact, exact_text, published
from evaluator.rubric.models import Domain, Rubric
from evaluator.scoring.result import DomainResult, DomainStatus, IndicatorResult


def score_domain(domain: Domain, results: list[IndicatorResult]) -> DomainResult:
    """Rescale: applicable indicators are scaled up to the domain's points; zero: N/A scores 0."""
    applicable = [r for r in results if r.status != "not_applicable"]
    raw = sum((exact(r.exact) for r in applicable), Fraction(0))
    rescale = domain.not_applicable == "rescale"
    applicable_max = sum((exact(r.max) for r in applicable), Fraction(0)) if rescale else exact(domain.points)
    factor = exact(domain.points) / applicable_max if applicable_max and rescale else Fraction(1)
    selfs = [r.self_points for r in applicable]
    self_points = None
    if applicable_max and all(s is not None for s in selfs):
        self_points = published(sum((exact(s) for s in selfs if s is not None), Fraction(0)) * factor)
    status: DomainStatus = "scored" if applicable_max else "not_applicable"
    points = raw * factor
    return DomainResult(
        id=domain.id,
        name=domain.name,
        status=status,
        points=published(points) if applicable_max else None,
        exact=exact_text(points) if applicable_max else None,
        max=domain.points,
        raw_points=published(raw),
        applicable_max=float(applicable_max),
        not_applicable=[r.id for r in results if r.status == "not_applicable"],
        self_points=self_points,
    )


def total_exact(rubric: Rubric, domains: list[DomainResult]) -> Fraction:
    """Sum of domains; a domain with nothing applicable is left out and the rest scaled to the scale."""
    counted = [d for d in domains if d.status == "scored" and d.exact is not None]
    counted_max = sum((exact(d.max) for d in counted), Fraction(0))
    if not counted_max:
        return Fraction(0)
    return sum((exact(d.exact) for d in counted if d.exact), Fraction(0)) * exact(rubric.scale) / counted_max
