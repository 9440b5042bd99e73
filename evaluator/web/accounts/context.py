"""Template context: the signed-in person's roles, for the navigation."""

from __future__ import annotations

from django.http import HttpRequest

from evaluator.web.access import roles_of


def roles(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    return {"roles": roles_of(user) if user is not None else frozenset()}
