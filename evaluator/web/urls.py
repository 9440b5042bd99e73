"""Every page of the platform. Each URL name has a row in tests/web/test_permissions.py's table."""

from __future__ import annotations

from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from evaluator.web.accounts import views as accounts

urlpatterns = [
    path("", accounts.home, name="home"),
    path("accounts/", include("evaluator.web.accounts.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("", include("evaluator.web.rounds.urls")),
    path("", include("evaluator.web.evaluations.urls")),
    path("", include("evaluator.web.portfolio.urls")),
    path("", include("evaluator.web.process.urls")),
]
