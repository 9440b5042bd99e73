"""The review's moves against the database: each checks the state machine (`states`) and who the person
is for this evaluation (`access`), then records the move (a `ReviewEvent`: who, when, why), writes the
audit log and notifies whoever must act next, in one transaction.

    review_of(evaluation)                   the review of an evaluation's project, round and type, or None
    on_scored(evaluation, user)             an evaluator's upload was scored: the review's draft follows it
    guard(project, round, type)             a Problem when no new version may be stored (under review, locked)
    act(review, action, user, …)            submit / return / resubmit / approve / publish / finalize
    record_consensus(review, user, levels)  consensus levels and reasons; the form is re-scored with them
    settle(review)                          the 公示 period is over: final (locked)

Refusals raise `ProcessRefused` with located problems (the form field they are about).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from evaluator.problems import Location, Problem, errors
from evaluator.scoring.ratings import DISAGREEMENT
from evaluator.store.models import Evaluation, Project, Round
from evaluator.rounds import TYPE_NAMES
from evaluator.web import access
from evaluator.web.audit.log import record
from evaluator.web.process import states
from evaluator.web.process.models import Consensus, Review, ReviewEvent, RoundSchedule
from evaluator.web.process.words import ACTION_NAMES, ROLE_NAMES, STATE_NAMES

PAGE = "review"


class ProcessRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.render("en") for p in problems))
        self.problems = problems


def _problem(code: str, where: str = PAGE, /, **params: Any) -> Problem:
    """A refusal located at the page's form field `where`."""
    return Problem(code=code, location=Location(file=where), params=params)


def review_of(evaluation: Evaluation) -> Review | None:
    return Review.objects.filter(project_id=evaluation.project_id, round_id=evaluation.round_id,
                                 evaluation_type=evaluation.evaluation_type).select_related(
        "project", "round", "evaluation").first()


def schedule_of(round_: Round) -> RoundSchedule:
    found, _ = RoundSchedule.objects.get_or_create(round=round_)
    return found


# -- uploads follow the review ---------------------------------------------------------------------------------

def guard(project: Project | None, round_: Round | None, evaluation_type: str) -> Problem | None:
    """Why no new version of this project's evaluation may be stored now (None: it may)."""
    if project is None or round_ is None or evaluation_type == "self":
        return None
    review = Review.objects.filter(project=project, round=round_, evaluation_type=evaluation_type).first()
    if review is None:
        return None
    review = settle(review)
    names = {"project": f"{project.code} {project.name}", "round": round_.name}
    if review.state in states.LOCKED:
        return _problem("V002", **names)
    if review.state not in states.EDITABLE:
        return _problem("V001", state=STATE_NAMES[review.state], **names)
    return None


def on_scored(evaluation: Evaluation, user: Any, file_name: str = "") -> Review | None:
    """An official evaluation scored from an upload: its review starts as a draft, or a draft or returned
    review now reviews this version."""
    if evaluation.evaluation_type == "self":
        return None
    with transaction.atomic():
        review, made = Review.objects.select_for_update().get_or_create(
            project_id=evaluation.project_id, round_id=evaluation.round_id,
            evaluation_type=evaluation.evaluation_type, defaults={"evaluation": evaluation})
        if not made and review.state not in states.EDITABLE:
            return review
        review.evaluation = evaluation
        review.save(update_fields=["evaluation", "updated_at"])
        _event(review, "upload", user, "evaluator", review.state, review.state, reason=file_name)
    return review


# -- moves ----------------------------------------------------------------------------------------------------

def role_for(user: Any, review: Review, wanted: frozenset[str]) -> str | None:
    """The role in which `user` may act on this review among `wanted` (assigned evaluator, committee,
    the project's own organization), or None."""
    for role in sorted(wanted):
        if role == "evaluator" and access.allowed(user, "evaluate_review", review):
            return role
        if role == "committee" and access.has_role(user, "committee"):
            return role
        if role == "organization" and access.allowed(user, "own_review", review):
            return role
    return None


def disagreements(review: Review) -> list[str]:
    """Indicators of the version under review whose evaluators are too far apart with no consensus."""
    return [i["id"] for i in review.evaluation.result.get("indicators", []) if "raters_disagree" in i.get("flags", [])]


def act(review: Review, action: str, user: Any, reason: str = "",
        indicators: Mapping[str, str] | None = None) -> Review:
    """Make `action` on the review as `user`; ProcessRefused says why not."""
    indicators = {k: v.strip() for k, v in (indicators or {}).items() if v and v.strip()}
    transition = states.TRANSITIONS.get(action)  # type: ignore[call-overload]
    if transition is None:
        raise ProcessRefused([_problem("V003", action=action, state=review.state, expected="—")])
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("project", "round", "evaluation").get(pk=review.pk)
        role = role_for(user, review, transition.roles) or _any_role(user)
        why = reason.strip() or ("\n".join(f"{k}: {v}" for k, v in sorted(indicators.items())))
        open_ = disagreements(review) if transition.needs_consensus else []
        try:
            target = states.move(review.state, action, role, why, len(open_))
        except states.Refused as refused:
            raise ProcessRefused([_refusal(refused, transition, review, open_)]) from None
        source = review.state
        review.state = target
        review.save(update_fields=["state", "updated_at"])
        _event(review, action, user, role, source, target, reason.strip(), indicators)
        if action == "publish":
            schedule_of(review.round)
    from evaluator.web.process.notify import moved

    moved(review, action, why)
    return review


def _any_role(user: Any) -> str:
    roles = sorted(access.roles_of(user))
    return roles[0] if roles else "anonymous"


def _refusal(refused: states.Refused, transition: states.Transition, review: Review, open_: list[str]) -> Problem:
    names = {"project": f"{review.project.code} {review.project.name}", "round": review.round.name}
    action = ACTION_NAMES[transition.action]
    if refused.code == states.LOCKED_RESULT:
        return _problem("V002", **names)
    if refused.code == states.WRONG_STATE:
        return _problem("V003", action=action, state=STATE_NAMES[review.state],
                        expected=_joined([STATE_NAMES[s] for s in sorted(transition.sources)]))
    if refused.code == states.WRONG_ROLE:
        return _problem("V004", action=action, expected=_joined([ROLE_NAMES[r] for r in sorted(transition.roles)
                                                                 if r != "system"]))
    if refused.code == states.NO_REASON:
        return _problem("V005", "reason", field={"zh": "理由", "en": "reason"})
    return _problem("V006", indicators=open_, threshold=DISAGREEMENT)


def _joined(items: list[dict[str, str]]) -> dict[str, str]:
    return {"zh": "或".join(i["zh"] for i in items), "en": " or ".join(i["en"] for i in items)}


def _event(review: Review, action: str, user: Any, role: str, source: str, target: str, reason: str = "",
           indicators: Mapping[str, Any] | None = None, at: datetime | None = None) -> ReviewEvent:
    who = user if getattr(user, "is_authenticated", False) else None
    event = ReviewEvent.objects.create(
        review=review, action=action, source=source, target=target, actor=who,
        actor_name=(who.get_full_name() or who.get_username()) if who else "", role=role,
        at=at or timezone.now(), reason=reason, indicators=dict(indicators or {}), evaluation=review.evaluation)
    record(who, f"review.{action}", review, source=source, target=target, role=role, reason=reason,
           indicators=dict(indicators or {}), evaluation=review.evaluation_id)
    return event


# -- consensus --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Level:
    level: int
    reason: str


def parse_level(text: str, field: str) -> tuple[int | None, list[Problem]]:
    text = (text or "").strip()
    if not text:
        return None, []
    if text.isascii() and text.isdigit() and 0 <= int(text) <= 4:
        return int(text), []
    return None, [_problem("V007", field, field=field, found=text)]


def record_consensus(review: Review, user: Any, levels: Mapping[str, Level]) -> Review:
    """Record consensus levels with their reasons, then re-score the stored form with them: the consensus
    level is what scores. Only the committee, and only while the review is before it (submitted or
    resubmitted)."""
    problems = [_problem("V005", f"reason_{k}", field={"zh": f"{k} 的共识理由", "en": f"consensus reason of {k}"})
                for k, v in sorted(levels.items()) if not v.reason.strip()]
    if problems:
        raise ProcessRefused(problems)
    if not levels:
        return review
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("project", "round", "evaluation").get(pk=review.pk)
        _may_decide(review, user, frozenset({"submitted", "resubmitted"}), "consensus")
        known = {i["id"] for i in review.evaluation.result.get("indicators", [])}
        unknown = sorted(set(levels) - known)
        if unknown:
            raise ProcessRefused([_problem("V010", "indicator", field="indicator", found=", ".join(unknown))])
        now = timezone.now()
        for indicator_id, value in sorted(levels.items()):
            Consensus.objects.update_or_create(review=review, indicator_id=indicator_id, defaults={
                "level": value.level, "reason": value.reason.strip(), "recorded_by": user, "recorded_at": now})
        all_levels = dict(review.consensus.values_list("indicator_id", "level"))
        evaluation = rescore(review, all_levels, user, "consensus")
        review.evaluation = evaluation
        review.save(update_fields=["evaluation", "updated_at"])
        _event(review, "consensus", user, "committee", review.state, review.state,
               indicators={k: {"level": v.level, "reason": v.reason.strip()} for k, v in sorted(levels.items())})
    return review


def _may_decide(review: Review, user: Any, sources: frozenset[str], action: str) -> None:
    review_ = settle(review)
    if review_.state in states.LOCKED:
        raise ProcessRefused([_problem("V002", project=f"{review.project.code} {review.project.name}",
                                       round=review.round.name)])
    if not access.has_role(user, "committee"):
        raise ProcessRefused([_problem("V004", action=ACTION_NAMES[action], expected=ROLE_NAMES["committee"])])
    if review.state not in sources:
        raise ProcessRefused([_problem("V003", action=ACTION_NAMES[action], state=STATE_NAMES[review.state],
                                       expected=_joined([STATE_NAMES[s] for s in sorted(sources)]))])


def form_of(evaluation: Evaluation):
    """The kept upload this evaluation was scored from (the newest), or None (stored by the command line)."""
    from evaluator.web.evaluations.models import Submission

    return Submission.objects.filter(evaluation=evaluation).exclude(data=b"").order_by("-id").first()


def rescore(review: Review, levels: Mapping[str, int], user: Any, kind: str) -> Evaluation:
    """The form of the version under review with these consensus levels written in, scored and stored as
    the next version (kept as an upload of `kind`, so it can be amended again)."""
    from evaluator.web.evaluations import checking
    from evaluator.web.evaluations.models import Submission
    from evaluator.web.process.amend import consensus_rater, with_levels

    source = form_of(review.evaluation)
    if source is None:
        raise ProcessRefused([_problem("V011")])
    loaded = checking.round_rubric(review.round)
    reading = checking.read_bytes(bytes(source.data), source.file_name, loaded)
    rubric = reading.rubric.rubric if reading.rubric is not None else None
    rater = consensus_rater(rubric) if rubric is not None else None
    if rubric is None or rater is None or errors(reading.problems):
        raise ProcessRefused(list(reading.problems) or [_problem("V011")])
    data = with_levels(bytes(source.data), rubric, levels, rater)
    reading = checking.read_bytes(data, source.file_name, loaded)
    if errors(reading.problems):
        raise ProcessRefused(errors(reading.problems))
    ingested = checking.store(checking.score(reading), source.file_name)
    evaluation = Evaluation.objects.select_related("project", "round").get(pk=ingested.evaluation_id)
    Submission.objects.create(
        file_name=source.file_name, sha256=hashlib.sha256(data).hexdigest(), size=len(data), data=data, kind=kind,
        uploaded_by=user, assignment=source.assignment, round=review.round, project=review.project, state="scored",
        evaluation=evaluation)
    return evaluation


# -- the end of 公示 --------------------------------------------------------------------------------------------

def settle(review: Review, now: datetime | None = None) -> Review:
    """A published result whose period has ended becomes final (moved by the system, once)."""
    if review.state != "published":
        return review
    ends = RoundSchedule.objects.filter(round_id=review.round_id).values_list("publication_ends", flat=True).first()
    now = now or timezone.now()
    if ends is None or ends > now:
        return review
    with transaction.atomic():
        locked = Review.objects.select_for_update().get(pk=review.pk)
        if locked.state == "published":
            target = states.move(locked.state, "finalize", "system")
            locked.state = target
            locked.save(update_fields=["state", "updated_at"])
            _event(locked, "finalize", None, "system", "published", target, at=ends)
            review.state = target
    return review


def settle_round(round_: Round) -> int:
    """Every published result of the round whose period is over becomes final; how many did."""
    count = 0
    for review in Review.objects.filter(round=round_, state="published"):
        count += settle(review).state == "final"
    return count


def type_name(evaluation_type: str) -> dict[str, str]:
    return TYPE_NAMES[evaluation_type].model_dump()
