"""The engine: evidence + rubric → result. Pure: no files, no clock, the same input gives the same result.

Points stay exact from indicator to domain to total; the total is published once (half-up, 2 decimals)
and the grade is read from the published total, so the figure a reader sees and the grade never
disagree. A red line crossed or left unanswered puts the grade at the lowest whatever the points.
"""

from __future__ import annotations

from evaluator.evidence import Evidence
from evaluator.expressions import ExpressionError, compiled
from evaluator.numbers import exact, exact_text, published
from evaluator.problems import Problem
from evaluator.rubric.models import Grade as RubricGrade
from evaluator.rubric.models import Rubric
from evaluator.scoring.context import RosterEntry, ScoringContext
from evaluator.scoring.domains import score_domain, total_exact
from evaluator.scoring.highlights import highlights
from evaluator.scoring.indicator import score_indicator
from evaluator.scoring.maturity import place
from evaluator.scoring.readable import cell_of
from evaluator.scoring.result import (
    Citation,
    Grade,
    GradeBand,
    MissingCriterion,
    Mode,
    OrganizationResult,
    RedLineHit,
    Result,
    StageName,
    Total,
    TraceInput,
)


def evaluate(rubric: Rubric, evidence: Evidence, problems: list[Problem] | None = None) -> Result:
    mode: Mode = "self_assessment" if evidence.project.evaluation_type == "self" else "evaluation"
    roster, organizations = _roster(rubric, evidence)
    ctx = ScoringContext(rubric, evidence, rubric.evidence_fields, roster, mode)
    indicators = [score_indicator(i, ctx) for i in rubric.indicators]
    domains = [score_domain(d, [r for r in indicators if r.domain == d.id]) for d in rubric.domains]
    total = total_exact(rubric, domains)
    red_lines, unanswered = _red_lines(rubric, ctx)
    grade = rubric.grades[-1] if red_lines or unanswered else grade_of(rubric.grades, published(total))
    missing = _missing_required(ctx)
    provisional = any(r.status == "missing" for r in indicators) or bool(missing) or bool(unanswered)
    counts = {str(level): 0 for level in range(len(rubric.ladder.stages) + 1)}
    for org in organizations:
        counts[str(org.stage)] += 1
    return Result(
        rubric=evidence.rubric,
        source=evidence.source,
        project=evidence.project,
        mode=mode,
        total=Total(points=published(total), exact=exact_text(total), max=rubric.scale,
                    grade=Grade(id=grade.id, label=grade.label), red_lines=red_lines,
                    unanswered_red_lines=unanswered, provisional=provisional),
        domains=domains,
        indicators=indicators,
        organizations=organizations,
        stage_counts=counts,
        grades=[GradeBand(id=g.id, label=g.label, min=g.min) for g in rubric.grades],
        stages=[StageName(level=st.level, name=st.name) for st in rubric.ladder.stages],
        references=[Citation(key=r.key, text=r.citation()) for r in rubric.references],
        highlights=highlights(rubric, indicators, missing),
        feedback=evidence.feedback,
        problems=problems or [],
    )


def grade_of(grades: list[RubricGrade], total: float) -> RubricGrade:
    """The first grade (best first) whose minimum the published total reaches."""
    return next(g for g in grades if exact(total) >= exact(g.min))


def _roster(rubric: Rubric, evidence: Evidence) -> tuple[tuple[RosterEntry, ...], list[OrganizationResult]]:
    names = {s.level: s.name for s in rubric.ladder.stages}
    key = rubric.ladder.roster_columns[0].id
    entries, organizations = [], []
    for row in evidence.roster:
        values = {k: v.value for k, v in row.values.items()}
        stage, missing = place(rubric.ladder, values)
        name = str(values.get(key) or f"#{row.row}")
        entries.append(RosterEntry(name, row.row, cell_of(row.values.get(key)), values | {"stage": stage}))
        organizations.append(OrganizationResult(
            name=name, row=row.row, stage=stage, stage_name=names.get(stage),
            missing_for_next=[MissingCriterion(id=c.id, label=c.label) for c in missing],
        ))
    return tuple(entries), organizations


def _red_lines(rubric: Rubric, ctx: ScoringContext) -> tuple[list[RedLineHit], list[RedLineHit]]:
    """(crossed, unanswered): a red line is unanswered when it is not crossed and some evidence it reads
    is empty; an unanswered red line cannot be taken as cleared."""
    crossed: list[RedLineHit] = []
    unanswered: list[RedLineHit] = []
    types = {k: f.type for k, f in ctx.fields.items()}
    for line in rubric.red_lines:
        expression = compiled(line.when, types)
        values = {name: ctx.value(name) for name in expression.references}
        try:
            holds = expression.evaluate(values) is True
        except ExpressionError:
            holds = False
        blank = [name for name in expression.references if values[name] is None]
        if holds or blank:
            named = expression.references if holds else blank
            cells = [c for name in named if (c := ctx.trace_input(name).cell)]
            (crossed if holds else unanswered).append(RedLineHit(id=line.id, label=line.label, cells=cells))
    return crossed, unanswered


def _missing_required(ctx: ScoringContext) -> list[TraceInput]:
    return [ctx.trace_input(f.id) for f in ctx.fields.values() if f.required and ctx.value(f.id) is None]
