"""`AuditEvent`: one row per change that matters. Rows are only ever added (the admin shows them read-only)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name=_("when"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("who"))
    username = models.TextField(blank=True, default="", verbose_name=_("user name"))  # kept if the user goes
    action = models.CharField(max_length=64, db_index=True, verbose_name=_("action"))
    object_type = models.CharField(max_length=64, blank=True, default="", verbose_name=_("object type"))
    object_id = models.CharField(max_length=64, blank=True, default="", verbose_name=_("object id"))
    summary = models.TextField(blank=True, default="", verbose_name=_("object"))
    details = models.JSONField(default=dict, blank=True, verbose_name=_("details"))

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_by_object")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.action} {self.summary}"
