"""What the feedback report's follow-up section shows for a stored evaluation: the organization's answers
to it and the earlier plan's actions followed up in it (plain data for `report.feedback_followup`)."""

from __future__ import annotations

from evaluator.report.feedback_followup import FollowUp, PlanItem, ResponseItem
from evaluator.store.models import Evaluation
from evaluator.web.process.models import PlanAction, Review


def followup_for(evaluation: Evaluation) -> FollowUp | None:
    review = Review.objects.filter(evaluation=evaluation).first()
    if review is None:
        return None
    responses = [ResponseItem(indicator=r.indicator_id, stance=r.stance, reason=r.reason, action=r.action)  # type: ignore[arg-type]
                 for r in review.responses.order_by("indicator_id")]
    actions = list(PlanAction.objects.filter(followed_up_in=review).select_related("review__round").order_by("id"))
    plan = [PlanItem(indicator=a.indicator_id, action=a.action, owner=a.owner, due=a.due.isoformat() if a.due else "",
                     level=a.level, done=a.done, evidence=a.follow_up) for a in actions]
    if not responses and not plan:
        return None
    return FollowUp(responses=responses, plan=plan, plan_round=actions[0].review.round.name if actions else "")
