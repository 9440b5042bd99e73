"""Django, set up once per process the first time a store is opened (the CLI needs no Django before)."""

from __future__ import annotations

import os


def ensure_django() -> None:
    """Configure Django from `evaluator.settings` unless the process (the server, a test) already did."""
    from django.apps import apps

    if apps.ready or apps.loading:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "evaluator.settings")
    import django

    django.setup()
