from django.urls import path

from . import views

urlpatterns = [
    path("coaching/", views.coach_dashboard, name="coach_dashboard"),
    path(
        "coaching/cohorts/<slug:slug>/dashboard/", views.cohort_dashboard, name="cohort_dashboard"
    ),
]
