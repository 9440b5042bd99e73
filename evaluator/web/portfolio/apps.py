from __future__ import annotations

from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "evaluator.web.portfolio"
    label = "portfolio"
    verbose_name = "资助方看板 · Funder dashboards"
    default_auto_field = "django.db.models.BigAutoField"
