from __future__ import annotations

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "evaluator.web.accounts"
    label = "accounts"
    verbose_name = "账户 · Accounts"
    default_auto_field = "django.db.models.BigAutoField"
