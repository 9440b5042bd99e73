"""The evaluating body's set-up in the admin site: rounds (届次, rubric, dates, funders), organizations,
projects, funders, assignments (a tie declared with the organization refuses the assignment) and
declared conflicts. Every change is recorded in the audit log."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext as _

from evaluator.store.models import Organization, Project, Round
from evaluator.web.audit.admin_mixins import Audited
from evaluator.web.rounds.models import (
    Assignment,
    Conflict,
    Funder,
    RoundFunder,
    RubricUpload,
)
from evaluator.web.rounds.rubrics import rubric_choices


class RoundFunderInline(admin.TabularInline):
    model = RoundFunder
    extra = 1
    autocomplete_fields = ("funder",)


class RoundForm(forms.ModelForm):
    """A round names a rubric that exists: bundled, or uploaded on the set-up page without errors."""

    class Meta:
        model = Round
        fields = ("name", "rubric_id", "rubric_version", "starts_on", "ends_on")

    def clean(self) -> dict:
        data = super().clean()
        chosen = (data.get("rubric_id") or "", data.get("rubric_version") or "")
        known = rubric_choices()
        if chosen[0] and chosen not in known:
            listed = ", ".join(f"{i} {v}" for i, v in known)
            raise forms.ValidationError(_("No rubric %(id)s %(version)s: choose a bundled rubric or one uploaded "
                                          "without errors (%(known)s).") % {"id": chosen[0], "version": chosen[1],
                                                                            "known": listed})
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            raise forms.ValidationError(_("The round ends before it starts."))
        return data


@admin.register(Round)
class RoundAdmin(Audited, admin.ModelAdmin):
    form = RoundForm
    list_display = ("name", "rubric_id", "rubric_version", "starts_on", "ends_on")
    search_fields = ("name",)
    fields = ("name", "rubric_id", "rubric_version", "starts_on", "ends_on")
    inlines = (RoundFunderInline,)


@admin.register(Organization)
class OrganizationAdmin(Audited, admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)
    fields = ("name",)

    def save_model(self, request, obj, form, change) -> None:
        from evaluator.rounds import name_key

        obj.key = name_key(obj.name)       # the store matches organizations by this key
        super().save_model(request, obj, form, change)


@admin.register(Project)
class ProjectAdmin(Audited, admin.ModelAdmin):
    list_display = ("code", "name", "organization", "district", "street", "community", "funder")
    list_filter = ("district",)
    search_fields = ("code", "name", "community", "street")
    autocomplete_fields = ("organization",)


@admin.register(Funder)
class FunderAdmin(Audited, admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Assignment)
class AssignmentAdmin(Audited, admin.ModelAdmin):
    list_display = ("project", "round", "evaluator", "evaluation_type", "assigned_at")
    list_filter = ("round", "evaluation_type")
    autocomplete_fields = ("project", "round", "evaluator")
    search_fields = ("project__code", "project__name", "evaluator__username")


@admin.register(Conflict)
class ConflictAdmin(Audited, admin.ModelAdmin):
    list_display = ("evaluator", "organization", "reason", "declared_at")
    autocomplete_fields = ("evaluator", "organization")


@admin.register(RubricUpload)
class RubricUploadAdmin(admin.ModelAdmin):
    list_display = ("file_name", "rubric_id", "rubric_version", "ok", "uploaded_by", "uploaded_at")
    readonly_fields = ("file_name", "sha256", "rubric_id", "rubric_version", "rubric_sha256", "ok", "problems",
                       "uploaded_by", "uploaded_at")
    exclude = ("data",)

    def has_add_permission(self, request) -> bool:
        return False       # uploads go through the set-up page, which checks them
