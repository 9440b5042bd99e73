"""Where a measured value stands among its rule's bands, in plain words with units: the measure, the band
it reached and what the next band needs ("参与户数 1,120 户 ÷ 总户数 3,180 户 = 35.2%，达到“25% 至不足 50%”
一档，得 1 分；提高到 50% 可得 1.5 分").

Pure: an indicator's result and its definition in the rubric. The unit of a formula's value comes from the
fields it divides (元 ÷ 人 reads 元/人; a share of like units reads as a percent).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from evaluator.i18n import Lang
from evaluator.numbers import exact, number, percent, points
from evaluator.report.phrasing import listed, ts
from evaluator.report.rule_words import (
    TOKEN,
    band_table,
    declared,
    declared_percent,
    field_format,
)
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Indicator
from evaluator.rubric.rules import BandsRule, ExpressionRule, RatioRule, RosterRule
from evaluator.scoring.result import IndicatorResult, Trace

Format = Callable[[float], str]


def _unit(field: EvidenceField, lang: Lang) -> str:
    return field.unit(lang) if field.unit is not None else ""


def _units(part: str, fields: Mapping[str, EvidenceField], lang: Lang) -> set[str]:
    return {_unit(fields[m["name"]], lang) for m in TOKEN.finditer(part) if m["name"] and m["name"] in fields}


def measured_percent(v: float) -> str:
    return percent(v)


def measured(v: float) -> str:
    return number(v)


def expression_format(rule: ExpressionRule, fields: Mapping[str, EvidenceField], trace: Trace, lang: Lang,
                      exact_figures: bool) -> Format:
    """How a formula's value reads: a percent when it is a share, "175.71 元/人" when it divides one unit by
    another, the bare number otherwise; `exact_figures` for a rubric's band limits (written as declared),
    else a measured value (rounded as every output rounds it)."""
    as_percent, plain = (declared_percent, declared) if exact_figures else (measured_percent, measured)
    if trace.percent:
        return as_percent
    depth, cut = 0, None
    for n, ch in enumerate(rule.expression):
        depth += (ch == "(") - (ch == ")")
        if ch == "/" and depth == 0:
            cut = n
            break
    if cut is None:
        return plain
    top, bottom = _units(rule.expression[:cut], fields, lang), _units(rule.expression[cut + 1:], fields, lang)
    if len(top) == 1 and top == bottom:
        return as_percent
    if len(top) == 1 and len(bottom) == 1 and "" not in top | bottom:
        unit = f"{next(iter(top))}/{next(iter(bottom))}"
        return lambda v: ts(lang, "{n} {unit}", n=plain(v), unit=unit)
    return plain


def value_format(ind: IndicatorResult, definition: Indicator, fields: Mapping[str, EvidenceField],
                 lang: Lang, exact_figures: bool = False) -> Format | None:
    """How the indicator's measured value (or, `exact_figures`, its rule's band limits) reads, with its unit."""
    rule = definition.rule
    as_percent = declared_percent if exact_figures else measured_percent
    if isinstance(rule, RatioRule):
        return as_percent
    if isinstance(rule, BandsRule):
        return field_format(fields.get(rule.input), lang)
    if isinstance(rule, RosterRule):
        return as_percent if rule.measure == "share" else (lambda v: ts(lang, "{n} organizations", n=number(v, None)))
    if isinstance(rule, ExpressionRule):
        return expression_format(rule, fields, ind.trace, lang, exact_figures)
    return None


def measure(ind: IndicatorResult, fmt: Format, lang: Lang) -> str:
    """The value with what it was made of: "a 1,120 户 ÷ b 3,180 户 = 35.2%", "人均培训时数 12 小时"."""
    tr, value = ind.trace, fmt(ind.trace.value or 0)
    if tr.rule == "ratio" and len(tr.inputs) == 2:
        top, bottom = tr.inputs
        return ts(lang, "{top} {top_value} ÷ {bottom} {bottom_value} = {value}", top=top.label(lang),
                  top_value=top.shown(lang), bottom=bottom.label(lang), bottom_value=bottom.shown(lang), value=value)
    if tr.rule == "bands" and tr.inputs:
        return ts(lang, "{label}: {value}", label=tr.inputs[0].label(lang), value=tr.inputs[0].shown(lang))
    if tr.rule == "roster" and tr.inputs:
        return ts(lang, "{met} of the {n} organizations on the roster meet the condition", met=len(tr.inputs) - 1,
                  n=tr.inputs[0].value)
    if tr.rule == "expression":
        parts = listed([ts(lang, "{label}: {value}", label=i.label(lang), value=i.shown(lang)) for i in tr.inputs], lang)
        return ts(lang, "{parts}; result {value}", parts=parts, value=value)
    return value


def band_basis(ind: IndicatorResult, definition: Indicator | None, fields: Mapping[str, EvidenceField],
               lang: Lang) -> str | None:
    """The measure, the band it reached and the next band's need and points; None when the indicator is not
    scored on one list of bands (ratings and checklists say it their own way)."""
    if definition is None or ind.status != "scored" or ind.trace.value is None or ind.trace.score is None:
        return None
    lists = definition.rule.band_lists()
    fmt, limits = value_format(ind, definition, fields, lang), value_format(ind, definition, fields, lang, True)
    if len(lists) != 1 or fmt is None or limits is None:
        return None
    bands = sorted(lists[0][1], key=lambda b: b.min)
    rows = band_table(bands, definition.points, limits, lang).rows
    value = exact(ind.trace.value)
    reached = max((n for n, b in enumerate(bands) if exact(b.min) <= value), default=0)
    said = measure(ind, fmt, lang)
    score = exact(ind.trace.score)
    if score >= 1:
        return ts(lang, "{measure}: in the band {band}, full points.", measure=said, band=rows[reached][0])
    capped = score < exact(bands[reached].score)   # a thin sample caps the score below the band's
    text = ts(lang, "{measure}: in the band {band}, scoring {points}.", measure=said, band=rows[reached][0],
              points=points(score * exact(definition.points)))
    above = [b for b in bands[reached + 1:] if exact(b.score) > exact(bands[reached].score)]
    if above and not capped:
        nxt = above[0]
        text += ts(lang, " Reaching {need} would score {points}.", need=limits(nxt.min),
                   points=points(exact(nxt.score) * exact(definition.points)))
    return text


