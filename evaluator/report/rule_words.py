"""A scoring rule in words: a sentence, a formula with field names instead of ids, a table of bands.

Why: the evaluated side should understand how every point is earned without reading YAML, and the
feedback report explains scores with the same text. The exact expression stays available (`source`)
so nothing is lost in translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

from evaluator.i18n import N_, Lang, t
from evaluator.numbers import exact, number, percent, points
from evaluator.report.phrasing import ts
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Indicator
from evaluator.rubric.rules import (
    Band,
    ChecklistRule,
    ExpressionRule,
    RatingRule,
    RatioRule,
    RosterRule,
    Rule,
)
from evaluator.scoring.samples import cap_below_full

TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>>=|<=|==|!=|\*\*|\S))")
OPERATORS = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠", "*": "×", "/": "÷", "**": "^"}
KEYWORDS = {"and": N_("and"), "or": N_("or"), "not": N_("not"), "null": N_("empty"), "true": N_("yes"), "false": N_("no")}
ON_ZERO = {"not_applicable": N_("When the denominator is 0: not applicable."),
           "zero": N_("When the denominator is 0: scored 0."), "full": N_("When the denominator is 0: full points.")}
ON_ERROR = {"not_applicable": N_("When it cannot be computed (e.g. division by 0): not applicable."),
            "zero": N_("When it cannot be computed (e.g. division by 0): scored 0."),
            "missing": N_("When it cannot be computed (e.g. division by 0): treated as missing evidence.")}
ON_MISSING = {"missing": N_("Without evidence: no points for now, marked 'evidence missing'; the result is provisional."),
              "zero": N_("Without evidence: scored 0."),
              "not_applicable": N_("Without evidence: not applicable, handled by the domain's rule for that.")}
ROSTER_RULE = {"count": N_("The number of roster organizations meeting the condition below, scored by band."),
               "share": N_("The share of roster organizations meeting the condition below, scored by band.")}


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
    words: list[str] = field(default_factory=list)   # a formula of choices, said in sentences instead


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
                tokens.append(Token("word", t(lang, KEYWORDS[word]) if word in KEYWORDS else word))
        else:
            tokens.append(Token("op", OPERATORS.get(match["op"], match["op"])))
    return tokens


def _split(tokens: list[Token], sign: str) -> list[list[Token]]:
    """`tokens` cut at `sign` outside brackets."""
    parts: list[list[Token]] = [[]]
    depth = 0
    for tok in tokens:
        if tok.kind == "op" and tok.text == "(":
            depth += 1
        elif tok.kind == "op" and tok.text == ")":
            depth -= 1
        if depth == 0 and tok.kind == "op" and tok.text == sign:
            parts.append([])
        else:
            parts[-1].append(tok)
    return parts


def _unwrap(tokens: list[Token]) -> list[Token]:
    """`tokens` without brackets around the whole."""
    while len(tokens) > 2 and tokens[0].text == "(" and tokens[-1].text == ")" and _closes_last(tokens):
        tokens = tokens[1:-1]
    return tokens


def _closes_last(tokens: list[Token]) -> bool:
    """Whether the first bracket of `tokens` closes at the last token."""
    depth = 0
    for n, tok in enumerate(tokens):
        depth += (tok.kind == "op" and tok.text == "(") - (tok.kind == "op" and tok.text == ")")
        if depth == 0:
            return n == len(tokens) - 1
    return False


def _text(tokens: list[Token], lang: Lang) -> str:
    """A condition or a value as words: a yes/no field alone reads “label” = yes."""
    if len(tokens) == 1 and tokens[0].kind == "var":
        return ts(lang, "'{label}' is yes", label=tokens[0].text)
    out = ""
    for tok in tokens:
        glue = "" if not out or tok.text == ")" or out.endswith("(") else " "
        out += glue + (t(lang, "'{label}'", label=tok.text) if tok.kind == "var" else tok.text)
    return out


def _choice(tokens: list[Token], lang: Lang) -> str | None:
    """`cond ? a : b` (b possibly another choice) in words; None if `tokens` are not a choice."""
    tokens = _unwrap(tokens)
    asked = _split(tokens, "?")
    if len(asked) != 2:
        return None
    branches = _split(asked[1], ":")
    if len(branches) != 2:
        return None
    otherwise = _choice(branches[1], lang)
    condition, then = _text(_unwrap(asked[0]), lang), _text(_unwrap(branches[0]), lang)
    if otherwise is None:
        return ts(lang, "{then} when {condition}, else {otherwise}", condition=condition, then=then,
                  otherwise=_text(_unwrap(branches[1]), lang))
    return ts(lang, "{then} when {condition}; otherwise {rest}", condition=condition, then=then, rest=otherwise)


def in_words(expression: str, names: Mapping[str, str], lang: Lang) -> list[str]:
    """An expression made of choices (`cond ? a : b`, alone or added up) as one sentence per part, so that a
    reader never meets the `? :` notation; [] for arithmetic, which reads as a formula with field names."""
    terms = _split(formula(expression, names, lang), "+")
    said = [_choice(term, lang) for term in terms]
    if any(s is None for s in said):
        return []
    if len(said) == 1:
        return [s for s in said if s]
    return [t(lang, "The parts below are added up:")] + [s for s in said if s]


def points_of_score(score: float, worth: float) -> str:
    """The points a score gives an indicator worth `worth`, as a result publishes them."""
    return points(exact(score) * exact(worth))


def band_table(bands: list[Band], worth: float, fmt: Callable[[float], str], lang: Lang) -> Table:
    """One row per band: the range it covers, the share of points and the points it gives."""
    rows = []
    for i, band in enumerate(bands):
        upper = bands[i + 1].min if i + 1 < len(bands) else None
        if len(bands) == 1:
            span = t(lang, "any value")
        elif i == 0 and upper is not None:
            span = ts(lang, "under {hi}", hi=fmt(upper))
        elif upper is None:
            span = ts(lang, "{lo} or more", lo=fmt(band.min))
        else:
            span = ts(lang, "{lo} to under {hi}", lo=fmt(band.min), hi=fmt(upper))
        rows.append([span, percent(band.score, None), ts(lang, "{n} pts", n=points_of_score(band.score, worth))])
    headers = [t(lang, "Value"), t(lang, "Share"), t(lang, "Points")]
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
    head = [t(lang, "Level"), t(lang, "Anchor"), t(lang, "Points")]
    rows = [[str(level), text(lang), ts(lang, "{n} pts", n=points_of_score(level / 4, ind.points))]
            for level, text in sorted(rule.levels.items())]
    return RuleView("rating", t(lang, "Rated on anchors"),
                    t(lang, "A level from 0 to 4 is given against the anchors below; score = level ÷ 4 × the points."),
                    table=Table(head, rows, (2,)))


def _checklist(rule: ChecklistRule, ind: Indicator, fields: Mapping[str, EvidenceField], lang: Lang) -> RuleView:
    total = sum(item.weight for item in rule.items)
    head = [t(lang, "Item"), t(lang, "Weight"), t(lang, "Points")]
    rows = [[fields[item.input].label(lang), number(item.weight, None),
             ts(lang, "{n} pts", n=points(exact(item.weight) / exact(total) * exact(ind.points)))] for item in rule.items]
    return RuleView("checklist", t(lang, "Checklist"),
                    ts(lang, "Each item met earns its weight; score = weight met ÷ total weight {total} × the points.",
                       total=number(total, None)),
                    table=Table(head, rows, (1, 2)))


def describe(ind: Indicator, fields: Mapping[str, EvidenceField], roster: Mapping[str, str], lang: Lang) -> RuleView:
    """The indicator's rule in words; `roster` names the roster columns (for roster conditions)."""
    rule, labels = ind.rule, {k: f.label(lang) for k, f in fields.items()}
    if isinstance(rule, RatingRule):
        view = _rating(rule, ind, lang)
    elif isinstance(rule, ChecklistRule):
        view = _checklist(rule, ind, fields, lang)
    elif isinstance(rule, RatioRule):
        view = RuleView("ratio", t(lang, "Ratio bands"),
                        ts(lang, "Ratio = {numerator} ÷ {denominator}, scored by the band it falls in.",
                           numerator=labels[rule.numerator], denominator=labels[rule.denominator]),
                        table=band_table(rule.bands, ind.points, declared_percent, lang),
                        notes=[t(lang, ON_ZERO[rule.on_zero_denominator])])
    elif isinstance(rule, RosterRule):
        view = _roster(rule, ind, roster, lang)
    elif isinstance(rule, ExpressionRule):
        view = RuleView("expression", t(lang, "Formula"),
                        t(lang, "Computed by the formula below and scored by the band the result falls in."),
                        formula=formula(rule.expression, labels, lang), source=rule.expression,
                        words=in_words(rule.expression, labels, lang),
                        table=band_table(rule.bands, ind.points, declared, lang),
                        notes=[t(lang, ON_ERROR[rule.on_error])])
    else:  # bands
        view = RuleView("bands", t(lang, "Value bands"), ts(lang, "Scored by the band that '{input}' falls in.",
                                                            input=labels[rule.input]),
                        table=band_table(rule.bands, ind.points, field_format(fields.get(rule.input), lang), lang))
    return replace(view, notes=view.notes + _sample(rule, labels, ind, lang) + [t(lang, ON_MISSING[rule.on_missing])])


def _sample(rule: Rule, labels: Mapping[str, str], ind: Indicator, lang: Lang) -> list[str]:
    """The minimum sample in words, with the cap below it."""
    sample = rule.sample()
    bands = rule.band_lists()
    if sample is None or not bands:
        return []
    cap = percent(cap_below_full([b.score for b in bands[0][1]]))
    if sample.share_of is None:
        return [ts(lang, "Thin evidence: when '{size}' is under {n} or not filled, the indicator scores at most {cap}.",
                   size=labels[sample.size], n=sample.at_least, cap=cap)]
    if not sample.share:
        return [ts(lang, "Thin evidence: when '{size}' is under {n} (all of '{population}' where that is under {n}) or not "
                         "filled, the indicator scores at most {cap}.", size=labels[sample.size], n=sample.at_least,
                    population=labels[sample.share_of], cap=cap)]
    return [ts(lang, "Thin evidence: when '{size}' is under {n}, under {share} of '{population}', or either is not filled, the "
                     "indicator scores at most {cap}.", size=labels[sample.size], n=sample.at_least,
                     population=labels[sample.share_of],
                share=percent(sample.share, None), cap=cap)]


def _roster(rule: RosterRule, ind: Indicator, roster: Mapping[str, str], lang: Lang) -> RuleView:
    names = {**roster, "stage": t(lang, "maturity stage")}
    fmt = declared_percent if rule.measure == "share" else (lambda v: ts(lang, "{n} organizations", n=number(v, None)))
    return RuleView("roster", t(lang, "Roster count"), t(lang, ROSTER_RULE[rule.measure]),
                    formula=formula(rule.where, names, lang), source=rule.where,
                    table=band_table(rule.bands, ind.points, fmt, lang),
                    notes=[t(lang, "An empty roster counts as missing evidence.")])
