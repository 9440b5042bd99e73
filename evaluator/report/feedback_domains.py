"""One section per domain: each indicator's finding, points and scoring basis, and every rater's level.

The basis is the trace in short: the trace sentence names every cell, which the result JSON keeps;
the report says what was measured and why it scored, in a phrase that fits a table cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.messages import Lang
from evaluator.numbers import number, percent, points
from evaluator.report.feedback_words import joined, listed, rater_label, rater_role, say
from evaluator.scoring.result import DomainResult, IndicatorResult, Result, ThinSample, Trace


@dataclass(frozen=True)
class IndicatorRow:
    id: str
    name: str
    found: str      # the level, or the value measured
    points: str     # "1.5 / 2"
    basis: str
    status: str     # scored | missing | not_applicable
    note: str       # the evaluators' evidence note from the form, as typed
    thin: str       # the sample is below the rubric's minimum: the numbers and the cap ("" when it is not)


@dataclass(frozen=True)
class RaterCell:
    text: str
    mark: str       # "" | disagree | high | low


@dataclass(frozen=True)
class RaterRow:
    id: str
    name: str
    cells: list[RaterCell]
    official: str
    flags: str


@dataclass(frozen=True)
class RaterTable:
    raters: list[str]
    rows: list[RaterRow]


@dataclass(frozen=True)
class DomainSection:
    id: str
    name: str
    points: str
    share: str
    note: str
    rows: list[IndicatorRow]
    applicable: bool
    raters: RaterTable | None


def share(points: float | None, max: float) -> float | None:
    """A share of the maximum for the charts, which refuse anything past 1 (rounding can reach 1.0000001)."""
    return None if points is None or not max else min(points / max, 1.0)


def points_of(value: float | None, max: float, lang: Lang) -> str:
    """"1.5 / 2"; a domain in which nothing applies reads 不适用, never 0 / 15."""
    if value is None:
        return say("not_applicable", lang)
    return say("of", lang, n=points(value), max=points(max))


def share_of(value: float | None, max: float) -> str:
    return "—" if value is None or not max else percent(value / max)


def _zero_denominator(t: Trace) -> bool:
    return t.rule == "ratio" and any(c.op == "==" for c in t.comparisons)


def found(ind: IndicatorResult, lang: Lang) -> str:
    t = ind.trace
    if ind.status == "scored" and _zero_denominator(t):
        return say("zero_denominator", lang)
    if ind.status != "scored" or (t.value is None and t.rule != "checklist"):
        return say("not_applicable" if ind.status == "not_applicable" else "missing", lang)
    if t.rule == "rating" and t.value is not None:
        return say("level", lang, n=number(t.value))
    if t.rule == "checklist":
        return say("met_of", lang, met=sum(i.value is True for i in t.inputs), n=len(t.inputs))
    value = t.value
    if value is None:  # only a checklist scores without a measured value (above)
        return say("missing", lang)
    if t.rule == "roster":
        return say("roster_of", lang, met=len(t.inputs) - 1, n=t.inputs[0].value)
    if t.rule == "bands":
        return t.inputs[0].shown(lang)
    return percent(value) if t.rule == "ratio" or t.percent else number(value)


def basis(ind: IndicatorResult, mode: str, lang: Lang) -> str:
    t = ind.trace
    unfilled = [i.label(lang) for i in t.inputs if i.value is None]
    if ind.status == "not_applicable":
        if unfilled:
            return say("not_filled", lang, items=joined(unfilled, lang))
        return say("zero_denominator" if _zero_denominator(t) else "not_computable", lang)
    if ind.status == "missing" or (unfilled and t.value is None and t.rule != "checklist"):
        return say("not_filled", lang, items=joined(unfilled, lang))
    if t.rule == "rating":
        return _rated(ind, mode, lang)
    if t.rule == "checklist":
        unmet = [i.label(lang) + (say("unanswered", lang) if i.value is None else "") for i in t.inputs
                 if i.value is not True]
        return say("unmet", lang, items=listed(unmet, lang)) if unmet else say("all_met", lang)
    if t.rule == "roster":
        return say("roster_basis", lang, met=len(t.inputs) - 1, n=t.inputs[0].value)
    if t.rule == "ratio" and len(t.inputs) == 2:
        top, bottom = t.inputs
        return f"{top.label(lang)} {top.shown(lang)} ÷ {bottom.label(lang)} {bottom.shown(lang)}"
    return _values(t, lang)


def _values(t: Trace, lang: Lang) -> str:
    """Each input as “label: value” (a bands rule has one input, an expression several)."""
    colon = "：" if lang == "zh" else ": "
    return listed([f"{i.label(lang)}{colon}{i.shown(lang)}" for i in t.inputs], lang)


def _rated(ind: IndicatorResult, mode: str, lang: Lang) -> str:
    """Whose level counts: the self-rating (predicted), the consensus, or the evaluators' mean."""
    if mode == "self_assessment":
        return say("rated.self", lang)
    filled = [r for r in ind.ratings if r.level is not None]
    if any(rater_role(r.rater) == "consensus" for r in filled):
        return say("rated.consensus", lang)
    levels = [str(r.level) for r in filled if rater_role(r.rater) == "evaluator"]
    return say("rated.mean", lang, levels=joined(levels, lang)) if len(levels) > 1 else say("rated.one", lang)


def thin_note(thin: ThinSample | None, lang: Lang) -> str:
    """Beside an indicator whose sample is below the rubric's minimum: the numbers and the cap."""
    if thin is None:
        return ""
    cap = percent(thin.cap)
    if thin.size is None:
        return say("thin.unfilled", lang, cap=cap)
    if thin.required is None:
        return say("thin.population", lang, size=number(thin.size), cap=cap)
    return say("thin.below", lang, size=number(thin.size), required=number(thin.required), cap=cap)


def indicator_row(ind: IndicatorResult, mode: str, lang: Lang) -> IndicatorRow:
    return IndicatorRow(id=ind.id, name=ind.name(lang), found=found(ind, lang),
                        points=points_of(ind.points, ind.max, lang), basis=basis(ind, mode, lang), status=ind.status,
                        note=ind.note or "", thin=thin_note(ind.thin, lang))


def rater_columns(result: Result) -> list[str]:
    """Every rater id that rates some indicator, in the order the rubric lists them on indicators."""
    return list(dict.fromkeys(r.rater for i in result.indicators for r in i.ratings))


def _mark(rater: str, flags: list[str]) -> str:
    role = rater_role(rater)
    if role == "evaluator" and "raters_disagree" in flags:
        return "disagree"
    if role == "self" and "blind_spot" in flags:
        return "high"
    return "low" if role == "self" and "hidden_strength" in flags else ""


def rater_row(ind: IndicatorResult, columns: list[str], lang: Lang) -> RaterRow:
    given = {r.rater: r.level for r in ind.ratings}
    cells = [RaterCell("" if rater not in given else "—" if given[rater] is None else str(given[rater]),
                       _mark(rater, ind.flags) if given.get(rater) is not None else "") for rater in columns]
    official = number(ind.trace.value) if ind.status == "scored" and ind.trace.value is not None else "—"
    return RaterRow(id=ind.id, name=ind.name(lang), cells=cells, official=official,
                    flags=joined([say(f"flag.{f}", lang) for f in ind.flags], lang))


def rater_table(indicators: list[IndicatorResult], columns: list[str], lang: Lang) -> RaterTable | None:
    rated = [i for i in indicators if i.ratings]
    if not rated or len(columns) < 2:
        return None
    return RaterTable(raters=[rater_label(r, lang) for r in columns],
                      rows=[rater_row(i, columns, lang) for i in rated])


def domain_note(d: DomainResult, lang: Lang) -> str:
    if d.status == "not_applicable":
        return say("na.domain", lang, max=points(d.max))
    if not d.not_applicable:
        return ""
    key = "na.rescaled" if d.applicable_max < d.max else "na.zero"
    return say(key, lang, ids=joined(d.not_applicable, lang), applicable=points(d.applicable_max), max=points(d.max))


def domain_section(d: DomainResult, result: Result, lang: Lang) -> DomainSection:
    indicators = [i for i in result.indicators if i.domain == d.id]
    columns = rater_columns(result) if result.mode == "evaluation" else []
    return DomainSection(
        id=d.id, name=d.name(lang), points=points_of(d.points, d.max, lang), share=share_of(d.points, d.max),
        note=domain_note(d, lang), rows=[indicator_row(i, result.mode, lang) for i in indicators],
        raters=rater_table(indicators, columns, lang), applicable=d.status == "scored",
    )
