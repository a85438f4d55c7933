from django.urls import path

from . import views

urlpatterns = [
    path("coaching/cohorts/", views.cohort_list, name="cohort_list"),
    # Before the cohort's own pages: "new" is not a cohort's slug.
    path("coaching/cohorts/new/", views.cohort_create, name="cohort_create"),
    path("coaching/cohorts/<slug:slug>/", views.cohort_detail, name="cohort_detail"),
    path("coaching/cohorts/<slug:slug>/edit/", views.cohort_edit, name="cohort_edit"),
    path("coaching/cohorts/<slug:slug>/status/", views.cohort_advance, name="cohort_advance"),
    path(
        "coaching/enrolments/<int:pk>/coaches/",
        views.enrolment_coach_assign,
        name="enrolment_coach_assign",
    ),
    path("coaching/coach-assignments/<int:pk>/areas/", views.coach_areas, name="coach_areas"),
    path("coaching/methodology/", views.methodology, name="methodology"),
    path("coaching/methodology/phases/new/", views.phase_create, name="phase_create"),
    path("coaching/methodology/phases/<int:pk>/", views.phase_edit, name="phase_edit"),
    path("coaching/methodology/phases/<int:pk>/move/", views.phase_move, name="phase_move"),
    path(
        "coaching/methodology/phases/<int:pk>/remove/",
        views.phase_delete_confirm,
        name="phase_delete_confirm",
    ),
    path("coaching/methodology/phases/<int:pk>/delete/", views.phase_delete, name="phase_delete"),
    path("coaching/methodology/phases/<int:pk>/steps/new/", views.step_create, name="step_create"),
    path("coaching/methodology/steps/<int:pk>/", views.step_edit, name="step_edit"),
    path("coaching/methodology/steps/<int:pk>/move/", views.step_move, name="step_move"),
    path(
        "coaching/methodology/steps/<int:pk>/remove/",
        views.step_delete_confirm,
        name="step_delete_confirm",
    ),
    path("coaching/methodology/steps/<int:pk>/delete/", views.step_delete, name="step_delete"),
]
