"""URL names the parts of coaching link to before the part that serves them has landed.

Each is a placeholder (404) with the final path and kwargs; the part that builds the page
removes its line here. Empty once every part has landed (then this module goes)."""

from django.http import Http404
from django.urls import path


def placeholder(request, **kwargs):
    raise Http404


urlpatterns = [
    # selection and staff (coaching/selection/, coaching/staff/)
    path("coaching/cohorts/", placeholder, name="cohort_list"),
    path("coaching/cohorts/<slug:slug>/", placeholder, name="cohort_detail"),
    path("coaching/cohorts/<slug:slug>/apply/", placeholder, name="cohort_apply"),
    path("coaching/cohorts/<slug:slug>/selection/", placeholder, name="cohort_selection"),
    path("coaching/calls/", placeholder, name="call_list"),
    path("coaching/methodology/", placeholder, name="methodology"),
]
