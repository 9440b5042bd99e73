"""One section per domain: each indicator's finding, points and scoring basis, and every rater's level.

The basis is the trace in short: the trace sentence names every cell, which the result JSON keeps;
the report says what was measured and why it scored, in a phrase that fits a table cell.
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluator.i18n import N_, Lang, t
from evaluator.numbers import number, percent, points
from evaluator.report.band_words import band_basis, value_format
from evaluator.report.phrasing import joined, listed, ts
from evaluator.report.raters import FLAGS, rater_label, rater_role
from evaluator.rubric.models import Rubric
from evaluator.scoring.result import (
    DomainResult,
    IndicatorResult,
    Result,
    ThinSample,
    Trace,
)


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
        return t(lang, "Not applicable")
    return ts(lang, "{n} / {max}", n=points(value), max=points(max))


def share_of(value: float | None, max: float) -> str:
    return "—" if value is None or not max else percent(value / max)


def _zero_denominator(tr: Trace) -> bool:
    return tr.rule == "ratio" and any(c.op == "==" for c in tr.comparisons)


def found(ind: IndicatorResult, lang: Lang) -> str:
    tr = ind.trace
    if ind.status == "scored" and _zero_denominator(tr):
        return t(lang, "The denominator is 0")
    if ind.status != "scored" or (tr.value is None and tr.rule != "checklist"):
        return t(lang, "Not applicable") if ind.status == "not_applicable" else t(lang, "Evidence missing")
    if tr.rule == "rating" and tr.value is not None:
        return ts(lang, "Level {n}", n=number(tr.value))
    if tr.rule == "checklist":
        return ts(lang, "{met} of {n}", met=sum(i.value is True for i in tr.inputs), n=len(tr.inputs))
    if tr.rule == "roster":
        return ts(lang, "{met} of {n} organizations", met=len(tr.inputs) - 1, n=tr.inputs[0].value)
    if tr.rule == "bands":
        return tr.inputs[0].shown(lang)
    value = tr.value if tr.value is not None else 0.0   # a checklist without a measure: handled above
    return percent(value) if tr.rule == "ratio" or tr.percent else number(value)


def basis(ind: IndicatorResult, mode: str, lang: Lang) -> str:
    tr = ind.trace
    unfilled = [i.label(lang) for i in tr.inputs if i.value is None]
    if ind.status == "not_applicable":
        if unfilled:
            return ts(lang, "{items} not filled", items=joined(unfilled, lang))
        return t(lang, "The denominator is 0") if _zero_denominator(tr) else t(lang, "Cannot be computed")
    if ind.status == "missing" or (unfilled and tr.value is None and tr.rule != "checklist"):
        return ts(lang, "{items} not filled", items=joined(unfilled, lang))
    if tr.rule == "rating":
        return _rated(ind, mode, lang)
    if tr.rule == "checklist":
        unmet = [i.label(lang) + (t(lang, " (not filled)") if i.value is None else "") for i in tr.inputs
                 if i.value is not True]
        return ts(lang, "Not met: {items}", items=listed(unmet, lang)) if unmet else t(lang, "Every item met")
    if tr.rule == "roster":
        return ts(lang, "{met} of the {n} organizations on the roster meet the condition", met=len(tr.inputs) - 1,
                  n=tr.inputs[0].value)
    if tr.rule == "ratio" and len(tr.inputs) == 2:
        top, bottom = tr.inputs
        return f"{top.label(lang)} {top.shown(lang)} ÷ {bottom.label(lang)} {bottom.shown(lang)}"
    return _values(tr, lang)


def _values(tr: Trace, lang: Lang) -> str:
    """Each input as “label: value” (a bands rule has one input, an expression several)."""
    return listed([ts(lang, "{label}: {value}", label=i.label(lang), value=i.shown(lang)) for i in tr.inputs], lang)


def _rated(ind: IndicatorResult, mode: str, lang: Lang) -> str:
    """Whose level counts: the self-rating (predicted), the consensus, or the evaluators' mean."""
    if mode == "self_assessment":
        return t(lang, "Self-rating, taken as the prediction")
    filled = [r for r in ind.ratings if r.level is not None]
    if any(rater_role(r.rater) == "consensus" for r in filled):
        return t(lang, "Evaluators' consensus")
    levels = [str(r.level) for r in filled if rater_role(r.rater) == "evaluator"]
    if len(levels) > 1:
        return ts(lang, "Evaluators' mean ({levels})", levels=joined(levels, lang))
    return t(lang, "Evaluator's rating")


def thin_note(thin: ThinSample | None, lang: Lang) -> str:
    """Beside an indicator whose sample is below the rubric's minimum: the numbers and the cap."""
    if thin is None:
        return ""
    cap = percent(thin.cap)
    if thin.size is None:
        return ts(lang, "Thin evidence: the sample size is not filled; at most {cap} of the points.", cap=cap)
    if thin.required is None:
        return ts(lang, "Thin evidence: a sample of {size} from a population the form does not give; at most {cap}.",
                  size=number(thin.size), cap=cap)
    return ts(lang, "Thin evidence: a sample of {size}, below the {required} required; at most {cap} of the points.",
              size=number(thin.size), required=number(thin.required), cap=cap)


def indicator_row(ind: IndicatorResult, mode: str, lang: Lang, rubric: Rubric | None = None) -> IndicatorRow:
    """One indicator's line; with the rubric, the value carries its unit and the basis says the band reached
    and what the next band needs."""
    definition = next((i for i in rubric.indicators if i.id == ind.id), None) if rubric is not None else None
    fields = rubric.evidence_fields if rubric is not None else {}
    fmt = value_format(ind, definition, fields, lang) if definition is not None else None
    shown = fmt(ind.trace.value) if fmt is not None and ind.status == "scored" and ind.trace.value is not None \
        and ind.trace.rule in ("ratio", "expression", "roster") and not _zero_denominator(ind.trace) else found(ind, lang)
    return IndicatorRow(id=ind.id, name=ind.name(lang), found=shown, points=points_of(ind.points, ind.max, lang),
                        basis=band_basis(ind, definition, fields, lang) or basis(ind, mode, lang), status=ind.status,
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
                    flags=joined([t(lang, FLAGS[f]) for f in ind.flags], lang))


def rater_table(indicators: list[IndicatorResult], columns: list[str], lang: Lang) -> RaterTable | None:
    rated = [i for i in indicators if i.ratings]
    if not rated or len(columns) < 2:
        return None
    return RaterTable(raters=[rater_label(r, lang) for r in columns],
                      rows=[rater_row(i, columns, lang) for i in rated])


def domain_note(d: DomainResult, lang: Lang) -> str:
    if d.status == "not_applicable":
        return ts(lang, "No indicator of this domain applies: it is not scored, its {max} points are left out of the scale and "
                        "the other domains are scaled up to the total.", max=points(d.max))
    if not d.not_applicable:
        return ""
    key = (N_("Not applicable: {ids}. The domain's other indicators, worth {applicable} points, are scaled up to {max}.")
           if d.applicable_max < d.max else N_("Not applicable: {ids}, scored 0 as the rubric says."))
    return ts(lang, key, ids=joined(d.not_applicable, lang), applicable=points(d.applicable_max), max=points(d.max))


def domain_section(d: DomainResult, result: Result, lang: Lang, rubric: Rubric | None = None) -> DomainSection:
    indicators = [i for i in result.indicators if i.domain == d.id]
    columns = rater_columns(result) if result.mode == "evaluation" else []
    return DomainSection(
        id=d.id, name=d.name(lang), points=points_of(d.points, d.max, lang), share=share_of(d.points, d.max),
        note=domain_note(d, lang), rows=[indicator_row(i, result.mode, lang, rubric) for i in indicators],
        raters=rater_table(indicators, columns, lang), applicable=d.status == "scored",
    )
