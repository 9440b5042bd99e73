from __future__ import annotations

from django.apps import AppConfig


class EvaluationsConfig(AppConfig):
    name = "evaluator.web.evaluations"
    label = "evaluations"
    verbose_name = "评估 · Evaluations"
    default_auto_field = "django.db.models.BigAutoField"
