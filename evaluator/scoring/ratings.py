"""Participatory ratings: which level is official, and every voice kept beside it.

In an evaluation the consensus level counts if filled, otherwise the evaluators' mean. In a
self-assessment the organization's own level predicts the score. Self, resident and committee
levels are reported, never mixed into the official one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from evaluator.i18n import t
from evaluator.numbers import number
from evaluator.rubric.bilingual import Text
from evaluator.rubric.models import Indicator, Rater
from evaluator.scoring.context import ScoringContext
from evaluator.scoring.readable import cell_of, in_both, listed, value_at_cell
from evaluator.scoring.result import Comparison, Rating

DISAGREEMENT = 1  # evaluators more than one level apart with no consensus are flagged
GAP = 2           # self level this far from the official one: a blind spot or a hidden strength


@dataclass
class Official:
    level: Fraction | int | None
    how: Text
    cell: str | None = None
    comparisons: list[Comparison] = field(default_factory=list)


def ratings_of(indicator: Indicator, ctx: ScoringContext) -> list[Rating]:
    """Every rater's level for this indicator (None where not filled), read once per form."""
    if indicator.id not in ctx.memo:
        given = ctx.evidence.ratings.get(indicator.id, {})
        out = []
        for rater in indicator.raters:
            held = given.get(rater)
            value = held.value if held is not None else None
            level = value if isinstance(value, int) and not isinstance(value, bool) else None
            out.append(Rating(rater=rater, level=level, cell=cell_of(held)))
        ctx.memo[indicator.id] = out
    ratings: list[Rating] = ctx.memo[indicator.id]
    return ratings


def _by_role(indicator: Indicator, ctx: ScoringContext, role: str) -> list[tuple[Rater, Rating]]:
    """The filled ratings of raters with this role, with the rater's declaration."""
    raters = ctx.raters
    return [(raters[r.rater], r) for r in ratings_of(indicator, ctx) if raters[r.rater].role == role and r.level is not None]


def _said(labelled: list[tuple[Rater, Rating]]) -> Text:
    return in_both(lambda lang: listed(lang, (value_at_cell(lang, rater.label, r.level, r.cell) for rater, r in labelled)))


def official_rating(indicator: Indicator, ctx: ScoringContext) -> Official:
    if ctx.mode == "self_assessment":
        own = _by_role(indicator, ctx, "self")
        if not own:
            return Official(None, in_both(lambda lang: t(lang, "no self-assessment level")),
                            _first_cell(indicator, ctx, "self"))
        said = _said(own[:1])
        return Official(own[0][1].level, in_both(lambda lang: t(lang, "{ratings}, taken as the predicted level",
                                                                  ratings=said(lang))))
    consensus = _by_role(indicator, ctx, "consensus")
    evaluators = _by_role(indicator, ctx, "evaluator")
    comparisons = _spread(evaluators)
    if consensus:
        said = _said(consensus[:1])
        agreed = said
        return Official(consensus[0][1].level, in_both(lambda lang: t(lang, "consensus level {ratings}", ratings=agreed(lang))),
                        None, comparisons)
    if not evaluators:
        return Official(None, in_both(lambda lang: t(lang, "no evaluator rated it")),
                        _first_cell(indicator, ctx, "evaluator"))
    mean = Fraction(sum(r.level for _, r in evaluators if r.level is not None), len(evaluators))
    said = _said(evaluators)
    if len(evaluators) == 1:
        return Official(mean, said, None, comparisons)
    mean_shown = number(mean)
    return Official(mean, in_both(lambda lang: t(lang, "{ratings}, no consensus level, mean {mean}", ratings=said(lang),
                                                 mean=mean_shown)), None, comparisons)


def _spread(evaluators: list[tuple[Rater, Rating]]) -> list[Comparison]:
    levels = [r.level for _, r in evaluators if r.level is not None]
    if len(levels) < 2:
        return []
    spread = max(levels) - min(levels)
    return [Comparison(left=spread, op="<=", right=DISAGREEMENT, holds=spread <= DISAGREEMENT)]


def _first_cell(indicator: Indicator, ctx: ScoringContext, role: str) -> str | None:
    roles = {r.id: r.role for r in ctx.rubric.raters}
    return next((r.cell for r in ratings_of(indicator, ctx) if roles[r.rater] == role and r.cell), None)


def flags(indicator: Indicator, ctx: ScoringContext, official: Fraction | None) -> list[str]:
    """raters_disagree: evaluators too far apart with no consensus; blind_spot / hidden_strength:
    the organization rated itself far above / below the official level."""
    out = []
    if ctx.mode == "evaluation":
        spread = _spread(_by_role(indicator, ctx, "evaluator"))
        if spread and not spread[0].holds and not _by_role(indicator, ctx, "consensus"):
            out.append("raters_disagree")
        own = _by_role(indicator, ctx, "self")
        own_level = own[0][1].level if own else None
        if own_level is not None and official is not None:
            gap = own_level - official
            if gap >= GAP:
                out.append("blind_spot")
            elif gap <= -GAP:
                out.append("hidden_strength")
    return out


def self_level(indicator: Indicator, ctx: ScoringContext) -> int | None:
    own = _by_role(indicator, ctx, "self")
    return own[0][1].level if own else None
