"""URL names the parts of coaching link to before the part that serves them has landed.

Each is a placeholder (404) with the final path and kwargs; the part that builds the page
removes its line here. Empty once every part has landed (then this module goes)."""

from django.http import Http404
from django.urls import path


def placeholder(request, **kwargs):
    raise Http404


urlpatterns = [
    # plans (coaching/views.py)
    path("coaching/enrolments/<int:pk>/plan/new/", placeholder, name="plan_create"),
    path("coaching/plans/<int:pk>/", placeholder, name="plan_detail"),
    path("coaching/plans/<int:pk>/board/", placeholder, name="plan_board"),
    path("coaching/plans/<int:pk>/actions/", placeholder, name="plan_actions"),
    path("coaching/plans/<int:pk>/actions/new/", placeholder, name="action_create"),
    path("coaching/actions/<int:pk>/", placeholder, name="action_detail"),
    path("coaching/actions/<int:pk>/status/", placeholder, name="action_status"),
    # selection and staff (coaching/selection/, coaching/staff/)
    path("coaching/cohorts/", placeholder, name="cohort_list"),
    path("coaching/cohorts/<slug:slug>/", placeholder, name="cohort_detail"),
    path("coaching/cohorts/<slug:slug>/apply/", placeholder, name="cohort_apply"),
    path("coaching/cohorts/<slug:slug>/selection/", placeholder, name="cohort_selection"),
    path("coaching/calls/", placeholder, name="call_list"),
    path("coaching/methodology/", placeholder, name="methodology"),
    # exports (coaching/exports/)
    path("coaching/plans/<int:pk>/pdf/", placeholder, name="plan_pdf"),
    path(
        "coaching/cohorts/<slug:slug>/actions.<str:format>",
        placeholder,
        name="cohort_actions_export",
    ),
]
