"""`{{ notification|notification_text }}`: a notification in the page's language."""

from __future__ import annotations

from django import template

from evaluator.web.process.models import Notification
from evaluator.web.process.notify import text

register = template.Library()


@register.filter
def notification_text(notification: Notification) -> str:
    return text(notification.kind, notification.params)


@register.filter
def appeal_state(state: str) -> str:
    from evaluator.web.process.words import APPEAL_STATE_NAMES

    return APPEAL_STATE_NAMES.shown(state)


@register.filter
def upload_kind(kind: str) -> str:
    from evaluator.web.process.words import UPLOAD_KIND_NAMES

    return UPLOAD_KIND_NAMES.shown(kind)
