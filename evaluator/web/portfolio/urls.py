from __future__ import annotations

from django.urls import path

from evaluator.web.portfolio import views

app_name = "portfolio"
urlpatterns = [
    path("portfolio/", views.index, name="index"),
    path("portfolio/rounds/<int:pk>/", views.round_dashboard, name="round"),
    path("portfolio/compare/", views.compare, name="compare"),
    path("portfolio/projects/<int:pk>/", views.project, name="project"),
    path("portfolio/download/portfolio.<str:fmt>", views.download, name="download"),
    path("portfolio/download/portfolio.<str:fmt>/status", views.download_status, name="download_status"),
]
