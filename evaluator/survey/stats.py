"""Survey statistics, pure: each measure's share with n and a 95% Wilson interval, the answers'
distribution, and breakdowns by group in which no group of fewer than `SMALLEST` respondents shows.

Wilson's score interval for a proportion k/n (z = 1.96):

    centre = (p + z²/2n) / (1 + z²/n),   half-width = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)

It stays inside [0, 1] and behaves at p = 0 or 1 and at small n, where the textbook p ± z·√(p(1−p)/n)
does not.

Small groups: in each breakdown the groups under `SMALLEST` respondents are pooled into one row
("其他"); if that pool is itself under `SMALLEST`, the smallest shown groups join it until it is not
(or nothing else is left), so no group under 5 can be read off a row or worked out by subtraction from
the total.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from evaluator.survey.model import Measure, Survey

Z = 1.96
SMALLEST = 5
OTHER = "\x00other"     # the pooled row's key; shown as 其他 / Other
UNANSWERED = "\x00none"  # respondents who left the group question blank


@dataclass(frozen=True)
class Respondent:
    """One row of responses with the personal columns already dropped: answers by item id (choice id or
    None) and group values by group id."""

    row: int
    answers: dict[str, str | None]
    groups: dict[str, str | None]


@dataclass(frozen=True)
class Row:
    key: str         # a group's value, OTHER or UNANSWERED
    n: int
    k: int
    pooled: int = 0  # how many groups the OTHER row holds

    @property
    def share(self) -> Fraction:
        return Fraction(self.k, self.n)


@dataclass(frozen=True)
class Breakdown:
    group: str
    rows: list[Row]


@dataclass(frozen=True)
class Result:
    measure: Measure
    n: int                          # valid respondents: every item of the measure answered
    k: int                          # of them, meeting the measure
    low: float
    high: float
    answers: dict[str, dict[str, int]]   # item → answer id → count, among the valid respondents
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.k, self.n) if self.n else None


def wilson(k: int, n: int, z: float = Z) -> tuple[float, float]:
    """The 95% Wilson score interval of k successes in n; (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    p = k / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    return max(0.0, centre - half), min(1.0, centre + half)


def meets(measure: Measure, respondent: Respondent) -> bool | None:
    """Whether one respondent meets the measure; None when they left one of its items unanswered."""
    answers = [respondent.answers.get(i) for i in measure.items]
    if any(a is None for a in answers):
        return None
    return sum(a in measure.accept for a in answers) >= measure.at_least


def compute(survey: Survey, respondents: list[Respondent]) -> list[Result]:
    return [_one(survey, m, respondents) for m in survey.measures]


def _one(survey: Survey, measure: Measure, respondents: list[Respondent]) -> Result:
    valid = [(r, ok) for r in respondents if (ok := meets(measure, r)) is not None]
    n, k = len(valid), sum(ok for _, ok in valid)
    answers = {i: _counts(survey, i, [r for r, _ in valid]) for i in measure.items}
    breakdowns = [Breakdown(g.id, suppressed(_by_group(g.id, valid))) for g in survey.groups]
    low, high = wilson(k, n)
    return Result(measure, n, k, low, high, answers, breakdowns)


def _counts(survey: Survey, item_id: str, valid: list[Respondent]) -> dict[str, int]:
    scale = survey.scales[survey.item(item_id).scale]
    return {c.id: sum(r.answers.get(item_id) == c.id for r in valid) for c in scale}


def _by_group(group: str, valid: list[tuple[Respondent, bool]]) -> list[Row]:
    tally: dict[str, list[int]] = {}
    for respondent, ok in valid:
        key = respondent.groups.get(group) or UNANSWERED
        n_k = tally.setdefault(key, [0, 0])
        n_k[0] += 1
        n_k[1] += ok
    return [Row(key, n, k) for key, (n, k) in sorted(tally.items())]


def suppressed(rows: list[Row], smallest: int = SMALLEST) -> list[Row]:
    """The rows to show: groups under `smallest` pooled into OTHER, which itself is at least `smallest`
    (taking in the smallest other groups when needed) or is not shown."""
    shown = sorted((r for r in rows if r.n >= smallest), key=lambda r: (r.n, r.key))
    small = [r for r in rows if r.n < smallest]
    if not small:
        return sorted(shown, key=lambda r: r.key)
    while sum(r.n for r in small) < smallest and shown:
        small.append(shown.pop(0))
    pool = Row(OTHER, sum(r.n for r in small), sum(r.k for r in small), len(small))
    out = sorted(shown, key=lambda r: r.key)
    return out + ([pool] if pool.n >= smallest else [])
