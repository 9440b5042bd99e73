"""A project drilled down to from a dashboard: its evaluations across the rounds the person's dashboards
count, each with total, grade, domain shares on the heatmap's scale and its self-organizations per stage,
and a link to the full result page (every result a dashboard counts is one the person may read:
`access.portfolio_evaluations` lies within `access.visible_evaluations`). Three queries whatever the number
of evaluations."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from evaluator.compare.table_cells import Cell, heat
from evaluator.i18n import t
from evaluator.messages import Lang
from evaluator.numbers import points
from evaluator.store.models import DomainScore, Project, StageCount
from evaluator.vocabulary import EVALUATION_TYPE_ORDER, evaluation_type_name, round_key
from evaluator.web import access
from evaluator.web.portfolio.scope import OFFICIAL, Head, pick


@dataclass(frozen=True)
class EvaluationLine:
    id: int
    round: str
    kind: str
    version: int
    counted: bool              # the one the dashboards count for this round
    date: str
    total: Cell
    domains: list[Cell]
    stages: str                # self-organizations per stage, "1/2/0/1"


@dataclass(frozen=True)
class ProjectPage:
    project: Project
    domains: list[tuple[str, str]]     # (id, name) in rubric order
    stage_levels: str                  # "0-4"
    lines: list[EvaluationLine]


_FIELDS = ("id", "round__name", "evaluation_type", "version", "latest", "evaluation_date", "total_points",
           "total_max", "grade_zh", "grade_en", "provisional", "red_lines")


def project_page(user: Any, project: Project, lang: Lang) -> ProjectPage:
    rows = [dict(zip(_FIELDS, r, strict=True)) for r in access.portfolio_evaluations(user)
            .filter(project=project, evaluation_type__in=OFFICIAL).values_list(*_FIELDS)]
    rows.sort(key=lambda r: (round_key(r["round__name"]), EVALUATION_TYPE_ORDER[r["evaluation_type"]], r["version"]))
    ids = [r["id"] for r in rows]
    domains: dict[int, dict[str, float | None]] = defaultdict(dict)
    names: dict[str, str] = {}
    for e, d, name, got, most in DomainScore.objects.filter(evaluation_id__in=ids).order_by("position").values_list(
            "evaluation_id", "domain_id", f"name_{lang}", "points", "max"):
        domains[e][d] = got / most if most else None
        names.setdefault(d, name)
    stages: dict[int, dict[int, int]] = defaultdict(dict)
    for e, level, count in StageCount.objects.filter(evaluation_id__in=ids).values_list("evaluation_id", "stage", "count"):
        stages[e][level] = count
    levels = sorted({level for s in stages.values() for level in s})
    counted = {h.id for h in pick([Head(r["id"], project.pk, project.code, 0, r["round__name"], r["evaluation_type"],
                                        r["latest"]) for r in rows])}
    lines = [_line(r, lang, r["id"] in counted, [heat(domains[r["id"]].get(d)) for d in names],
                   "/".join(str(stages[r["id"]].get(level, 0)) for level in levels) or "—")
             for r in rows]
    span = f"{levels[0]}-{levels[-1]}" if levels else ""
    return ProjectPage(project, list(names.items()), span, lines)


def _line(r: dict, lang: Lang, counted: bool, domains: list[Cell], stages: str) -> EvaluationLine:
    grade = r[f"grade_{lang}"]
    flags = [grade] + [t(lang, "provisional")] * r["provisional"] + [t(lang, "red line")] * bool(r["red_lines"])
    return EvaluationLine(
        id=r["id"], round=r["round__name"], kind=evaluation_type_name(r["evaluation_type"], lang), version=r["version"],
        counted=counted, date=r["evaluation_date"].isoformat() if r["evaluation_date"] else "—",
        total=Cell(f"{points(r['total_points'])} / {points(r['total_max'])}", "num", " · ".join(flags)),
        domains=domains, stages=stages)
