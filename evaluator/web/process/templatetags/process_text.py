"""`{{ notification|notification_text }}`: a notification in the page's language."""

from __future__ import annotations

from django import template

from evaluator.web.process.models import Notification
from evaluator.web.process.notify import text

register = template.Library()


@register.filter
def notification_text(notification: Notification) -> str:
    return text(notification.kind, notification.params)
