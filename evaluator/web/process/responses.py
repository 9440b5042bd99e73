"""The organization's answers to its approved result, per indicator: agree, or disagree with a reason,
and what it will do. They appear in the feedback report's participatory section."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from evaluator.i18n import Lang
from evaluator.numbers import points
from evaluator.web.process import states
from evaluator.web.process.flow import ProcessRefused, _event, _problem
from evaluator.web.process.models import Response, Review
from evaluator.web.process.words import ACTION_NAMES, STATE_NAMES


@dataclass(frozen=True)
class ResponseRow:
    id: str
    name: str
    points: str
    level: Any
    stance: str
    reason: str
    action: str


def rows(review: Review, lang: Lang) -> list[ResponseRow]:
    given = {r.indicator_id: r for r in review.responses.all()}
    out = []
    for i in review.evaluation.result.get("indicators", []):
        r = given.get(i["id"])
        name = (i.get("name") or {}).get(lang, i["id"])
        out.append(ResponseRow(i["id"], name, f'{points(i.get("exact") or i["points"])} / {points(i["max"])}',
                               i.get("level"), r.stance if r else "", r.reason if r else "", r.action if r else ""))
    return out


def answer(review: Review, user: Any, data: Mapping[str, str]) -> int:
    """Save the answers in `data` (stance_<id>, reason_<id>, action_<id>); a disagreement needs a reason."""
    if review.state not in states.RELEASED:
        raise ProcessRefused([_problem("V003", action=ACTION_NAMES["respond"], state=STATE_NAMES[review.state],
                                       expected=STATE_NAMES["approved"])])
    known = {i["id"] for i in review.evaluation.result.get("indicators", [])}
    answers: dict[str, tuple[str, str, str]] = {}
    problems = []
    for key, stance in data.items():
        if not key.startswith("stance_") or stance not in ("agree", "disagree"):
            continue
        indicator = key[len("stance_"):]
        if indicator not in known:
            continue
        reason, action = data.get(f"reason_{indicator}", "").strip(), data.get(f"action_{indicator}", "").strip()
        if stance == "disagree" and not reason:
            problems.append(_problem("V005", f"reason_{indicator}",
                                     field={"zh": f"{indicator} 不同意的理由", "en": f"reason for disagreeing with {indicator}"}))
        answers[indicator] = (stance, reason, action)
    if problems:
        raise ProcessRefused(problems)
    with transaction.atomic():
        now = timezone.now()
        for indicator, (stance, reason, action) in sorted(answers.items()):
            Response.objects.update_or_create(review=review, indicator_id=indicator, defaults={
                "stance": stance, "reason": reason, "action": action, "answered_by": user, "answered_at": now})
        if answers:
            _event(review, "respond", user, "organization", review.state, review.state,
                   indicators={k: f"{s}: {r} {a}".strip() for k, (s, r, a) in sorted(answers.items())})
    return len(answers)


def followup_items(review: Review) -> list[dict[str, str]]:
    """The answers as the report's participatory section takes them (plain data: report/ knows no web)."""
    return [{"indicator": r.indicator_id, "stance": r.stance, "reason": r.reason, "action": r.action}
            for r in review.responses.order_by("indicator_id")]
