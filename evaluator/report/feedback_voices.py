"""The participatory picture: the organization's own view beside the official one, the residents' and
the community committee's ratings, and the organization's answers to what the evaluators found.

The gap between the views is where discussion starts, so the report puts the widest gaps first.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from markupsafe import Markup

from evaluator.i18n import Lang, t
from evaluator.numbers import direction, exact, number, points
from evaluator.report.charts.domains import LEGEND, paired_bars
from evaluator.report.feedback_domains import share
from evaluator.report.phrasing import ts
from evaluator.report.raters import rater_label, rater_role
from evaluator.scoring.result import IndicatorResult, Result

GAPS = 5
VOICES = ("residents", "committee")


@dataclass(frozen=True)
class GapRow:
    id: str
    name: str
    official: str
    own: str
    gap: str
    direction: str  # higher | lower


@dataclass(frozen=True)
class VoiceRow:
    id: str
    name: str
    official: str
    levels: list[str]


@dataclass(frozen=True)
class Voices:
    raters: list[str]
    rows: list[VoiceRow]
    summaries: list[str]


@dataclass(frozen=True)
class FeedbackRow:
    indicator: str
    finding: str
    response: str


@dataclass(frozen=True)
class Participation:
    bars: Markup | None
    gaps: list[GapRow]
    voices: Voices | None
    feedback: list[FeedbackRow]


def _self_level(ind: IndicatorResult) -> int | None:
    return next((r.level for r in ind.ratings if rater_role(r.rater) == "self"), None)


def _side(value: float, level: float | None, lang: Lang) -> str:
    shown = ts(lang, "{n} pts", n=points(value))
    return shown if level is None else ts(lang, "Level {n}", n=number(level)) + " · " + shown


def gap_rows(result: Result, lang: Lang) -> list[GapRow]:
    """The indicators where the self-assessment and the official score differ most, widest first."""
    gaps = {i.id: exact(i.self_points) - exact(i.points) for i in result.indicators
            if i.status == "scored" and i.self_points is not None}
    differ = [i for i in result.indicators if i.id in gaps and direction(gaps[i.id]) != "same"]
    widest = sorted(differ, key=lambda i: (-abs(gaps[i.id]), i.id))[:GAPS]
    rows = []
    for i in widest:
        gap = gaps[i.id]
        official = i.trace.value if i.trace.rule == "rating" else None
        rows.append(GapRow(id=i.id, name=i.name(lang), official=_side(i.points, official, lang),
                           own=_side(i.self_points if i.self_points is not None else 0.0, _self_level(i), lang),
                           gap=ts(lang, "self {n} pts higher", n=points(abs(gap))) if gap > 0
                           else ts(lang, "self {n} pts lower", n=points(abs(gap))),
                           direction="higher" if gap > 0 else "lower"))
    return rows


def _summary(rater: str, rated: list[IndicatorResult], lang: Lang) -> str:
    pairs = [(r.level, i.trace.value) for i in rated for r in i.ratings
             if r.rater == rater and r.level is not None and i.trace.value is not None]
    if not pairs:
        return ""
    mean = sum((exact(own) - exact(official) for own, official in pairs), Fraction(0)) / len(pairs)
    way = direction(mean, 1)
    said = t(lang, "the same as") if way == "same" else \
        (ts(lang, "{n} levels above", n=number(abs(mean), 1)) if way == "up"
         else ts(lang, "{n} levels below", n=number(abs(mean), 1)))
    return ts(lang, "{who} rated {count} indicators, on average {direction} the official level", who=rater_label(rater, lang),
              count=len(pairs), direction=said)


def voices(result: Result, lang: Lang) -> Voices | None:
    """Residents' and the committee's ratings, where the form collected them: how they compare overall,
    and the indicators where one of them differs from the official level (every level is in the domain
    tables already)."""
    heard = [r for r in dict.fromkeys(r.rater for i in result.indicators for r in i.ratings if r.level is not None)
             if rater_role(r) in VOICES]
    rated = [i for i in result.indicators if any(r.rater in heard and r.level is not None for r in i.ratings)]
    if not rated:
        return None
    rows = []
    for i in rated:
        given = {r.rater: r.level for r in i.ratings}
        official = i.trace.value if i.status == "scored" else None
        if official is None or all((level := given.get(r)) is None or abs(level - official) < 1 for r in heard):
            continue
        levels = ["—" if given.get(r) is None else str(given[r]) for r in heard]
        rows.append(VoiceRow(id=i.id, name=i.name(lang), official=number(official), levels=levels))
    summaries = [s for r in heard if (s := _summary(r, rated, lang))]
    return Voices(raters=[rater_label(r, lang) for r in heard], rows=rows, summaries=summaries)


def bars(result: Result, lang: Lang) -> Markup | None:
    """Each domain's official share above the organization's own, when it rated itself."""
    own = [share(d.self_points, d.max) for d in result.domains]
    if all(v is None for v in own):
        return None
    return paired_bars([d.name(lang) for d in result.domains], [share(d.points, d.max) for d in result.domains], own,
                       legend_labels=[t(lang, label) for label in LEGEND])


def participation(result: Result, lang: Lang) -> Participation:
    """The whole picture; a self-assessment has only the organization's own findings and plans."""
    names = {i.id: i.name(lang) for i in result.indicators}
    feedback = [FeedbackRow(indicator=f"{f.indicator} {names.get(f.indicator, '')}".strip() if f.indicator
                            else t(lang, "Overall"), finding=f.finding or "—", response=f.response or "—")
                for f in result.feedback]
    if result.mode == "self_assessment":
        return Participation(bars=None, gaps=[], voices=None, feedback=feedback)
    return Participation(bars=bars(result, lang), gaps=gap_rows(result, lang), voices=voices(result, lang),
                         feedback=feedback)
