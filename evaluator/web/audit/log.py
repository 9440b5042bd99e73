"""`record(user, action, obj, **details)`: every change that matters calls it, in the same transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from evaluator.web.audit.models import AuditEvent


def record(user: Any, action: str, obj: models.Model | None = None, **details: Any) -> AuditEvent:
    """Log `action` (e.g. "submission.upload") by `user` (None or anonymous: the system) on `obj`."""
    who = user if getattr(user, "is_authenticated", False) else None
    return AuditEvent.objects.create(
        user=who, username=who.get_username() if who else "",
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        summary=str(obj)[:500] if obj is not None else "",
        details=details,
    )
