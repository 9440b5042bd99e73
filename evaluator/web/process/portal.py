"""The organization's portal: per round it takes part in, the rubric handbook, and per project the
self-assessment form, its uploads, and the review of its official evaluation (state, report, answers,
appeal, improvement plan, history)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from evaluator.store.models import Evaluation, Project, Round
from evaluator.web import access
from evaluator.web.process import selfassess
from evaluator.web.process.flow import settle
from evaluator.web.process.models import Review
from evaluator.web.process.words import STATE_NAMES


@dataclass(frozen=True)
class ProjectRow:
    project: Project
    self_assessment: Evaluation | None
    reviews: list[tuple[Review, str]]


@dataclass(frozen=True)
class RoundRow:
    round: Round
    open: bool
    projects: list[ProjectRow]


def portal_rows(user: Any) -> list[RoundRow]:
    projects = list(access.visible_projects(user).filter(organization__isnull=False).order_by("code"))
    if not access.has_role(user, "organization"):
        return []
    mine = [p for p in projects if access.allowed(user, "own_project", p)]
    rounds = Round.objects.filter(assignments__project__in=mine).distinct() | Round.objects.filter(
        evaluations__project__in=mine).distinct()
    rows = []
    for round_ in sorted(set(rounds), key=lambda r: r.name, reverse=True):
        in_round = [p for p in mine if p.assignments.filter(round=round_).exists()
                    or p.evaluations.filter(round=round_).exists()]
        project_rows = []
        for p in in_round:
            own = Evaluation.objects.filter(project=p, round=round_, evaluation_type="self", latest=True).first()
            reviews = [(r, STATE_NAMES.shown(r.state)) for r in (
                settle(x) for x in Review.objects.filter(project=p, round=round_).select_related("evaluation"))]
            project_rows.append(ProjectRow(p, own, reviews))
        rows.append(RoundRow(round_, selfassess.open_for(round_), project_rows))
    return rows
