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
    # sessions and intervisions (coaching/sessions/)
    path("coaching/enrolments/<int:pk>/", placeholder, name="enrolment_detail"),
    path("coaching/enrolments/<int:pk>/sessions/new/", placeholder, name="session_create"),
    path("coaching/sessions/<int:pk>/", placeholder, name="session_detail"),
    path("coaching/cohorts/<slug:slug>/intervisions/new/", placeholder, name="intervision_create"),
    path("coaching/intervisions/<int:pk>/", placeholder, name="intervision_detail"),
    # dashboards and evaluation (coaching/dashboards/, coaching/evaluation/)
    path("coaching/", placeholder, name="coach_dashboard"),
    path("coaching/cohorts/<slug:slug>/dashboard/", placeholder, name="cohort_dashboard"),
    path("coaching/cohorts/<slug:slug>/evaluation/", placeholder, name="evaluation_form"),
    path(
        "coaching/cohorts/<slug:slug>/evaluation/results/",
        placeholder,
        name="evaluation_results",
    ),
    # reminders and calendars (coaching/reminders/, coaching/calendar/)
    path("coaching/reminders/", placeholder, name="reminder_settings"),
    path("coaching/reminders/off/<str:token>/", placeholder, name="reminders_unsubscribe"),
    path("coaching/calendar/", placeholder, name="calendar_settings"),
    path("coaching/calendar/<str:token>.ics", placeholder, name="calendar_feed"),
    # exports (coaching/exports/)
    path("coaching/plans/<int:pk>/pdf/", placeholder, name="plan_pdf"),
    path(
        "coaching/cohorts/<slug:slug>/actions.<str:format>",
        placeholder,
        name="cohort_actions_export",
    ),
]
