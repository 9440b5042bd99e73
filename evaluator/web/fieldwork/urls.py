from __future__ import annotations

from django.urls import path

from evaluator.web.fieldwork import views

app_name = "fieldwork"
urlpatterns = [
    path("assignments/<int:pk>/merge/", views.merge, name="merge"),
    path("submissions/<int:pk>/form.xlsx", views.submitted_form, name="submitted_form"),
]
