"""公示 and 复核: publishing a round's approved results for a period, appeals filed during it, and the
committee's decisions (uphold, or revise: the form is re-scored with the revised levels and each
indicator's points before and after are kept).

    publish_round(round, user, ends, decided_by)   every approved result of the round → published
    file_appeal(review, user, indicators, reason, files)
    decide(appeal, user, "uphold" | "revise", decision, levels)
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from evaluator.problems import Location, Problem
from evaluator.store.models import Evaluation, Round
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.process import notify, states
from evaluator.web.process.flow import (
    ProcessRefused,
    _event,
    _problem,
    act,
    rescore,
    schedule_of,
    settle,
)
from evaluator.web.process.models import Appeal, AppealFile, Consensus, Review
from evaluator.web.process.words import ACTION_NAMES, ROLE_NAMES, STATE_NAMES
from evaluator.web.uploads import Upload


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else "—"


def publish_round(round_: Round, user: Any, ends: datetime, decided_by: datetime | None) -> int:
    """Set the round's 公示 period (from now to `ends`) and publish every approved result of it."""
    now = timezone.now()
    if ends <= now:
        raise ProcessRefused([Problem(code="V012", location=Location(file="publication_ends"), params={
            "field": {"zh": "公示截止", "en": "publication ends"}, "expected": _when(now), "found": _when(ends)})])
    if decided_by is not None and decided_by < ends:
        raise ProcessRefused([Problem(code="V012", location=Location(file="appeals_decided_by"), params={
            "field": {"zh": "复核决定截止", "en": "appeals decided by"}, "expected": _when(ends),
            "found": _when(decided_by)})])
    if not access.has_role(user, "committee"):
        raise ProcessRefused([_problem("V004", action=ACTION_NAMES["publish"], expected=ROLE_NAMES["committee"])])
    with transaction.atomic():
        schedule = schedule_of(round_)
        schedule.publication_starts, schedule.publication_ends = now, ends
        schedule.appeals_decided_by = decided_by or ends
        schedule.save()
        record(user, "round.publish", round_, ends=ends.isoformat(), decided_by=schedule.appeals_decided_by.isoformat())
        reviews = list(Review.objects.filter(round=round_, state="approved"))
    for review in reviews:
        act(review, "publish", user)
    return len(reviews)


def open_period(review: Review, now: datetime | None = None) -> bool:
    schedule = schedule_of(review.round)
    now = now or timezone.now()
    return (schedule.publication_starts is not None and schedule.publication_ends is not None
            and schedule.publication_starts <= now < schedule.publication_ends)


def file_appeal(review: Review, user: Any, indicators: list[str], reason: str, files: list[Upload]) -> Appeal:
    """An organization's appeal of its published result, during the period."""
    review = settle(review)
    if not access.allowed(user, "own_review", review) or not access.has_role(user, "organization"):
        raise ProcessRefused([_problem("V004", action=ACTION_NAMES["appeal"], expected=ROLE_NAMES["organization"])])
    try:
        states.appeal_move(review.state, None, "file", "organization", reason)
    except states.Refused as refused:
        raise ProcessRefused([_appeal_refusal(refused, review, "appeal")]) from None
    schedule = schedule_of(review.round)
    if not open_period(review):
        raise ProcessRefused([_problem("V009", start=_when(schedule.publication_starts),
                                       end=_when(schedule.publication_ends))])
    known = {i["id"] for i in review.evaluation.result.get("indicators", [])}
    chosen = [i for i in dict.fromkeys(indicators) if i]
    if not chosen or set(chosen) - known:
        raise ProcessRefused([_problem("V010", "indicators", field={"zh": "申请复核的指标", "en": "indicators appealed"},
                                       found=", ".join(sorted(set(chosen) - known)) or "—")])
    with transaction.atomic():
        appeal = Appeal.objects.create(review=review, indicators=chosen, reason=reason.strip(), filed_by=user,
                                       filed_at=timezone.now(), before=review.evaluation)
        for f in files:
            AppealFile.objects.create(appeal=appeal, file_name=f.name, sha256=hashlib.sha256(f.data).hexdigest(),
                                      size=len(f.data), data=f.data)
        _event(review, "appeal", user, "organization", review.state, review.state, reason.strip(),
               {i: "" for i in chosen})
    until = _when(schedule.appeals_decided_by)
    notify.send(notify.committee(), "appeal", review, reverse("process:appeal_decide", args=[appeal.pk]),
                {"project": f"{review.project.code} {review.project.name}", "round": review.round.name,
                 "organization": review.project.organization.name if review.project.organization else "",
                 "until": until})
    return appeal


def _appeal_refusal(refused: states.Refused, review: Review, action: str) -> Problem:
    if refused.code == states.LOCKED_RESULT:
        return _problem("V002", project=f"{review.project.code} {review.project.name}", round=review.round.name)
    if refused.code == states.NO_REASON:
        return _problem("V005", "reason", field={"zh": "理由", "en": "reason"})
    if refused.code == states.WRONG_ROLE:
        expected = "organization" if action == "appeal" else "committee"
        return _problem("V004", action=ACTION_NAMES[action], expected=ROLE_NAMES[expected])
    return _problem("V003", action=ACTION_NAMES[action], state=STATE_NAMES[review.state],
                    expected=STATE_NAMES["published"])


def decide(appeal: Appeal, user: Any, action: str, decision: str, levels: Mapping[str, int]) -> Appeal:
    """The committee upholds the result or revises the appealed indicators' levels (re-scored)."""
    with transaction.atomic():
        appeal = Appeal.objects.select_for_update().select_related("review__project", "review__round",
                                                                    "review__evaluation").get(pk=appeal.pk)
        review = settle(appeal.review)
        role = "committee" if access.has_role(user, "committee") else "organization"
        try:
            target = states.appeal_move(review.state, appeal.state, action, role, decision)
        except states.Refused as refused:
            if refused.code == states.WRONG_STATE and appeal.state != "filed":
                raise ProcessRefused([_problem("V003", action=ACTION_NAMES[action], state=appeal.state,
                                               expected={"zh": "已提出", "en": "filed"})]) from None
            raise ProcessRefused([_appeal_refusal(refused, review, action)]) from None
        if action == "revise":
            chosen = {k: v for k, v in levels.items() if k in appeal.indicators}
            if not chosen:
                raise ProcessRefused([_problem("V010", "levels", field={"zh": "复核后的等级", "en": "revised levels"},
                                               found="—")])
            before = review.evaluation
            now = timezone.now()
            for indicator_id, level in sorted(chosen.items()):
                Consensus.objects.update_or_create(review=review, indicator_id=indicator_id, defaults={
                    "level": level, "reason": decision.strip(), "recorded_by": user, "recorded_at": now})
            after = rescore(review, dict(review.consensus.values_list("indicator_id", "level")), user, "revision")
            review.evaluation = after
            review.save(update_fields=["evaluation", "updated_at"])
            appeal.after = after
            appeal.changes = changes(before, after, appeal.indicators)
        appeal.state, appeal.decision = target, decision.strip()
        appeal.decided_by, appeal.decided_at = user, timezone.now()
        appeal.save()
        _event(review, action, user, "committee", review.state, review.state, decision.strip(),
               {c["indicator"]: c for c in appeal.changes})
    notify.send(notify.organization(review), "decided", review, reverse("process:history", args=[review.pk]),
                {"project": f"{review.project.code} {review.project.name}", "round": review.round.name,
                 "decision": decision.strip()})
    return appeal


def changes(before: Evaluation, after: Evaluation, indicators: list[str]) -> list[dict[str, Any]]:
    """Each appealed indicator's level and points before and after, and the total's."""
    old = {i["id"]: i for i in before.result.get("indicators", [])}
    new = {i["id"]: i for i in after.result.get("indicators", [])}
    rows = [{"indicator": k, "before_level": _level(old.get(k)), "after_level": _level(new.get(k)),
             "before": _points(old.get(k)), "after": _points(new.get(k))} for k in indicators]
    rows.append({"indicator": "total", "before_level": None, "after_level": None,
                 "before": _points(before.result.get("total")), "after": _points(after.result.get("total"))})
    return rows


def _level(indicator: dict | None) -> Any:
    return indicator.get("level") if indicator else None


def _points(node: dict | None) -> Any:
    """The points as published and exactly (a fraction as text)."""
    if not node:
        return None
    return {"points": node.get("points"), "exact": node.get("exact")}
