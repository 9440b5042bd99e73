"""The review process in the demo (`evaluator serve --demo`): the earlier round went the whole way —
submitted, approved, published, its 公示 period over, final — through the same moves people make; in the
latest round the committee has results waiting for it, and the project whose evaluators disagree
(CD-2023-017, D1.06) waits for evaluator A to upload its form, so the whole cycle can be walked.
Running it again changes nothing."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from evaluator.store.models import Evaluation, Round
from evaluator.web.process import flow
from evaluator.web.process.models import Review, RoundSchedule

WALK = "CD-2023-017"     # left without a review: the demo's cycle starts with its upload


def demo_process() -> None:
    rounds = sorted(Round.objects.filter(evaluations__isnull=False).distinct(), key=lambda r: r.name)
    if not rounds or Review.objects.exists():
        return
    committee = User.objects.get(username="committee")
    with transaction.atomic():
        for round_ in rounds:
            latest = round_ == rounds[-1]
            for e in (Evaluation.objects.filter(round=round_, latest=True).exclude(evaluation_type="self")
                      .select_related("project").order_by("project__code")):
                if latest and e.project.code == WALK:
                    continue
                review = Review.objects.create(project=e.project, round=round_, evaluation_type=e.evaluation_type,
                                               evaluation=e)
                evaluator = _evaluator(e)
                flow.act(review, "submit", evaluator)
                if not latest and not flow.disagreements(review):
                    flow.act(review, "approve", committee)
            if not latest:
                _published_and_over(round_, committee)


def _evaluator(e: Evaluation) -> User:
    from evaluator.web.rounds.models import Assignment

    found = Assignment.objects.filter(project=e.project, round=e.round).select_related("evaluator").first()
    return found.evaluator if found else User.objects.get(username="evaluator-a")


def _published_and_over(round_: Round, committee: User) -> None:
    """Published for a period that is already over (a demo has no weeks to wait), then final."""
    from evaluator.web.process.appeals import publish_round

    publish_round(round_, committee, timezone.now() + datetime.timedelta(days=14), None)
    schedule = RoundSchedule.objects.get(round=round_)
    schedule.publication_starts = timezone.now() - datetime.timedelta(days=30)
    schedule.publication_ends = schedule.appeals_decided_by = timezone.now() - datetime.timedelta(days=16)
    schedule.save()
    flow.settle_round(round_)
