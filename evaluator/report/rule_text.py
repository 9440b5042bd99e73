"""A scoring rule in words: a sentence, a formula with field names instead of ids, a table of bands.

Why: the evaluated side should understand how every point is earned without reading YAML, and the
feedback report explains scores with the same text. The exact expression stays available (`source`)
so nothing is lost in translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from evaluator.messages import Lang
from evaluator.numbers import exact, number, percent, points
from evaluator.report.words import say
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Indicator
from evaluator.rubric.rules import Band, ChecklistRule, ExpressionRule, RatingRule, RatioRule, RosterRule, Rule
from evaluator.scoring.samples import cap_below_full

TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>>=|<=|==|!=|\*\*|\S))")
OPERATORS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", "*": "×", "/": "÷", "**": "^"}
KEYWORDS = {"and": "and", "or": "or", "not": "not", "null": "null", "true": "yes", "false": "no"}


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]
    numeric: tuple[int, ...] = ()  # columns to right-align


@dataclass(frozen=True)
class Token:
    kind: str  # var | op | num | word
    text: str


@dataclass(frozen=True)
class RuleView:
    kind: str
    kind_label: str
    summary: str
    formula: list[Token] | None = None
    source: str | None = None
    table: Table | None = None
    notes: list[str] = field(default_factory=list)


def formula(expression: str, names: Mapping[str, str], lang: Lang) -> list[Token]:
    """The expression as tokens, with field ids replaced by their labels and operators by math signs."""
    tokens = []
    for match in TOKEN.finditer(expression):
        if match["num"]:
            tokens.append(Token("num", match["num"]))
        elif match["name"]:
            word = match["name"]
            if word in names:
                tokens.append(Token("var", names[word]))
            else:
                tokens.append(Token("word", say(KEYWORDS[word], lang) if word in KEYWORDS else word))
        else:
            tokens.append(Token("op", OPERATORS.get(match["op"], match["op"])))
    return tokens


def points_of_score(score: float, worth: float) -> str:
    """The points a score gives an indicator worth `worth`, as a result publishes them."""
    return points(exact(score) * exact(worth))


def band_table(bands: list[Band], worth: float, fmt: Callable[[float], str], lang: Lang) -> Table:
    """One row per band: the range it covers, the share of points and the points it gives."""
    rows = []
    for i, band in enumerate(bands):
        upper = bands[i + 1].min if i + 1 < len(bands) else None
        if len(bands) == 1:
            span = say("any_value", lang)
        elif i == 0 and upper is not None:
            span = say("below", lang, hi=fmt(upper))
        elif upper is None:
            span = say("at_least", lang, lo=fmt(band.min))
        else:
            span = say("between", lang, lo=fmt(band.min), hi=fmt(upper))
        rows.append([span, percent(band.score, None), say("points", lang, n=points_of_score(band.score, worth))])
    headers = ["取值", "得分率", "得分"] if lang == "zh" else ["Value", "Share", "Points"]
    return Table(headers, rows, numeric=(1, 2))


def field_format(f: EvidenceField | None, lang: Lang) -> Callable[[float], str]:
    if f is not None and f.type == "percent":
        return declared_percent
    unit = f" {f.unit(lang)}" if f is not None and f.unit else ""
    return lambda v: number(v, None) + unit


def declared_percent(v: float) -> str:
    return percent(v, None)


def declared(v: float) -> str:
    return number(v, None)


def _rating(rule: RatingRule, ind: Indicator, lang: Lang) -> RuleView:
    head = ["等级", "描述", "得分"] if lang == "zh" else ["Level", "Anchor", "Points"]
    rows = [[str(level), text(lang), say("points", lang, n=points_of_score(level / 4, ind.points))]
            for level, text in sorted(rule.levels.items())]
    return RuleView("rating", say("kind.rating", lang), say("rule.rating", lang), table=Table(head, rows, (2,)))


def _checklist(rule: ChecklistRule, ind: Indicator, fields: Mapping[str, EvidenceField], lang: Lang) -> RuleView:
    total = sum(item.weight for item in rule.items)
    head = ["条目", "权重", "得分"] if lang == "zh" else ["Item", "Weight", "Points"]
    rows = [[fields[item.input].label(lang), number(item.weight, None),
             say("points", lang, n=points(exact(item.weight) / exact(total) * exact(ind.points)))] for item in rule.items]
    return RuleView("checklist", say("kind.checklist", lang), say("rule.checklist", lang, total=number(total, None)),
                    table=Table(head, rows, (1, 2)))


def describe(ind: Indicator, fields: Mapping[str, EvidenceField], roster: Mapping[str, str], lang: Lang) -> RuleView:
    """The indicator's rule in words; `roster` names the roster columns (for roster conditions)."""
    rule, labels = ind.rule, {k: f.label(lang) for k, f in fields.items()}
    if isinstance(rule, RatingRule):
        view = _rating(rule, ind, lang)
    elif isinstance(rule, ChecklistRule):
        view = _checklist(rule, ind, fields, lang)
    elif isinstance(rule, RatioRule):
        view = RuleView("ratio", say("kind.ratio", lang), say("rule.ratio", lang, numerator=labels[rule.numerator],
                        denominator=labels[rule.denominator]), table=band_table(rule.bands, ind.points, declared_percent, lang),
                        notes=[say(f"zero.{rule.on_zero_denominator}", lang)])
    elif isinstance(rule, RosterRule):
        view = _roster(rule, ind, roster, lang)
    elif isinstance(rule, ExpressionRule):
        view = RuleView("expression", say("kind.expression", lang), say("rule.expression", lang),
                        formula=formula(rule.expression, labels, lang), source=rule.expression,
                        table=band_table(rule.bands, ind.points, declared, lang),
                        notes=[say(f"error.{rule.on_error}", lang)] + _ternary(rule.expression, lang))
    else:  # bands
        view = RuleView("bands", say("kind.bands", lang), say("rule.bands", lang, input=labels[rule.input]),
                        table=band_table(rule.bands, ind.points, field_format(fields.get(rule.input), lang), lang))
    return replace(view, notes=view.notes + _sample(rule, labels, ind, lang) + [say(f"missing.{rule.on_missing}", lang)])


def _sample(rule: Rule, labels: Mapping[str, str], ind: Indicator, lang: Lang) -> list[str]:
    """The minimum sample in words, with the cap below it."""
    sample = rule.sample()
    bands = rule.band_lists()
    if sample is None or not bands:
        return []
    cap = percent(cap_below_full([b.score for b in bands[0][1]]))
    if sample.share_of is None:
        return [say("sample.fixed", lang, size=labels[sample.size], n=sample.at_least, cap=cap)]
    if not sample.share:
        return [say("sample.census", lang, size=labels[sample.size], n=sample.at_least,
                    population=labels[sample.share_of], cap=cap)]
    return [say("sample.share", lang, size=labels[sample.size], n=sample.at_least, population=labels[sample.share_of],
                share=percent(sample.share, None), cap=cap)]


def _roster(rule: RosterRule, ind: Indicator, roster: Mapping[str, str], lang: Lang) -> RuleView:
    names = {**roster, "stage": say("stage", lang)}
    unit = " 个" if lang == "zh" else ""
    fmt = declared_percent if rule.measure == "share" else (lambda v: number(v, None) + unit)
    return RuleView("roster", say("kind.roster", lang), say(f"rule.roster.{rule.measure}", lang),
                    formula=formula(rule.where, names, lang), source=rule.where,
                    table=band_table(rule.bands, ind.points, fmt, lang),
                    notes=[say("roster_empty", lang), *_ternary(rule.where, lang)])


def _ternary(expression: str, lang: Lang) -> list[str]:
    return [say("ternary", lang)] if "?" in expression else []
