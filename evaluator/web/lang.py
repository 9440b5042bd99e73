"""The page's language as the library's messages name it ("zh" or "en")."""

from __future__ import annotations

from django.utils import translation

from evaluator.i18n import Lang, as_lang


def current() -> Lang:
    return as_lang(translation.get_language())
