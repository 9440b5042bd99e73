from __future__ import annotations

from django.apps import AppConfig


class RoundsConfig(AppConfig):
    name = "evaluator.web.rounds"
    label = "rounds"
    verbose_name = "届次与分派 · Rounds and assignments"
    default_auto_field = "django.db.models.BigAutoField"
