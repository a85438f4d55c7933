from django.urls import path

from . import views

urlpatterns = [
    path("coaching/enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("coaching/enrolments/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("coaching/sessions/<int:pk>/", views.session_detail, name="session_detail"),
    path("coaching/sessions/<int:pk>/edit/", views.session_edit, name="session_edit"),
    path(
        "coaching/sessions/<int:pk>/next-steps/<int:index>/action/",
        views.session_step_action,
        name="session_step_action",
    ),
    path(
        "coaching/cohorts/<slug:slug>/intervisions/",
        views.intervision_list,
        name="intervision_list",
    ),
    path(
        "coaching/cohorts/<slug:slug>/intervisions/new/",
        views.intervision_create,
        name="intervision_create",
    ),
    path("coaching/intervisions/<int:pk>/", views.intervision_detail, name="intervision_detail"),
    path("coaching/intervisions/<int:pk>/edit/", views.intervision_edit, name="intervision_edit"),
    path(
        "coaching/intervisions/<int:pk>/invite/",
        views.intervision_invite,
        name="intervision_invite",
    ),
    path(
        "coaching/intervisions/<int:pk>/attendance/",
        views.intervision_attendance,
        name="intervision_attendance",
    ),
    path(
        "coaching/intervisions/<int:pk>/summary/",
        views.intervision_summary,
        name="intervision_summary",
    ),
    path(
        "coaching/intervisions/<int:pk>/questions/",
        views.question_create,
        name="question_create",
    ),
    path(
        "coaching/questions/<int:pk>/taken-up/",
        views.question_take_up,
        name="question_take_up",
    ),
]
