"""The audit log in the admin site: read only, for the evaluating body."""

from __future__ import annotations

from django.contrib import admin

from evaluator.web.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "username", "action", "object_type", "summary")
    list_filter = ("action", "object_type")
    search_fields = ("username", "summary", "object_id")
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
