from __future__ import annotations

from django.urls import path

from evaluator.web.fieldwork import calibration, views

app_name = "fieldwork"
urlpatterns = [
    path("assignments/<int:pk>/merge/", views.merge, name="merge"),
    path("submissions/<int:pk>/form.xlsx", views.submitted_form, name="submitted_form"),
    path("calibration/", calibration.index, name="calibration_index"),
    path("calibration/<int:pk>/", calibration.round_page, name="calibration"),
]
