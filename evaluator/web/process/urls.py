from __future__ import annotations

from django.urls import path

from evaluator.web.process import views

app_name = "process"
urlpatterns = [
    path("reviews/<int:pk>/", views.review, name="review"),
    path("reviews/<int:pk>/move/<str:action>/", views.move, name="move"),
    path("reviews/<int:pk>/consensus/", views.consensus, name="consensus"),
    path("reviews/<int:pk>/history/", views.history, name="history"),
    path("reviews/<int:pk>/appeal/", views.appeal, name="appeal"),
    path("reviews/<int:pk>/respond/", views.respond, name="respond"),
    path("reviews/<int:pk>/plan/", views.plan, name="plan"),
    path("reviews/<int:pk>/follow-up/", views.follow_up, name="follow_up"),
    path("appeals/<int:pk>/", views.appeal_decide, name="appeal_decide"),
    path("appeals/<int:pk>/files/<int:file_pk>/", views.appeal_file, name="appeal_file"),
    path("rounds/<int:pk>/publish/", views.publish, name="publish"),
    path("rounds/<int:pk>/handbook.pdf", views.handbook, name="handbook"),
    path("portal/", views.portal, name="portal"),
    path("portal/<int:project_pk>/<int:round_pk>/self-assessment/", views.self_assess, name="self_assess"),
    path("portal/<int:project_pk>/<int:round_pk>/self-assessment.xlsx", views.self_form, name="self_form"),
    path("public/", views.public, name="public"),
]
