"""Strengths and priorities chosen as an evaluator would, each with a sentence saying why.

1. The evaluators' own written findings (the form's feedback sheet) lead, leaving the last two places to
   the largest losses: an indicator they wrote about comes first, among the priorities if it fell short of
   its points, among the strengths if it earned them all, with their words quoted as the reason.
2. The other priorities follow by points lost weighted by what the next level would gain: an indicator
   4 points short whose next band adds half its points ranks above one 4 points short whose next level
   adds a quarter. Missing evidence counts its whole points (handing it in may restore them).
3. At most two from one domain, so that many indicators each a little short never fill the list from the
   first domains.
4. Ties are broken by substance, not by the rubric's order: the points at stake, the share lost, whether
   the organization rated itself above the evaluators (a blind spot); the indicator id decides only
   between indicators equal in all of these.

Pure: the result and, when the caller has it, the rubric (for every indicator's advice and the bands'
next step). Without the rubric the advice the result carries is used and a next step is a level (a
quarter of the points).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from evaluator.i18n import Lang, t
from evaluator.numbers import exact, percent, points
from evaluator.report.phrasing import ts
from evaluator.rubric.models import Indicator, Rubric
from evaluator.rubric.rules import ChecklistRule, RatingRule
from evaluator.scoring.result import IndicatorResult, Result

PER_DOMAIN = 2
BY_POINTS = 2   # places kept for the largest losses after the evaluators' findings (every finding is in the
                # report's feedback table anyway)
QUARTER = Fraction(1, 4)


@dataclass(frozen=True)
class Pick:
    id: str
    name: str
    domain: str
    points: str        # "1.5 / 2"
    advice: str
    why: str           # one sentence: the evaluators' finding, or the points at stake
    missing: bool      # scored nothing for want of evidence
    finding: bool      # chosen because the evaluators wrote about it


def _findings(result: Result) -> dict[str, str]:
    """The evaluators' written finding per indicator, in the order they wrote them (first one kept)."""
    found: dict[str, str] = {}
    for item in sorted(result.feedback, key=lambda f: f.row):
        if item.indicator and item.finding and item.finding.strip() and item.indicator not in found:
            found[item.indicator] = " ".join(item.finding.split())
    return found


def _score(ind: IndicatorResult) -> Fraction:
    return exact(ind.points) / exact(ind.max) if ind.max else Fraction(0)


def next_gain(ind: IndicatorResult, definition: Indicator | None) -> Fraction:
    """The share of the indicator's points the next step up would add (0 at full points): the next rating
    level, the next band, the lightest checklist item not met; a quarter when the rubric is not at hand."""
    score = _score(ind)
    if score >= 1:
        return Fraction(0)
    if ind.status == "missing":
        return 1 - score
    rule = definition.rule if definition is not None else None
    if isinstance(rule, RatingRule) or ind.trace.rule == "rating":
        return Fraction(int(score * 4) + 1, 4) - score   # the next whole level above the official one
    if isinstance(rule, ChecklistRule):
        met = {i.id for i in ind.trace.inputs if i.value is True}
        total = sum(exact(item.weight) for item in rule.items)
        unmet = [exact(item.weight) / total for item in rule.items if item.input not in met]
        return min(unmet, default=1 - score)
    bands = rule.band_lists() if rule is not None else []
    if len(bands) == 1:
        above = sorted(exact(b.score) for b in bands[0][1] if exact(b.score) > score)
        return above[0] - score if above else Fraction(0)
    return min(QUARTER, 1 - score)


def _advice(ind: IndicatorResult, definition: Indicator | None, result: Result, lang: Lang) -> str:
    level = ind.level if ind.level is not None else 0
    if level >= 4:
        return ""
    if definition is not None:
        text = definition.advice.get(min(level, 3))
        return text(lang) if text else ""
    carried = [a for a in (*result.highlights.priorities, *result.highlights.strengths) if a.indicator == ind.id]
    return carried[0].advice(lang) if carried and carried[0].advice else ""


def _priority_key(ind: IndicatorResult, gain: Fraction) -> tuple:
    lost = exact(ind.max) - exact(ind.points)
    return (-(lost * gain if ind.status != "missing" else lost), -lost, -exact(ind.max), _score(ind),
            "blind_spot" not in ind.flags, ind.id)


def _strength_key(ind: IndicatorResult) -> tuple:
    return (-_score(ind), -exact(ind.max), "hidden_strength" not in ind.flags, ind.id)


def _spread(ordered: Iterable[IndicatorResult], wanted: int, taken: Counter[str]) -> list[IndicatorResult]:
    """The first `wanted` of `ordered`, at most PER_DOMAIN from one domain (counting those `taken`)."""
    chosen: list[IndicatorResult] = []
    for ind in ordered:
        if len(chosen) == wanted:
            break
        if taken[ind.domain] < PER_DOMAIN:
            chosen.append(ind)
            taken[ind.domain] += 1
    return chosen


def _why_priority(ind: IndicatorResult, gain: Fraction, finding: str | None, lang: Lang) -> str:
    if finding:
        said = ts(lang, 'The evaluators wrote: "{finding}"', finding=finding)
    elif ind.status == "missing":
        said = ts(lang, "No points for want of evidence: with the evidence handed in it can earn up to {max} points.",
                  max=points(ind.max))
    else:
        lost = exact(ind.max) - exact(ind.points)
        said = ts(lang, "{lost} of its {max} points were not earned; the next level up would add {gain} points.",
                  lost=points(lost), max=points(ind.max), gain=points(gain * exact(ind.max)))
    if "blind_spot" in ind.flags:
        said += t(lang, " The organization rated itself higher than the evaluators did.")
    return said


def _why_strength(ind: IndicatorResult, finding: str | None, lang: Lang) -> str:
    if finding:
        said = ts(lang, 'The evaluators wrote: "{finding}"', finding=finding)
    elif ind.trace.rule == "rating" and ind.trace.value is not None:
        said = ts(lang, "Rated {level} of 4 on the rubric's anchors: {points} of {max} points.",
                  level=points(ind.trace.value), points=points(ind.points), max=points(ind.max))
    else:
        said = ts(lang, "Earned {points} of {max} points ({share}).", points=points(ind.points), max=points(ind.max),
                  share=percent(_score(ind)))
    if "hidden_strength" in ind.flags:
        said += t(lang, " The organization rated itself lower: a strength it may not see in itself.")
    return said


def choose(result: Result, rubric: Rubric | None, lang: Lang, priorities: int, strengths: int,
           points_of: Callable[[float, float, Lang], str]) -> tuple[list[Pick], list[Pick]]:
    """(strengths, priorities) of `result`, as picks with their reasons; `points_of` writes "1.5 / 2"."""
    definitions = {i.id: i for i in rubric.indicators} if rubric is not None else {}
    written = _findings(result)
    short = [i for i in result.indicators if i.status != "not_applicable" and exact(i.points) < exact(i.max)]
    full = [i for i in result.indicators if i.status == "scored" and i.max and _score(i) >= Fraction(3, 4)]
    gains = {i.id: next_gain(i, definitions.get(i.id)) for i in short}

    taken: Counter[str] = Counter()
    order = list(written)
    lead = _spread(sorted((i for i in short if i.id in written), key=lambda i: order.index(i.id)),
                   max(priorities - BY_POINTS, 1), taken)
    rest = sorted((i for i in short if i not in lead), key=lambda i: _priority_key(i, gains[i.id]))
    weak = lead + _spread(rest, priorities - len(lead), taken)

    kept: Counter[str] = Counter()
    full = [i for i in full if i not in weak]
    praised = _spread(sorted((i for i in full if i.id in written and _score(i) >= 1), key=lambda i: order.index(i.id)),
                      strengths, kept)
    strong = praised + _spread(sorted((i for i in full if i not in praised), key=_strength_key),
                               strengths - len(praised), kept)

    def pick(ind: IndicatorResult, why: str) -> Pick:
        return Pick(id=ind.id, name=ind.name(lang), domain=ind.domain, points=points_of(ind.points, ind.max, lang),
                    advice=_advice(ind, definitions.get(ind.id), result, lang), why=why,
                    missing=ind.status == "missing", finding=ind.id in written)

    return ([pick(i, _why_strength(i, written.get(i.id), lang)) for i in strong],
            [pick(i, _why_priority(i, gains[i.id], written.get(i.id), lang)) for i in weak])
