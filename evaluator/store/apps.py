"""The results store as a Django app (label `store`): its models, migrations and nothing of the web."""

from __future__ import annotations

from django.apps import AppConfig


class StoreConfig(AppConfig):
    name = "evaluator.store"
    label = "store"
    verbose_name = "结果库 · Results store"
    default_auto_field = "django.db.models.BigAutoField"
