"""The page's language as the library's messages name it ("zh" or "en")."""

from __future__ import annotations

from django.utils import translation

from evaluator.messages import Lang


def current() -> Lang:
    return "en" if (translation.get_language() or "").startswith("en") else "zh"
