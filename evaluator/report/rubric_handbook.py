"""The rubric handbook's view: a `Rubric` turned into plain strings in one language, ready for the template.

Why a view: the template only lays out; every choice of wording (types, ranges, rules in words, level
names) is made here and in `rule_words`, where it can be tested without rendering a PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluator.i18n import N_, Lang, t
from evaluator.messages import FIELD_TYPE_NAMES, METHODS
from evaluator.numbers import number, percent
from evaluator.report.charts.ladder import stage_ladder
from evaluator.report.phrasing import grade_spans, listed, ts
from evaluator.report.render import Renderer
from evaluator.report.rule_words import RuleView, Token, describe, formula
from evaluator.rubric.fields import EvidenceField
from evaluator.rubric.models import Domain, Indicator, Rubric, Stage
from evaluator.rubric.rules import RatingRule

ROLES = {
    "self": N_("The organization rates itself against this handbook"),
    "evaluator": N_("A trained participatory evaluator rates independently"),
    "consensus": N_("The rating the evaluators agree on after discussion"),
    "residents": N_("Resident representatives rate"),
    "committee": N_("The community committee rates"),
}
METHOD_NOTES = {
    "documents": N_("Project files, ledgers, receipts, minutes, photos"),
    "interview": N_("Talks with staff, residents, group leaders, the committee"),
    "observation": N_("Seeing activities, spaces and facilities on site"),
    "survey": N_("Resident questionnaires on awareness and satisfaction"),
}

SHARE_LEVELS = {0: N_("Under 25% of the points"), 1: N_("25% to under 50% of the points"),
                2: N_("50% to under 75% of the points"), 3: N_("75% or more, below full points")}
NOT_APPLICABLE = {
    "rescale": N_("When an indicator does not apply, the domain's other indicators are scaled up to the domain's points."),
    "drop": N_("When an indicator does not apply, its points are dropped from the domain and the total."),
}


@dataclass(frozen=True)
class FieldView:
    id: str
    label: str
    type: str
    unit: str
    range: str
    required: bool
    help: str
    choices: list[str]


@dataclass(frozen=True)
class IndicatorView:
    id: str
    name: str
    points: str
    meaning: str
    look_at: str
    methods: list[str]
    evidence: list[FieldView]
    rule: RuleView
    raters: list[str]
    advice: list[tuple[str, str]]
    source: str        # the publications it draws on, by author and year
    source_note: str   # what was taken from them


@dataclass(frozen=True)
class DomainView:
    id: str
    name: str
    description: str
    points: str
    not_applicable: str
    indicators: list[IndicatorView]


@dataclass(frozen=True)
class StageView:
    level: int
    name: str
    description: str
    criteria: list[tuple[str, list[Token]]]


@dataclass(frozen=True)
class HandbookView:
    lang: Lang
    id: str
    version: str
    sha256: str
    title: str
    description: str
    scale: str
    indicator_count: int
    raters: list[tuple[str, str]]
    default_raters: list[str]
    methods: list[tuple[str, str]]
    grades: list[tuple[str, str]]
    red_lines: list[tuple[str, list[Token]]]
    domains: list[DomainView]
    roster_columns: list[FieldView]
    stages: list[StageView]
    ladder_chart: str  # SVG markup
    references: list[str]  # the rubric's sources, cited


def field_view(f: EvidenceField, lang: Lang) -> FieldView:
    fmt = (lambda v: percent(v, None)) if f.type == "percent" else (lambda v: number(v, None))
    return FieldView(
        id=f.id, label=f.label(lang), type=t(lang, FIELD_TYPE_NAMES[f.type]), unit=f.unit(lang) if f.unit else "",
        range=f"{fmt(f.range[0])} – {fmt(f.range[1])}" if f.range else "", required=f.required,
        help=f.help(lang) if f.help else "", choices=[c.label(lang) for c in f.choices or []],
    )


def indicator_view(ind: Indicator, rubric: Rubric, lang: Lang) -> IndicatorView:
    fields = rubric.evidence_fields
    roster = {c.id: c.label(lang) for c in rubric.ladder.roster_columns}
    rated = isinstance(ind.rule, RatingRule)
    rater_labels = {r.id: r.label(lang) for r in rubric.raters}
    refs = {r.key: r for r in rubric.references}
    cited = [refs[k].short() for k in [ind.source.ref, *ind.source.also] if k in refs]
    return IndicatorView(
        id=ind.id, name=ind.name(lang), points=number(ind.points, None), meaning=ind.meaning(lang),
        look_at=ind.guidance.look_at(lang), methods=[t(lang, METHODS[m]) for m in ind.guidance.methods],
        evidence=[field_view(f, lang) for f in ind.evidence], rule=describe(ind, fields, roster, lang),
        raters=[rater_labels[r] for r in ind.raters] if rated else [],
        advice=[(ts(lang, "Level {n}", n=level) if rated else t(lang, SHARE_LEVELS[level]), text(lang))
                for level, text in sorted(ind.advice.items())],
        source=listed(cited, lang), source_note=ind.source.note,
    )


def domain_view(domain: Domain, rubric: Rubric, lang: Lang) -> DomainView:
    return DomainView(
        id=domain.id, name=domain.name(lang), description=domain.description(lang), points=number(domain.points, None),
        not_applicable=t(lang, NOT_APPLICABLE[domain.not_applicable]),
        indicators=[indicator_view(i, rubric, lang) for i in domain.indicators],
    )


def stage_view(stage: Stage, columns: dict[str, str], lang: Lang) -> StageView:
    return StageView(level=stage.level, name=stage.name(lang), description=stage.description(lang),
                     criteria=[(c.label(lang), formula(c.when, columns, lang)) for c in stage.criteria])



def handbook_view(rubric: Rubric, sha256: str, lang: Lang) -> HandbookView:
    columns = {c.id: c.label(lang) for c in rubric.ladder.roster_columns}
    labels = {r.id: r.label(lang) for r in rubric.raters}
    used = sorted({m for i in rubric.indicators for m in i.guidance.methods}, key=list(METHODS).index)
    return HandbookView(
        lang=lang, id=rubric.id, version=rubric.version, sha256=sha256, title=rubric.title(lang),
        description=rubric.description(lang), scale=number(rubric.scale, None), indicator_count=len(rubric.indicators),
        raters=[(r.label(lang), t(lang, ROLES[r.role])) for r in rubric.raters],
        default_raters=[labels[r] for r in rubric.default_raters],
        methods=[(t(lang, METHODS[m]), t(lang, METHOD_NOTES[m])) for m in used],
        grades=grade_spans(rubric.grades, lang),
        red_lines=[(r.label(lang), formula(r.when, {k: f.label(lang) for k, f in rubric.evidence_fields.items()},
                                           lang)) for r in rubric.red_lines],
        domains=[domain_view(d, rubric, lang) for d in rubric.domains],
        roster_columns=[field_view(c, lang) for c in rubric.ladder.roster_columns],
        stages=[stage_view(s, columns, lang) for s in rubric.ladder.stages],
        ladder_chart=stage_ladder([s.name(lang) for s in rubric.ladder.stages],
                                  level_label=t(lang, "Stage {level}"),
                                  title=t(lang, "maturity stage")),
        references=[r.citation() for r in rubric.references],
    )


def render_handbook(rubric: Rubric, sha256: str, lang: Lang, target: Path | None = None,
                    renderer: Renderer | None = None) -> bytes:
    """The handbook PDF; pass a `Renderer` to share its fonts and stylesheets with other documents."""
    renderer = renderer or Renderer()
    return renderer.pdf("handbook.html", stylesheets=("css/handbook.css",), target=target,
                        book=handbook_view(rubric, sha256, lang), lang=lang)
