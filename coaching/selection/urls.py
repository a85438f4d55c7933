from django.urls import path

from . import views

urlpatterns = [
    path("coaching/calls/", views.call_list, name="call_list"),
    path("coaching/cohorts/<slug:slug>/apply/", views.cohort_apply, name="cohort_apply"),
    path(
        "coaching/cohorts/<slug:slug>/selection/", views.cohort_selection, name="cohort_selection"
    ),
    path(
        "coaching/cohorts/<slug:slug>/selection/notify/",
        views.cohort_notify,
        name="cohort_notify",
    ),
    path(
        "coaching/applications/<int:pk>/score/", views.application_score, name="application_score"
    ),
    path(
        "coaching/applications/<int:pk>/decision/",
        views.application_decide,
        name="application_decide",
    ),
]
