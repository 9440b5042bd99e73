"""One indicator: its rule's outcome turned into exact points, a level, flags and a sentence."""

from __future__ import annotations

import math
from fractions import Fraction

from evaluator.i18n import Lang, pt, t
from evaluator.numbers import PERCENT_PLACES, as_float, exact, exact_text, number, percent, points, published, telling
from evaluator.rubric.bilingual import Text
from evaluator.rubric.models import Indicator
from evaluator.scoring.context import ScoringContext
from evaluator.scoring.ratings import flags, ratings_of, self_level
from evaluator.scoring.readable import in_both
from evaluator.scoring.result import Comparison, IndicatorResult, ThinSample, Trace
from evaluator.scoring.samples import thin_sample
from evaluator.scoring.scorers import Outcome, score_rule


def level_of(score: Fraction | None, rating: Fraction | None) -> int | None:
    """A rating's own level (a mean rounds down), else the share of points in quarters."""
    if rating is not None:
        return math.floor(rating)
    if score is None:
        return None
    return 4 if score >= 1 else math.floor(score * 4)


def score_indicator(indicator: Indicator, ctx: ScoringContext) -> IndicatorResult:
    outcome = score_rule(indicator.rule, indicator, ctx)
    thin = _thin(indicator, ctx, outcome)
    if thin is not None and outcome.score is not None and outcome.score > exact(thin.cap):
        outcome.score = exact(thin.cap)
    exact_points = outcome.score * exact(indicator.points) if outcome.score is not None else Fraction(0)
    is_rating = indicator.rule.kind == "rating"
    official = outcome.value if is_rating and outcome.status == "scored" else None
    trace = Trace(
        rule=indicator.rule.kind,
        inputs=outcome.inputs or outcome.missing,
        value=None if outcome.value is None else as_float(outcome.value),
        comparisons=outcome.comparisons,
        score=None if outcome.score is None else float(outcome.score),
        percent=outcome.percent,
        sentence=_sentence(indicator, outcome, exact_points, thin),
    )
    return IndicatorResult(
        id=indicator.id,
        domain=indicator.domain,
        name=indicator.name,
        points=published(exact_points),
        exact=exact_text(exact_points),
        max=indicator.points,
        status=outcome.status,
        level=level_of(outcome.score, official),
        trace=trace,
        ratings=ratings_of(indicator, ctx) if is_rating else [],
        flags=flags(indicator, ctx, official) if is_rating else [],
        self_points=_self_points(indicator, ctx, exact_points, outcome),
        note=_note(indicator, ctx),
        thin=thin,
    )


def _thin(indicator: Indicator, ctx: ScoringContext, outcome: Outcome) -> ThinSample | None:
    """Only a measure that was scored can rest on too small a sample."""
    bands = indicator.rule.band_lists()
    if outcome.status != "scored" or not bands:
        return None
    return thin_sample(indicator.rule.sample(), [b.score for b in bands[0][1]], ctx)


def _note(indicator: Indicator, ctx: ScoringContext) -> str | None:
    held = ctx.evidence.notes.get(indicator.id)
    return str(held.value) if held is not None and held.value not in (None, "") else None


def _self_points(indicator: Indicator, ctx: ScoringContext, exact_points: Fraction, outcome: Outcome) -> float | None:
    """What the organization's own view gives: its self level for ratings, the same evidence otherwise."""
    if indicator.rule.kind != "rating" or ctx.mode == "self_assessment":
        return published(exact_points) if outcome.status == "scored" else None
    own = self_level(indicator, ctx)
    return None if own is None else published(Fraction(own, 4) * exact(indicator.points))


def _sentence(indicator: Indicator, outcome: Outcome, exact_points: Fraction, thin: ThinSample | None) -> Text:
    of, most = f"{points(exact_points)}/{points(indicator.points)}", points(indicator.points)
    score = percent(outcome.score) if outcome.score is not None else "—"
    rating = indicator.rule.kind == "rating"

    def sentence(lang: Lang) -> str:
        head = t(lang, "{name}: {detail}", name=indicator.name(lang), detail=outcome.detail(lang))
        if outcome.status == "missing":
            return t(lang, "{head}; evidence missing, not scored yet (0 of {most} points, provisional).", head=head,
                     most=most)
        if outcome.status == "not_applicable":
            return t(lang, "{head}; not applicable, left out of the domain, which is rescaled over the other "
                           "indicators.", head=head)
        if outcome.missing and outcome.score == 0 and not outcome.comparisons:
            return t(lang, "{head}; the rubric scores missing evidence as 0 ({of} points).", head=head, of=of)
        return t(lang, "{head}; {why}{thin}score {score}: {of} points.", head=head, why=_because(outcome, rating, lang),
                 thin=_thin_words(thin, lang), score=score, of=of)

    return in_both(sentence)


def _thin_words(thin: ThinSample | None, lang: Lang) -> str:
    if thin is None:
        return ""
    cap = percent(thin.cap)
    if thin.size is None:
        return t(lang, "the sample size is not filled, so the evidence is thin and the score is capped at {cap}, ",
                 cap=cap)
    if thin.required is None:
        return t(lang, "sample {size} from a population the form does not give: thin evidence, capped at {cap}, ",
                 size=number(thin.size), cap=cap)
    return t(lang, "sample {size} is below the required {required}: thin evidence, capped at {cap}, ",
             size=number(thin.size), required=number(thin.required), cap=cap)


def _because(outcome: Outcome, is_rating: bool, lang: Lang) -> str:
    if is_rating and outcome.value is not None:
        return t(lang, "level {level} of 4, ", level=number(outcome.value))
    shown = [c for c in outcome.comparisons if c.op != "<=" and c.op != "=="]
    if not shown:
        return ""
    parts = [_compare(c, outcome.percent) for c in shown]
    return t(lang, "{comparisons}, ", comparisons=pt(lang, "comparisons", " and ").join(parts))


def _compare(c: Comparison, as_percent: bool) -> str:
    """Both sides written with enough decimals to tell them apart: never "95% < 95%"."""
    op = "≥" if c.op == ">=" else c.op
    if as_percent:
        places = telling(exact(c.left) * 100, exact(c.right) * 100, PERCENT_PLACES)
        return f"{percent(c.left, places)} {op} {percent(c.right, places)}"
    places = telling(c.left, c.right, 2)
    return f"{number(c.left, places)} {op} {number(c.right, places)}"
