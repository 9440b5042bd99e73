"""Scoring each rule kind: pure functions from a rule and the evidence to an `Outcome`.

Dispatch is on the rule's model class (the discriminated union), one function per kind. An outcome
says what was measured, from which cells, the comparisons that chose the score, and a sentence
fragment; `indicator.py` turns it into points and a full sentence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import singledispatch
from typing import Any

from evaluator.evidence import Scalar
from evaluator.expressions import Expression, ExpressionError
from evaluator.i18n import N_, Lang, pt, t
from evaluator.numbers import exact, number, percent
from evaluator.rubric.bilingual import Text
from evaluator.rubric.models import Indicator
from evaluator.rubric.rules import (
    BandsRule,
    ChecklistRule,
    ExpressionRule,
    OnMissing,
    RatingRule,
    RatioRule,
    RosterRule,
)
from evaluator.scoring.bands import band_score
from evaluator.scoring.context import ScoringContext
from evaluator.scoring.ratings import official_rating
from evaluator.scoring.readable import at_cell, in_both, listed, value_at_cell
from evaluator.scoring.result import Comparison, Status, TraceInput

# what the expression engine says when a division by zero stops it, said plainly in the trace
DIVISION_BY_ZERO = (N_("arithmetic error: division by zero"), N_("division by zero"), N_("float division by zero"),
                    N_("integer division or modulo by zero"))


@dataclass
class Outcome:
    status: Status
    score: Fraction | None                                     # exact, 0-1
    detail: Text
    inputs: list[TraceInput] = field(default_factory=list)
    value: Fraction | None = None                              # the measure, exact
    comparisons: list[Comparison] = field(default_factory=list)
    missing: list[TraceInput] = field(default_factory=list)   # inputs the score needed and did not get
    percent: bool = False                                      # the measured value reads as a percentage


def _unfilled(inputs: list[TraceInput]) -> list[TraceInput]:
    return [i for i in inputs if i.value is None]


def _when_missing(on_missing: OnMissing, inputs: list[TraceInput], missing: list[TraceInput]) -> Outcome:
    detail = in_both(lambda lang: t(lang, "{names} not filled",
                                    names=listed(lang, (at_cell(lang, i.label, i.cell or "—") for i in missing))))
    statuses: dict[OnMissing, Status] = {"missing": "missing", "zero": "scored", "not_applicable": "not_applicable"}
    status = statuses[on_missing]
    return Outcome(status, Fraction(0) if on_missing == "zero" else None, detail, inputs, missing=missing)


@singledispatch
def score_rule(rule: object, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    raise TypeError(f"no scorer for rule kind {type(rule).__name__}")


@score_rule.register
def _(rule: BandsRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    inputs = [ctx.trace_input(rule.input)]
    if missing := _unfilled(inputs):
        return _when_missing(rule.on_missing, inputs, missing)
    value = _numeric(inputs[0].value)
    score, comparisons = band_score(value, rule.bands)
    measured = inputs[0]
    detail = in_both(lambda lang: value_at_cell(lang, measured.label, measured.shown, measured.cell))
    percent = ctx.fields[rule.input].type == "percent"
    return Outcome("scored", score, detail, inputs, value, comparisons, percent=percent)


@score_rule.register
def _(rule: RatioRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    top, bottom = ctx.trace_input(rule.numerator), ctx.trace_input(rule.denominator)
    inputs = [top, bottom]
    if missing := _unfilled(inputs):
        return _when_missing(rule.on_missing, inputs, missing)
    said = in_both(lambda lang: t(lang, "{top} ÷ {bottom}", top=value_at_cell(lang, top.label, top.shown, top.cell),
                                  bottom=value_at_cell(lang, bottom.label, bottom.shown, bottom.cell)))
    if _numeric(bottom.value) == 0:
        outcome: dict[str, tuple[Status, Fraction | None]] = {
            "not_applicable": ("not_applicable", None), "zero": ("scored", Fraction(0)), "full": ("scored", Fraction(1))}
        status, score = outcome[rule.on_zero_denominator]
        zero = Comparison(left=0, op="==", right=0, holds=True)
        detail = in_both(lambda lang: t(lang, "{ratio}, the denominator is 0", ratio=said(lang)))
        return Outcome(status, score, detail, inputs, None, [zero])
    ratio = _numeric(top.value) / _numeric(bottom.value)
    score, comparisons = band_score(ratio, rule.bands)
    as_percent = percent(ratio)
    detail = in_both(lambda lang: f"{said(lang)} = {as_percent}")
    return Outcome("scored", score, detail, inputs, ratio, comparisons, percent=True)


@score_rule.register
def _(rule: ChecklistRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    inputs = [ctx.trace_input(item.input) for item in rule.items]
    missing = _unfilled(inputs)
    if missing and rule.on_missing != "zero":
        return _when_missing(rule.on_missing, inputs, missing)
    total = sum(exact(item.weight) for item in rule.items)
    met = sum((exact(item.weight) for item, inp in zip(rule.items, inputs, strict=True) if inp.value is True), Fraction(0))
    detail = in_both(lambda lang: t(lang, "{items}: weight met {met}/{total}", met=number(met), total=number(total),
                                    items=listed(lang, (value_at_cell(lang, i.label, _tick(i), i.cell) for i in inputs))))
    return Outcome("scored", met / total, detail, inputs, met / total, missing=missing)


@score_rule.register
def _(rule: RosterRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    size = len(ctx.roster)
    roster_input = TraceInput(id="roster", label=in_both(lambda lang: t(lang, "self-organization roster")), value=size,
                              shown=in_both(lambda lang: pt(lang, "roster size", "{n}", n=size)), cell=None)
    if not ctx.roster:
        return _when_missing(rule.on_missing, [roster_input], [roster_input.model_copy(update={"value": None})])
    condition = ctx.expression(rule.where, "roster")
    meeting = [e for e in ctx.roster if _holds(condition, e.values)]
    inputs = [roster_input] + [
        TraceInput(id=f"roster:{e.row}", label=Text(zh=e.name, en=e.name), value=e.values["stage"],
                   shown=_stage(e.values["stage"]), cell=e.cell)
        for e in meeting
    ]
    count, share = len(meeting), Fraction(len(meeting), len(ctx.roster))
    value = Fraction(count) if rule.measure == "count" else share
    score, comparisons = band_score(value, rule.bands)
    shown = number(count) if rule.measure == "count" else percent(share)

    def sentence(lang: Lang) -> str:
        found = t(lang, "{count} of {total} organizations on the roster meet {where}", count=count, total=size,
                  where=rule.where)
        if count:
            found += t(lang, " ({names})", names=listed(lang, (at_cell(lang, i.label, i.cell) for i in inputs[1:])))
        return pt(lang, "roster", "{found}: {shown}", found=found, shown=shown)

    detail = in_both(sentence)
    return Outcome("scored", score, detail, inputs, value, comparisons, percent=rule.measure == "share")


@score_rule.register
def _(rule: ExpressionRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    compiled = ctx.expression(rule.expression, "evidence")
    inputs = [ctx.trace_input(name) for name in compiled.references]
    if missing := _unfilled(inputs):
        return _when_missing(rule.on_missing, inputs, missing)

    def values(lang: Lang) -> str:
        return pt(lang, "values", ", ").join(value_at_cell(lang, i.label, i.shown, i.cell) for i in inputs)

    try:
        value = compiled.number({i.id: i.value for i in inputs})
    except ExpressionError as exc:
        failed = _when_missing(rule.on_error, inputs, [])
        why = exc.detail
        failed.detail = in_both(lambda lang: t(lang, "{values}: {expression} cannot be computed ({why})",
                                               values=values(lang), expression=rule.expression,
                                               why=t(lang, why) if why in DIVISION_BY_ZERO else why))
        return failed
    score, comparisons = band_score(value, rule.bands)
    result = number(value)
    detail = in_both(lambda lang: t(lang, "{values}: {expression} = {value}", values=values(lang),
                                    expression=rule.expression, value=result))
    return Outcome("scored", score, detail, inputs, value, comparisons)


@score_rule.register
def _(rule: RatingRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    official = official_rating(indicator, ctx)
    if official.level is None:
        missing = TraceInput(id=f"rating:{indicator.id}", label=in_both(lambda lang: pt(lang, "trace", "rating")),
                             value=None, shown=in_both(lambda lang: t(lang, "not filled")), cell=official.cell)
        outcome = _when_missing(rule.on_missing, [], [missing])
        outcome.detail = official.how
        return outcome
    level = exact(official.level)
    return Outcome("scored", level / 4, official.how, [], level, official.comparisons)


def _numeric(value: Scalar) -> Fraction:
    """A filled numeric input's exact value (the rubric check lets only number fields into these rules)."""
    if isinstance(value, (int, float, str)):
        return exact(value)
    raise TypeError(f"expected a number, found {value!r}")


def _stage(stage: object) -> Text:
    return in_both(lambda lang: t(lang, "stage {stage}", stage=stage))


def _tick(item: TraceInput) -> str:
    return "✓" if item.value is True else "✗" if item.value is False else "?"


def _holds(condition: Expression, values: dict[str, Any]) -> bool:
    try:
        return bool(condition.evaluate(values))
    except ExpressionError:
        return False
