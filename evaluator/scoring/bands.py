"""Mapping a measured value to a score by ordered bands, keeping the comparisons that decided it.

Values, band minimums and scores are compared and returned exactly: 0.9 is 9/10, so a ratio of 9/10
sits in the band that starts at 0.9 (binary floats would put 0.3 + 0.6 below it).
"""

from __future__ import annotations

from fractions import Fraction

from evaluator.numbers import as_float, exact
from evaluator.rubric.rules import Band
from evaluator.scoring.result import Comparison


def band_score(value: Fraction, bands: list[Band]) -> tuple[Fraction, list[Comparison]]:
    """The score of the band that holds `value` (from its min up to the next band's min).

    Bands are checked ascending by the rubric checker; a value below the first band (impossible
    for a checked rubric, but possible for a hand-built one) scores 0 and says so."""
    chosen = None
    for i, band in enumerate(bands):
        if value >= exact(band.min):
            chosen = i
    if chosen is None:
        return Fraction(0), [Comparison(left=as_float(value), op="<", right=bands[0].min, holds=True)]
    comparisons = [Comparison(left=as_float(value), op=">=", right=bands[chosen].min, holds=True)]
    if chosen + 1 < len(bands):
        comparisons.append(Comparison(left=as_float(value), op="<", right=bands[chosen + 1].min, holds=True))
    return exact(bands[chosen].score), comparisons
