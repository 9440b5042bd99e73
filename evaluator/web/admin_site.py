"""The admin site for the evaluating body: open to the `admin` role (not to Django's staff flag); the role's
model permissions come from `accounts.backends.RolePermissions`."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig


class PlatformAdminSite(admin.AdminSite):
    site_header = "评估平台管理 · Evaluation platform administration"
    site_title = "评估平台 · Evaluation platform"
    index_title = "设置 · Set-up"

    def has_permission(self, request) -> bool:
        from evaluator.web.access import has_role
        from evaluator.web.accounts.roles import ADMIN

        return request.user.is_active and has_role(request.user, ADMIN)


class PlatformAdminConfig(AdminConfig):
    default_site = "evaluator.web.admin_site.PlatformAdminSite"
