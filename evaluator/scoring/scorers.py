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
from evaluator.scoring.result import Comparison, Status, TraceInput


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
    names_zh = "、".join(f"{i.label.zh}（{i.cell or '—'}）" for i in missing)
    names_en = ", ".join(f"{i.label.en} ({i.cell or '—'})" for i in missing)
    detail = Text(zh=f"{names_zh}未填写", en=f"{names_en} not filled")
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
    detail = Text(zh=f"{inputs[0].label.zh} {inputs[0].shown.zh}（{inputs[0].cell}）",
                  en=f"{inputs[0].label.en} {inputs[0].shown.en} ({inputs[0].cell})")
    percent = ctx.fields[rule.input].type == "percent"
    return Outcome("scored", score, detail, inputs, value, comparisons, percent=percent)


@score_rule.register
def _(rule: RatioRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    top, bottom = ctx.trace_input(rule.numerator), ctx.trace_input(rule.denominator)
    inputs = [top, bottom]
    if missing := _unfilled(inputs):
        return _when_missing(rule.on_missing, inputs, missing)
    said = Text(zh=f"{top.label.zh} {top.shown.zh}（{top.cell}）÷ {bottom.label.zh} {bottom.shown.zh}（{bottom.cell}）",
                en=f"{top.label.en} {top.shown.en} ({top.cell}) ÷ {bottom.label.en} {bottom.shown.en} ({bottom.cell})")
    if _numeric(bottom.value) == 0:
        outcome: dict[str, tuple[Status, Fraction | None]] = {
            "not_applicable": ("not_applicable", None), "zero": ("scored", Fraction(0)), "full": ("scored", Fraction(1))}
        status, score = outcome[rule.on_zero_denominator]
        zero = Comparison(left=0, op="==", right=0, holds=True)
        detail = Text(zh=f"{said.zh}，分母为 0", en=f"{said.en}, the denominator is 0")
        return Outcome(status, score, detail, inputs, None, [zero])
    ratio = _numeric(top.value) / _numeric(bottom.value)
    score, comparisons = band_score(ratio, rule.bands)
    detail = Text(zh=f"{said.zh} = {percent(ratio)}", en=f"{said.en} = {percent(ratio)}")
    return Outcome("scored", score, detail, inputs, ratio, comparisons, percent=True)


@score_rule.register
def _(rule: ChecklistRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    inputs = [ctx.trace_input(item.input) for item in rule.items]
    missing = _unfilled(inputs)
    if missing and rule.on_missing != "zero":
        return _when_missing(rule.on_missing, inputs, missing)
    total = sum(exact(item.weight) for item in rule.items)
    met = sum((exact(item.weight) for item, inp in zip(rule.items, inputs, strict=True) if inp.value is True), Fraction(0))
    ticks_zh = "、".join(f"{i.label.zh} {_tick(i)}（{i.cell}）" for i in inputs)
    ticks_en = ", ".join(f"{i.label.en} {_tick(i)} ({i.cell})" for i in inputs)
    detail = Text(zh=f"{ticks_zh}，满足权重 {number(met)}/{number(total)}",
                  en=f"{ticks_en}: weight met {number(met)}/{number(total)}")
    return Outcome("scored", met / total, detail, inputs, met / total, missing=missing)


@score_rule.register
def _(rule: RosterRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    sheet_cell = Text(zh="自组织名册", en="self-organization roster")
    roster_input = TraceInput(id="roster", label=sheet_cell, value=len(ctx.roster),
                              shown=Text(zh=f"{len(ctx.roster)} 个", en=str(len(ctx.roster))), cell=None)
    if not ctx.roster:
        return _when_missing(rule.on_missing, [roster_input], [roster_input.model_copy(update={"value": None})])
    condition = ctx.expression(rule.where, "roster")
    meeting = [e for e in ctx.roster if _holds(condition, e.values)]
    inputs = [roster_input] + [
        TraceInput(id=f"roster:{e.row}", label=Text(zh=e.name, en=e.name), value=e.values["stage"],
                   shown=Text(zh=f"第 {e.values['stage']} 阶段", en=f"stage {e.values['stage']}"), cell=e.cell)
        for e in meeting
    ]
    count, share = len(meeting), Fraction(len(meeting), len(ctx.roster))
    value = Fraction(count) if rule.measure == "count" else share
    score, comparisons = band_score(value, rule.bands)
    shown = number(count) if rule.measure == "count" else percent(share)
    named_zh = "、".join(f"{i.label.zh}（{i.cell}）" for i in inputs[1:])
    named_en = ", ".join(f"{i.label.en} ({i.cell})" for i in inputs[1:])
    detail = Text(zh=f"名册 {len(ctx.roster)} 个自组织中 {count} 个满足 {rule.where}" + (f"（{named_zh}）" if count else "")
                  + f"，计 {shown}",
                  en=f"{count} of {len(ctx.roster)} organizations on the roster meet {rule.where}"
                  + (f" ({named_en})" if count else "") + f": {shown}")
    return Outcome("scored", score, detail, inputs, value, comparisons, percent=rule.measure == "share")


@score_rule.register
def _(rule: ExpressionRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    compiled = ctx.expression(rule.expression, "evidence")
    inputs = [ctx.trace_input(name) for name in compiled.references]
    if missing := _unfilled(inputs):
        return _when_missing(rule.on_missing, inputs, missing)
    values_zh = "，".join(f"{i.label.zh} {i.shown.zh}（{i.cell}）" for i in inputs)
    values_en = ", ".join(f"{i.label.en} {i.shown.en} ({i.cell})" for i in inputs)
    try:
        value = compiled.number({i.id: i.value for i in inputs})
    except ExpressionError as exc:
        failed = _when_missing(rule.on_error, inputs, [])
        why_zh = "除数为 0" if "zero" in exc.detail else exc.detail
        failed.detail = Text(zh=f"{values_zh}：{rule.expression} 无法计算（{why_zh}）",
                             en=f"{values_en}: {rule.expression} cannot be computed ({exc.detail})")
        return failed
    score, comparisons = band_score(value, rule.bands)
    detail = Text(zh=f"{values_zh}：{rule.expression} = {number(value)}",
                  en=f"{values_en}: {rule.expression} = {number(value)}")
    return Outcome("scored", score, detail, inputs, value, comparisons)


@score_rule.register
def _(rule: RatingRule, indicator: Indicator, ctx: ScoringContext) -> Outcome:
    official = official_rating(indicator, ctx)
    if official.level is None:
        missing = TraceInput(id=f"rating:{indicator.id}", label=Text(zh="评分", en="rating"), value=None,
                             shown=Text(zh="未填写", en="not filled"), cell=official.cell)
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


def _tick(item: TraceInput) -> str:
    return "✓" if item.value is True else "✗" if item.value is False else "?"


def _holds(condition: Expression, values: dict[str, Any]) -> bool:
    try:
        return bool(condition.evaluate(values))
    except ExpressionError:
        return False
