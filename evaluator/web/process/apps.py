from __future__ import annotations

from django.apps import AppConfig


class ProcessConfig(AppConfig):
    name = "evaluator.web.process"
    label = "process"
    verbose_name = "评估流程 · Review process"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from evaluator.store.guards import register
        from evaluator.web.process.locks import locked_guard

        register(locked_guard)
