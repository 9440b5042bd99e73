"""Django permissions from roles: the `admin` role holds every model permission (the admin site, and any
third-party admin such as the task queue's or the log-in throttle's), without per-model grants."""

from __future__ import annotations

from typing import Any


class RolePermissions:
    """An authentication backend that authenticates nobody and grants permissions by role."""

    def authenticate(self, request: Any, **credentials: Any) -> None:
        return None

    def get_user(self, user_id: Any) -> None:
        return None

    def _admin(self, user: Any) -> bool:
        from evaluator.web.access import has_role
        from evaluator.web.accounts.roles import ADMIN

        return has_role(user, ADMIN)

    def has_perm(self, user: Any, perm: str, obj: Any = None) -> bool:
        return self._admin(user)

    def has_module_perms(self, user: Any, app_label: str) -> bool:
        return self._admin(user)
