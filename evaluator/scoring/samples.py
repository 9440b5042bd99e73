"""Thin evidence: a measure resting on a sample smaller than the rubric's minimum cannot reach full marks.

A rule may declare `min_sample` (at least N, and at least a share of a population, never more than the
whole population). When the sample is smaller, not filled, or drawn from a population the form does
not give (blank or 0), the indicator's score is capped at the score of the band below full.
"""

from __future__ import annotations

import math
from fractions import Fraction

from evaluator.numbers import exact
from evaluator.rubric.rules import MinSample
from evaluator.scoring.context import ScoringContext
from evaluator.scoring.result import ThinSample


def _count(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value)


def required_sample(sample: MinSample, population: int | None) -> int | None:
    """The smallest sufficient sample for `population` (None when a population is needed and unknown)."""
    if sample.share_of is None:
        return sample.at_least
    if population is None or population <= 0:
        return None
    share = math.ceil(exact(sample.share) * population)
    return min(max(sample.at_least, share), population)


def cap_below_full(scores: list[float]) -> Fraction:
    """The score of the band below full: the highest band score under the top one (0 if there is none)."""
    top = max(scores)
    below = [exact(s) for s in scores if s < top]
    return max(below, default=Fraction(0))


def thin_sample(sample: MinSample | None, scores: list[float], ctx: ScoringContext) -> ThinSample | None:
    """The thin-evidence mark when the sample falls short of `sample`, else None."""
    if sample is None:
        return None
    size = _count(ctx.value(sample.size))
    population = _count(ctx.value(sample.share_of)) if sample.share_of else None
    required = required_sample(sample, population)
    if size is not None and required is not None and size >= required:
        return None
    cells = [c for f in (sample.size, sample.share_of) if f and (c := ctx.trace_input(f).cell)]
    return ThinSample(size=size, required=required, population=population, at_least=sample.at_least,
                      share=sample.share if sample.share_of else None, cap=float(cap_below_full(scores)), cells=cells)
