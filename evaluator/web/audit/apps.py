from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "evaluator.web.audit"
    label = "audit"
    verbose_name = "审计日志 · Audit log"
    default_auto_field = "django.db.models.BigAutoField"
