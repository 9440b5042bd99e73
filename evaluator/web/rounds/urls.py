from __future__ import annotations

from django.urls import path

from evaluator.web.rounds import views

app_name = "rounds"
urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("setup/rubrics/", views.rubrics, name="rubrics"),
    path("conflicts/", views.conflicts, name="conflicts"),
]
