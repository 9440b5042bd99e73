"""One indicator: its rule's outcome turned into points, a level, flags and a sentence."""

from __future__ import annotations

import math

from evaluator.rubric.models import Indicator
from evaluator.rubric.text import Text
from evaluator.scoring.context import ScoringContext
from evaluator.scoring.ratings import flags, ratings_of, self_level
from evaluator.scoring.result import Comparison, IndicatorResult, Trace
from evaluator.scoring.rules import Outcome, score_rule
from evaluator.scoring.wording import num, pct


def level_of(score: float | None, rating: float | None) -> int | None:
    """A rating's own level (a mean rounds down), else the share of points in quarters."""
    if rating is not None:
        return int(math.floor(rating))
    if score is None:
        return None
    return 4 if score >= 1 else int(math.floor(score * 4))


def score_indicator(indicator: Indicator, ctx: ScoringContext) -> IndicatorResult:
    outcome = score_rule(indicator.rule, indicator, ctx)
    points = round(outcome.score * indicator.points, 4) if outcome.score is not None else 0.0
    is_rating = indicator.rule.kind == "rating"
    official = outcome.value if is_rating and outcome.status == "scored" else None
    trace = Trace(
        rule=indicator.rule.kind,
        inputs=outcome.inputs or outcome.missing,
        value=outcome.value,
        comparisons=outcome.comparisons,
        score=outcome.score,
        percent=outcome.percent,
        sentence=_sentence(indicator, outcome, points),
    )
    return IndicatorResult(
        id=indicator.id,
        domain=indicator.domain,
        name=indicator.name,
        points=points,
        max=indicator.points,
        status=outcome.status,
        level=level_of(outcome.score, official),
        trace=trace,
        ratings=ratings_of(indicator, ctx) if is_rating else [],
        flags=flags(indicator, ctx, official) if is_rating else [],
        self_points=_self_points(indicator, ctx, points, outcome),
        note=_note(indicator, ctx),
    )


def _note(indicator: Indicator, ctx: ScoringContext) -> str | None:
    held = ctx.evidence.notes.get(indicator.id)
    return str(held.value) if held is not None and held.value not in (None, "") else None


def _self_points(indicator: Indicator, ctx: ScoringContext, points: float, outcome: Outcome) -> float | None:
    """What the organization's own view gives: its self level for ratings, the same evidence otherwise."""
    if indicator.rule.kind != "rating" or ctx.mode == "self_assessment":
        return points if outcome.status == "scored" else None
    own = self_level(indicator, ctx)
    return None if own is None else round(own / 4 * indicator.points, 4)


def _sentence(indicator: Indicator, outcome: Outcome, points: float) -> Text:
    head_zh, head_en = f"{indicator.name.zh}：{outcome.detail.zh}", f"{indicator.name.en}: {outcome.detail.en}"
    of = f"{num(points)}/{num(indicator.points)}"
    if outcome.status == "missing":
        return Text(zh=f"{head_zh}；缺少证据，暂不计分（0/{num(indicator.points)} 分，结果为暂定）。",
                    en=f"{head_en}; evidence missing, not scored yet (0 of {num(indicator.points)} points, provisional).")
    if outcome.status == "not_applicable":
        return Text(zh=f"{head_zh}；不适用，不计入领域满分，领域得分按其余指标折算。",
                    en=f"{head_en}; not applicable, left out of the domain, which is rescaled over the other indicators.")
    if outcome.missing and outcome.score == 0 and not outcome.comparisons:
        return Text(zh=f"{head_zh}；按评估标准缺证据计 0 分（{of} 分）。",
                    en=f"{head_en}; the rubric scores missing evidence as 0 ({of} points).")
    why_zh, why_en = _because(outcome, indicator.rule.kind == "rating")
    return Text(zh=f"{head_zh}；{why_zh}得分比例 {pct(outcome.score)}，计 {of} 分。",
                en=f"{head_en}; {why_en}score {pct(outcome.score)}: {of} points.")


def _because(outcome: Outcome, is_rating: bool) -> tuple[str, str]:
    if is_rating:
        return f"等级 {num(outcome.value)}/4，", f"level {num(outcome.value)} of 4, "
    shown = [c for c in outcome.comparisons if c.op != "<=" and c.op != "=="]
    if not shown:
        return "", ""
    fmt = pct if outcome.percent else num
    parts = " 且 ".join(_compare(c, fmt) for c in shown)
    parts_en = " and ".join(_compare(c, fmt) for c in shown)
    return f"{parts}，", f"{parts_en}, "


def _compare(c: Comparison, fmt) -> str:
    return f"{fmt(c.left)} {'≥' if c.op == '>=' else c.op} {fmt(c.right)}"
