"""What the process pages show, from stored results: the indicators where evaluators disagree, the
organization's self-assessment beside the evaluators' levels, a review's history, the public list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from evaluator.i18n import Lang
from evaluator.numbers import points
from evaluator.store.models import Evaluation
from evaluator.web.process import states
from evaluator.web.process.models import Review
from evaluator.web.process.words import ACTION_NAMES, ROLE_NAMES, STATE_NAMES


def _name(indicator: dict, lang: Lang) -> str:
    name = indicator.get("name") or {}
    return name.get(lang) or name.get("zh") or indicator["id"] if isinstance(name, dict) else str(name)


def indicator_choices(evaluation: Evaluation, lang: Lang) -> list[tuple[str, str]]:
    return [(i["id"], f'{i["id"]} {_name(i, lang)}') for i in evaluation.result.get("indicators", [])]


def _levels(indicator: dict) -> dict[str, Any]:
    return {r["rater"]: r.get("level") for r in indicator.get("ratings", [])}


@dataclass(frozen=True)
class DisagreementRow:
    id: str
    name: str
    a: Any
    b: Any
    consensus: Any
    reason: str


def disagreement_rows(review: Review) -> list[DisagreementRow]:
    """Indicators flagged 'raters disagree' in the version under review, and any with a recorded consensus."""
    from evaluator.web.lang import current

    lang = current()
    recorded = {c.indicator_id: c for c in review.consensus.all()}
    rows = []
    for i in review.evaluation.result.get("indicators", []):
        if "raters_disagree" in i.get("flags", []) or i["id"] in recorded:
            levels = _levels(i)
            c = recorded.get(i["id"])
            rows.append(DisagreementRow(i["id"], _name(i, lang), levels.get("evaluator_a"), levels.get("evaluator_b"),
                                        c.level if c else None, c.reason if c else ""))
    return rows


@dataclass(frozen=True)
class ComparisonRow:
    id: str
    name: str
    own: Any          # the organization's own self-assessment (uploaded separately), predicted level
    self_in_form: Any  # the 自评 column of the evaluators' form
    a: Any
    b: Any
    official: Any
    gap: bool


def self_assessment_of(review: Review | Evaluation) -> Evaluation | None:
    return Evaluation.objects.filter(project_id=review.project_id, round_id=review.round_id, evaluation_type="self",
                                     latest=True).first()


def result_comparison(evaluation: Evaluation) -> list[ComparisonRow]:
    """On an official result's page: the organization's own self-assessment beside the ratings, when it
    uploaded one for the project and round."""
    if evaluation.evaluation_type == "self":
        return []
    return comparison_rows(evaluation, require_self=True)


def comparison_rows(review: Review | Evaluation, require_self: bool = False) -> list[ComparisonRow]:
    """Each indicator: the organization's self-assessment beside the evaluators' levels and the official one."""
    from evaluator.web.lang import current

    lang = current()
    own_eval = self_assessment_of(review)
    if own_eval is None and require_self:
        return []
    own = {i["id"]: i.get("level") for i in own_eval.result.get("indicators", [])} if own_eval else {}
    rows = []
    evaluation = review.evaluation if isinstance(review, Review) else review
    for i in evaluation.result.get("indicators", []):
        levels = _levels(i)
        if not levels:
            continue
        mine, official = own.get(i["id"]), i.get("level")
        gap = mine is not None and official is not None and abs(float(mine) - float(official)) >= 2
        rows.append(ComparisonRow(i["id"], _name(i, lang), mine, levels.get("self"), levels.get("evaluator_a"),
                                  levels.get("evaluator_b"), official, gap))
    return rows


@dataclass(frozen=True)
class HistoryRow:
    at: str
    action: str
    who: str
    role: str
    change: str
    reason: str
    indicators: list[tuple[str, str]]
    version: int | None


def _detail(value: Any) -> str:
    if isinstance(value, dict):
        if "before" in value:
            return _change(value)
        if "level" in value:
            return f'{value["level"]}: {value.get("reason", "")}'
    return str(value or "")


def _change(row: dict) -> str:
    levels = ""
    if row.get("before_level") is not None or row.get("after_level") is not None:
        levels = f' L{row.get("before_level")} → L{row.get("after_level")};'
    return f'{levels} {_shown_points(row.get("before"))} → {_shown_points(row.get("after"))}'.strip()


def history_rows(review: Review) -> list[HistoryRow]:
    rows = []
    for e in review.events.select_related("evaluation").order_by("at", "id"):
        change = (f"{STATE_NAMES.shown(e.source)} → {STATE_NAMES.shown(e.target)}"
                  if e.source and e.target and e.source != e.target else "")
        rows.append(HistoryRow(
            timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"), ACTION_NAMES.shown(e.action),
            e.actor_name or ROLE_NAMES.shown("system"), ROLE_NAMES.shown(e.role), change, e.reason,
            [(k, _detail(v)) for k, v in sorted(e.indicators.items())], e.evaluation.version if e.evaluation else None))
    return rows


@dataclass(frozen=True)
class PublicRow:
    code: str
    project: str
    organization: str
    total: str
    grade: str
    final: bool


def public_rows(lang: Lang) -> list[tuple[str, str, list[PublicRow]]]:
    """Per round (with its period): each published or final result. No people: no evaluator, no account."""
    reviews = (Review.objects.filter(state__in=states.PUBLIC).select_related("project__organization", "round",
                                                                              "round__schedule", "evaluation")
               .order_by("-round__name", "project__code"))
    grouped: dict[str, tuple[str, list[PublicRow]]] = {}
    for r in reviews:
        e = r.evaluation
        schedule = getattr(r.round, "schedule", None)
        period = ""
        if schedule is not None and schedule.publication_starts and schedule.publication_ends:
            period = (f"{timezone.localtime(schedule.publication_starts):%Y-%m-%d %H:%M} – "
                      f"{timezone.localtime(schedule.publication_ends):%Y-%m-%d %H:%M}")
        grouped.setdefault(r.round.name, (period, []))[1].append(PublicRow(
            r.project.code, e.project_name, e.organization_name or (r.project.organization.name if
                                                                      r.project.organization else ""),
            points(e.total_points), {"zh": e.grade_zh, "en": e.grade_en}[lang], r.state == "final"))
    return [(name, period, rows) for name, (period, rows) in grouped.items()]


def _shown_points(x: Any) -> str:
    if isinstance(x, dict):
        value = x.get("exact") or x.get("points")
        return points(value) if value is not None else "—"
    return "—"


def change_rows(changes: list[dict]) -> list[tuple[str, Any, Any, str, str]]:
    """An appeal's revision: each indicator's level and points before and after, and the total's (kept as
    "total", shown in the page's language)."""
    return [(_("Total") if c["indicator"] == "total" else c["indicator"], c.get("before_level"), c.get("after_level"),
             _shown_points(c.get("before")), _shown_points(c.get("after"))) for c in changes]
