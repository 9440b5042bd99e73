from __future__ import annotations

from django.urls import path

from evaluator.web.evaluations import views

app_name = "evaluations"
urlpatterns = [
    path("assignments/", views.assignments, name="assignments"),
    path("assignments/<int:pk>/form.xlsx", views.form, name="form"),
    path("assignments/<int:pk>/upload/", views.upload, name="upload"),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:pk>/score/", views.score, name="score"),
    path("evaluations/<int:pk>/", views.result, name="result"),
    path("evaluations/<int:pk>/report/<str:lang>/", views.report, name="report"),
    path("evaluations/<int:pk>/report/<str:lang>/status/", views.report_status, name="report_status"),
    path("evaluations/<int:pk>/report/<str:lang>/report.pdf", views.report_file, name="report_file"),
    path("rounds/<int:pk>/upload/", views.batch_upload, name="batch_upload"),
    path("batches/<int:pk>/", views.batch, name="batch"),
    path("batches/<int:pk>/status/", views.batch_status, name="batch_status"),
]
