from __future__ import annotations

from django.apps import AppConfig


class FieldworkConfig(AppConfig):
    """Evidence as it arrives from the field: merging two evaluators' forms, rater calibration."""

    name = "evaluator.web.fieldwork"
    label = "fieldwork"
    verbose_name = "现场证据 · Fieldwork"
    default_auto_field = "django.db.models.BigAutoField"
