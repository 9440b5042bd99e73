"""改进计划 on the platform: drafted from the result's priorities and the rubric's advice, the organization
sets the actions (indicator, action, owner, due date); the project's next-round form arrives with the
last levels and the open actions on its feedback sheet; the next evaluation marks each action done or not,
with its evidence (`follow_up`)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from evaluator.i18n import Lang, t
from evaluator.problems import Problem
from evaluator.web.process import states
from evaluator.web.process.flow import ProcessRefused, _event, _problem
from evaluator.web.process.models import PlanAction, Review
from evaluator.web.process.words import ACTION_NAMES, STATE_NAMES

MAX_ACTIONS = 30


@dataclass(frozen=True)
class PlanRow:
    index: int
    indicator: str
    name: str
    level: Any
    action: str
    owner: str
    due: str
    drafted: bool
    done: bool | None
    follow_up: str


def draft(review: Review, lang: Lang) -> list[PlanRow]:
    """The result's priorities with the rubric's advice for each, as actions to adopt or change."""
    result = review.evaluation.result
    levels = {i["id"]: i.get("level") for i in result.get("indicators", [])}
    rows = []
    for n, a in enumerate((result.get("highlights") or {}).get("priorities", [])):
        advice = (a.get("advice") or {}).get(lang, "") if a.get("advice") else ""
        rows.append(PlanRow(n, a["indicator"], (a.get("name") or {}).get(lang, a["indicator"]),
                            levels.get(a["indicator"]), advice, "", "", True, None, ""))
    return rows


def rows(review: Review, lang: Lang) -> list[PlanRow]:
    names = {i["id"]: (i.get("name") or {}).get(lang, i["id"]) for i in review.evaluation.result.get("indicators", [])}
    saved = list(review.plan.all())
    if not saved:
        return draft(review, lang)
    return [PlanRow(n, a.indicator_id, names.get(a.indicator_id, a.indicator_id), a.level, a.action, a.owner,
                    a.due.isoformat() if a.due else "", False, a.done, a.follow_up) for n, a in enumerate(saved)]


def save(review: Review, user: Any, data: Mapping[str, str]) -> int:
    """Replace the plan with the rows posted (indicator_N, action_N, owner_N, due_N); a row without an
    action is left out. Only while the result is released, and not once the next round followed it up."""
    if review.state not in states.RELEASED:
        raise ProcessRefused([_problem("V003", action=ACTION_NAMES["plan"], state=STATE_NAMES[review.state],
                                       expected=STATE_NAMES["approved"])])
    levels = {i["id"]: i.get("level") for i in review.evaluation.result.get("indicators", [])}
    actions: list[PlanAction] = []
    problems: list[Problem] = []
    for n in range(MAX_ACTIONS):
        action = (data.get(f"action_{n}") or "").strip()
        indicator = (data.get(f"indicator_{n}") or "").strip()
        if not action:
            continue
        row = n + 1
        if indicator not in levels:
            problems.append(_problem("V013", f"indicator_{n}", row=row, column={"zh": "指标", "en": "indicator"},
                                     expected={"zh": "本结果中的指标编号", "en": "an indicator id of this result"},
                                     found=indicator))
        due_text = (data.get(f"due_{n}") or "").strip()
        due = None
        if due_text:
            try:
                due = date.fromisoformat(due_text)
            except ValueError:
                problems.append(_problem("V013", f"due_{n}", row=row, column={"zh": "截止日期", "en": "due date"},
                                         expected={"zh": "日期（如 2025-06-30）", "en": "a date (e.g. 2025-06-30)"},
                                         found=due_text))
        actions.append(PlanAction(review=review, indicator_id=indicator, action=action,
                                  owner=(data.get(f"owner_{n}") or "").strip(), due=due, level=levels.get(indicator)))
    if problems:
        raise ProcessRefused(problems)
    with transaction.atomic():
        review.plan.filter(followed_up_in__isnull=True).delete()
        PlanAction.objects.bulk_create(actions)
        _event(review, "plan", user, "organization", review.state, review.state,
               indicators={f"{n + 1}. {a.indicator_id}": f"{a.action} · {a.owner} · {a.due or ''}".strip(" ·")
                           for n, a in enumerate(actions)})
    return len(actions)


def open_actions(project_id: int, round_id: int) -> list[PlanAction]:
    """The plan actions of the project's latest earlier round not yet followed up (for the next form)."""
    earlier = (Review.objects.filter(project_id=project_id).exclude(round_id=round_id)
               .filter(plan__isnull=False, plan__followed_up_in__isnull=True).order_by("-round__name").first())
    if earlier is None:
        return []
    return list(earlier.plan.filter(followed_up_in__isnull=True).select_related("review__round"))


def prefill_actions(workbook: bytes, actions: list[PlanAction]) -> bytes:
    """The form with each open action on its feedback sheet: the indicator, the action with the level it
    had, its owner and due date; the response column is left for whether it was done, and the evidence."""
    from openpyxl import load_workbook  # type: ignore[import-untyped]
    from openpyxl.utils.cell import range_boundaries  # type: ignore[import-untyped]

    from evaluator.forms import texts
    from evaluator.forms.meta import parse_meta
    from evaluator.forms.save import workbook_bytes
    from evaluator.sheet_text import put_value

    if not actions:
        return workbook
    wb = load_workbook(io.BytesIO(workbook))
    meta = parse_meta([list(r) for r in wb[texts.META_SHEET].iter_rows(values_only=True)])
    lang = meta.lang

    def put(key: str, row: int, value: str) -> None:
        slot = meta.slots[key]
        column, first = range_boundaries(slot.ref)[:2]
        put_value(wb[slot.sheet].cell(first + row, column), value)

    for n, a in enumerate(actions):
        text = t(lang, "Improvement plan ({round}), level then {level}: {action}", round=a.review.round.name,
                 level=a.level if a.level is not None else "—", action=a.action)
        if a.owner:
            text += t(lang, "; owner {owner}", owner=a.owner)
        if a.due:
            text += t(lang, "; due {due}", due=a.due.isoformat())
        put("feedback:indicator", n, a.indicator_id)
        put("feedback:finding", n, text)
    return workbook_bytes(wb)


def follow_up(review: Review, user: Any, data: Mapping[str, str]) -> int:
    """The next evaluation marks each open action of the earlier plan done or not, with its evidence."""
    actions = open_actions(review.project_id, review.round_id)
    marked = 0
    problems: list[Problem] = []
    with transaction.atomic():
        for a in actions:
            answer = data.get(f"done_{a.pk}", "")
            if answer not in ("yes", "no"):
                continue
            evidence = (data.get(f"evidence_{a.pk}") or "").strip()
            if not evidence:
                problems.append(_problem("V005", f"evidence_{a.pk}", field={
                    "zh": f"{a.indicator_id} 行动完成情况的证据", "en": f"evidence for the action on {a.indicator_id}"}))
                continue
            a.done, a.follow_up, a.followed_up_in = answer == "yes", evidence, review
            a.save(update_fields=["done", "follow_up", "followed_up_in"])
            marked += 1
        if problems:
            raise ProcessRefused(problems)
        if marked:
            _event(review, "follow_up", user, "evaluator", review.state, review.state,
                   indicators={a.indicator_id: f"{'✓' if a.done else '✗'} {a.action}: {a.follow_up}"
                               for a in actions if a.followed_up_in_id == review.pk})
    return marked


def followed_up(review: Review) -> list[PlanAction]:
    return list(PlanAction.objects.filter(followed_up_in=review).select_related("review__round"))
