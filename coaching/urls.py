"""coaching's URLs, one namespace; each part keeps its patterns in its folder."""

from django.urls import path

from . import views
from .calendar import urls as calendar_urls
from .dashboards import urls as dashboards_urls
from .evaluation import urls as evaluation_urls
from .exports import urls as exports_urls
from .reminders import urls as reminders_urls
from .selection import urls as selection_urls
from .sessions import urls as sessions_urls
from .staff import urls as staff_urls

app_name = "coaching"

urlpatterns = [
    # Plans and their actions (coaching/views.py).
    path("coaching/enrolments/<int:pk>/plan/new/", views.plan_create, name="plan_create"),
    path("coaching/plans/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("coaching/plans/<int:pk>/edit/", views.plan_edit, name="plan_edit"),
    path("coaching/plans/<int:pk>/board/", views.plan_board, name="plan_board"),
    path("coaching/plans/<int:pk>/actions/", views.plan_actions, name="plan_actions"),
    path("coaching/plans/<int:pk>/actions/new/", views.action_create, name="action_create"),
    path(
        "coaching/plans/<int:pk>/milestones/new/",
        views.milestone_create,
        name="milestone_create",
    ),
    path(
        "coaching/plans/<int:pk>/milestones/<int:milestone_pk>/reached/",
        views.milestone_reach,
        name="milestone_reach",
    ),
    path(
        "coaching/plans/<int:pk>/steps/<int:step_pk>/done/",
        views.step_complete,
        name="step_complete",
    ),
    path(
        "coaching/plans/<int:pk>/steps/<int:step_pk>/reopen/",
        views.step_reopen_confirm,
        name="step_reopen_confirm",
    ),
    path(
        "coaching/plans/<int:pk>/steps/<int:step_pk>/reopen/confirmed/",
        views.step_reopen,
        name="step_reopen",
    ),
    path("coaching/actions/<int:pk>/", views.action_detail, name="action_detail"),
    path("coaching/actions/<int:pk>/edit/", views.action_edit, name="action_edit"),
    path("coaching/actions/<int:pk>/status/", views.action_status, name="action_status"),
    *staff_urls.urlpatterns,
    *selection_urls.urlpatterns,
    *sessions_urls.urlpatterns,
    *dashboards_urls.urlpatterns,
    *evaluation_urls.urlpatterns,
    *reminders_urls.urlpatterns,
    *calendar_urls.urlpatterns,
    *exports_urls.urlpatterns,
]
