"""Mapping a measured value to a score by ordered bands, keeping the comparisons that decided it."""

from __future__ import annotations

from evaluator.rubric.rules import Band
from evaluator.scoring.result import Comparison


def band_score(value: float, bands: list[Band]) -> tuple[float, list[Comparison]]:
    """The score of the band that holds `value` (from its min up to the next band's min).

    Bands are checked ascending by the rubric checker; a value below the first band (impossible
    for a checked rubric, but possible for a hand-built one) scores 0 and says so."""
    chosen = None
    for i, band in enumerate(bands):
        if value >= band.min:
            chosen = i
    if chosen is None:
        return 0.0, [Comparison(left=value, op="<", right=bands[0].min, holds=True)]
    comparisons = [Comparison(left=value, op=">=", right=bands[chosen].min, holds=True)]
    if chosen + 1 < len(bands):
        comparisons.append(Comparison(left=value, op="<", right=bands[chosen + 1].min, holds=True))
    return bands[chosen].score, comparisons
