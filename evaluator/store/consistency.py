"""What a result must say of itself before the store files it: the model checks types, this checks sense.

A result made elsewhere (edited by hand, damaged by a mail client, made by another tool) is refused
with a located problem when its domains do not add up to its total within the published rounding,
points exceed their maximum, a number is negative or not finite, a level is outside the rating scale,
the grade does not follow from the total, the grade scale and the red lines, or a hash is not a sha256.

Only fields that both result schemas (evaluator.result/1 and /2) carry are read: total.points, .max,
.grade.id and .red_lines, domains[].id, .points and .max, indicators[].domain, .status, .points, .max,
.level and .ratings[].level, grades[], organizations[].stage, stages[], stage_counts, source/rubric sha256.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from evaluator.i18n import both
from evaluator.numbers import exact, round_half_up
from evaluator.numbers import points as points_text
from evaluator.problems import Problem
from evaluator.scoring.result import Result
from evaluator.store.db import problem

LEVELS = range(5)          # the rating scale of every rule kind's level (0-4)
ROUNDING = 0.01               # points are published to 2 decimals
_SHA256 = re.compile(r"[0-9a-f]{64}")


def check(result: Result, file: str) -> list[Problem]:
    """Every problem found, each at its key path; empty when the result can be filed."""
    found = _keys(result, file) + _numbers(result, file)
    if not found:   # sums and grades only mean something once every number is a number
        found += _sums(result, file) + _grade(result, file)
    return found + _levels(result, file) + _hashes(result, file)


def _keys(result: Result, file: str) -> list[Problem]:
    """The keys the store files a result under must be usable."""
    found = []
    for key, value in (("project.code", result.project.code), ("project.round", result.project.round)):
        if not value.strip():
            found.append(problem("S009", file, at=key, key=key))
    for kind, key, ids in (
        (both("domain"), "domains", [d.id for d in result.domains]),
        (both("indicator"), "indicators", [i.id for i in result.indicators]),
    ):
        for id, n in Counter(ids).items():
            if n > 1:
                found.append(problem("S010", file, at=key, kind=kind, id=id))
    for stage, count in result.stage_counts.items():
        if not stage.isdigit() or len(stage) > 3:
            found.append(problem("S005", file, at=f"stage_counts.{stage}", found=repr(stage)[:40],
                                 expected=both("a stage number")))
        elif count < 0:
            found.append(problem("S013", file, at=f"stage_counts.{stage}", found=count))
    return found


def _points(result: Result) -> Iterator[tuple[str, float | None, float | None]]:
    """(key, points, max) of the total, every domain and every indicator."""
    yield "total", result.total.points, result.total.max
    for n, d in enumerate(result.domains):
        yield f"domains[{n}]", d.points, d.max
    for n, i in enumerate(result.indicators):
        yield f"indicators[{n}]", i.points, i.max
        yield f"indicators[{n}].self_points", i.self_points, None


def _numbers(result: Result, file: str) -> list[Problem]:
    found = []
    for key, points, most in _points(result):
        for at, value in ((f"{key}.points", points), (f"{key}.max", most)):
            if key.endswith("self_points"):
                at = key
            if value is not None and not (math.isfinite(value) and value >= 0):
                found.append(problem("S013", file, at=at, found=value))
        if points is not None and most is not None and math.isfinite(points) and math.isfinite(most) \
                and points > most + ROUNDING:
            found.append(problem("S012", file, at=f"{key}.points", found=points, max=most))
    for n, g in enumerate(result.grades):
        if not (math.isfinite(g.min) and g.min >= 0):
            found.append(problem("S013", file, at=f"grades[{n}].min", found=g.min))
    return found


def _sums(result: Result, file: str) -> list[Problem]:
    """The total is the domains' sum scaled to the total's maximum, leaving out a domain in which nothing
    applies, and published once, half-up, to 2 decimals. With exact values (schema /2) the sum must hold
    exactly and the published total must be the exact one rounded; a result upgraded from /1 carries only
    rounded figures, so there each published domain may be off by half a cent."""
    total = result.total
    counted = [d for d in result.domains if d.points is not None and d.status != "not_applicable"]
    most = sum(exact(d.max) for d in counted)
    if result.upgraded_from is None and total.exact is not None and all(d.exact is not None for d in counted):
        found = [problem("S035", file, at=f"domains[{n}].points", found=d.points, exact=d.exact,
                         expected=points_text(exact(d.exact)))
                 for n, d in enumerate(result.domains)
                 if d in counted and d.exact is not None and not _published(d.points, d.exact)]
        expected = sum((exact(d.exact) for d in counted), Fraction(0)) * exact(total.max) / most if most else Fraction(0)
        if exact(total.exact) != expected or not _published(total.points, expected):
            found.append(problem("S011", file, at="total.points", found=total.points, sum=points_text(expected),
                                 expected=points_text(expected)))
        return found
    shown = sum((exact(d.points) for d in counted if d.points is not None), Fraction(0))
    expected = shown * exact(total.max) / most if most else Fraction(0)
    slack = Fraction(len(counted) + 1, 200)
    if abs(exact(total.points) - expected) <= slack:
        return []
    return [problem("S011", file, at="total.points", found=total.points, sum=points_text(shown),
                    expected=points_text(expected))]


def _published(shown: float | None, value: str | Fraction) -> bool:
    """Whether a published figure is its exact value rounded once, half-up, to 2 decimals."""
    return shown is not None and Decimal(str(shown)) == round_half_up(exact(value))


def _grade(result: Result, file: str) -> list[Problem]:
    grades, total = result.grades, result.total
    if not grades:
        return [problem("S015", file, at="grades", found="[]", expected=both("at least one grade"))]
    if total.red_lines:
        expected = grades[-1]      # a red line caps the grade at the lowest, whatever the points
    else:
        expected = next((g for g in grades if total.points >= g.min), grades[-1])
    if total.grade.id == expected.id:
        return []
    return [problem("S015", file, at="total.grade.id", found=total.grade.id, expected=expected.id)]


def _levels(result: Result, file: str) -> list[Problem]:
    found = []
    for n, i in enumerate(result.indicators):
        if i.level is not None and i.level not in LEVELS:
            found.append(problem("S014", file, at=f"indicators[{n}].level", found=i.level, max=LEVELS[-1]))
        for m, r in enumerate(i.ratings):
            if r.level is not None and r.level not in LEVELS:
                found.append(problem("S014", file, at=f"indicators[{n}].ratings[{m}].level", found=r.level,
                                     max=LEVELS[-1]))
    top = max((s.level for s in result.stages), default=None)
    for n, o in enumerate(result.organizations):
        if o.stage < 0 or (top is not None and o.stage > top):
            found.append(problem("S016", file, at=f"organizations[{n}].stage", found=o.stage, max=top))
    return found


def _hashes(result: Result, file: str) -> list[Problem]:
    return [problem("S017", file, at=key, found=repr(value)[:80])
            for key, value in (("source.sha256", result.source.sha256), ("rubric.sha256", result.rubric.sha256))
            if not _SHA256.fullmatch(value)]
