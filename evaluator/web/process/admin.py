"""The round's process dates in the admin site: the administrator sets the self-assessment deadline; the
publication period is set by the committee when it publishes (shown here, not edited, so that no one
moves a period under a result)."""

from __future__ import annotations

from django.contrib import admin

from evaluator.web.audit.admin_mixins import Audited
from evaluator.web.process.models import RoundSchedule


@admin.register(RoundSchedule)
class RoundScheduleAdmin(Audited, admin.ModelAdmin):
    list_display = ("round", "self_assessment_until", "publication_starts", "publication_ends", "appeals_decided_by")
    fields = ("round", "self_assessment_until", "publication_starts", "publication_ends", "appeals_decided_by")
    readonly_fields = ("publication_starts", "publication_ends", "appeals_decided_by")
    autocomplete_fields = ("round",)

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "round") if obj is not None else self.readonly_fields
