"""Notifications: each move tells the people who must act next, in the app (their home page lists what
waits for them) and by e-mail when the server has SMTP settings (`EVALUATOR_SMTP_HOST`; Django's mail
backend, so tests use the locmem one). A move closes the notifications its review had: they were about
the state it left."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_noop

from evaluator.web.process.models import Notification, Review

KIND_MSGIDS = {
    "review": gettext_noop("{project} ({round}) waits for your review"),
    "returned": gettext_noop("{project} ({round}) was returned to you: {reason}"),
    "approved": gettext_noop("The result of {project} ({round}) was approved: read the feedback report, answer it and set your improvement plan"),
    "publish": gettext_noop("The result of {project} ({round}) is approved and waits to be published"),
    "published": gettext_noop("The result of {project} ({round}) is published until {until}: you may appeal until then"),
    "appeal": gettext_noop("{organization} appealed the result of {project} ({round}): decide by {until}"),
    "decided": gettext_noop("Your appeal on {project} ({round}) was decided: {decision}"),
    "final": gettext_noop("The result of {project} ({round}) is final"),
    "self": gettext_noop("{organization} uploaded its self-assessment of {project} ({round})"),
}


def text(kind: str, params: dict[str, Any]) -> str:
    """A notification in the page's current language."""
    return gettext(KIND_MSGIDS[kind]).format(**params)


def committee() -> list[User]:
    return list(User.objects.filter(groups__name="committee", is_active=True).distinct())


def evaluators(review: Review) -> list[User]:
    from evaluator.web.rounds.models import Assignment

    ids = Assignment.objects.filter(project_id=review.project_id, round_id=review.round_id).values("evaluator_id")
    return list(User.objects.filter(pk__in=ids, is_active=True))


def organization(review: Review) -> list[User]:
    org = review.project.organization_id
    if org is None:
        return []
    return list(User.objects.filter(profile__organization_id=org, groups__name="organization", is_active=True)
                .distinct())


def _params(review: Review, **extra: Any) -> dict[str, Any]:
    return {"project": f"{review.project.code} {review.project.name}", "round": review.round.name,
            "organization": review.project.organization.name if review.project.organization else "", **extra}


def send(users: Iterable[User], kind: str, review: Review | None, url: str, params: dict[str, Any]) -> int:
    now = timezone.now()
    people = list({u.pk: u for u in users}.values())
    Notification.objects.bulk_create([Notification(user=u, kind=kind, params=params, url=url, review=review,
                                                   created_at=now) for u in people])
    if getattr(settings, "EVALUATOR_MAIL", False):
        for person in people:
            if person.email:
                with translation.override("zh-hans"):
                    zh = text(kind, params)
                with translation.override("en"):
                    en = text(kind, params)
                send_mail(zh[:70], f"{zh}\n{en}\n\n{url}", None, [person.email], fail_silently=True)
    return len(people)


def close(review: Review) -> None:
    Notification.objects.filter(review=review, done=False).update(done=True)


def moved(review: Review, action: str, reason: str = "") -> None:
    """After a move of the review: whoever acts next is told."""
    close(review)
    page = reverse("process:review", args=[review.pk])
    if action in ("submit", "resubmit"):
        send(committee(), "review", review, page, _params(review))
    elif action == "return":
        send(evaluators(review), "returned", review, page, _params(review, reason=reason or "—"))
    elif action == "approve":
        send(organization(review), "approved", review, reverse("process:respond", args=[review.pk]), _params(review))
        send(committee(), "publish", review, reverse("process:publish", args=[review.round_id]), _params(review))
    elif action == "publish":
        from evaluator.web.process.flow import schedule_of

        ends = schedule_of(review.round).publication_ends
        until = timezone.localtime(ends).strftime("%Y-%m-%d %H:%M") if ends else "—"
        send(organization(review), "published", review, reverse("process:appeal", args=[review.pk]),
             _params(review, until=until))
    elif action == "finalize":
        send(organization(review), "final", review, reverse("process:history", args=[review.pk]), _params(review))


def waiting(user: Any) -> list[Notification]:
    return list(Notification.objects.filter(user=user, done=False).order_by("-created_at", "-id")[:50])


def reviews_waiting(user: Any) -> list[tuple[Review, str]]:
    """The reviews whose next move is this person's: the committee's to review, publish, decide; the
    assigned evaluator's drafts and returned forms."""
    from evaluator.web import access
    from evaluator.web.process.states import next_roles
    from evaluator.web.process.words import STATE_NAMES

    roles = access.roles_of(user)
    found = Review.objects.none()
    if "committee" in roles:
        found = found | Review.objects.filter(state__in=["submitted", "resubmitted", "approved"])
    if "evaluator" in roles:
        mine = access.my_assignments(user).values("project_id")
        found = found | Review.objects.filter(state__in=["draft", "returned"], project_id__in=mine,
                                              round_id__in=access.my_assignments(user).values("round_id"))
    rows = found.select_related("project", "round").order_by("round__name", "project__code")[:50]
    return [(r, STATE_NAMES.shown(r.state)) for r in rows if next_roles(r.state) & roles]
