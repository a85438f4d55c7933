from django.urls import path

from . import views

urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/register/", views.event_register, name="event_register"),
    path("events/<slug:slug>/calendar.ics", views.event_ics, name="event_ics"),
    path(
        "events/registration/<str:token>/confirm/",
        views.registration_confirm,
        name="registration_confirm",
    ),
    path(
        "events/registration/<str:token>/confirm/done/",
        views.registration_confirm_action,
        name="registration_confirm_action",
    ),
    path(
        "events/registration/<str:token>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "events/registration/<str:token>/cancel/done/",
        views.registration_cancel_action,
        name="registration_cancel_action",
    ),
    path(
        "events/certificates/<str:token>/",
        views.certificate_download,
        name="certificate_download",
    ),
    path("staff/events/", views.staff_event_list, name="staff_event_list"),
    path("staff/events/new/", views.staff_event_create, name="staff_event_create"),
    path("staff/events/<int:pk>/", views.staff_event_detail, name="staff_event_detail"),
    path("staff/events/<int:pk>/edit/", views.staff_event_edit, name="staff_event_edit"),
    path("staff/events/<int:pk>/cancel/", views.staff_event_cancel, name="staff_event_cancel"),
    path(
        "staff/events/<int:pk>/questions/new/",
        views.staff_question_create,
        name="staff_question_create",
    ),
    path(
        "staff/events/<int:pk>/questions/<int:question_pk>/edit/",
        views.staff_question_edit,
        name="staff_question_edit",
    ),
    path(
        "staff/events/<int:pk>/questions/<int:question_pk>/delete/",
        views.staff_question_delete,
        name="staff_question_delete",
    ),
    path(
        "staff/events/<int:pk>/registrations.csv",
        views.staff_registration_export,
        name="staff_registration_export",
    ),
    path(
        "staff/events/<int:pk>/registrations/<int:registration_pk>/cancel/",
        views.staff_registration_cancel,
        name="staff_registration_cancel",
    ),
    path("staff/events/<int:pk>/attendance/", views.staff_attendance, name="staff_attendance"),
    path("staff/events/<int:pk>/message/", views.staff_event_message, name="staff_event_message"),
    path(
        "staff/events/<int:pk>/certificates/",
        views.staff_certificates_issue,
        name="staff_certificates_issue",
    ),
    path(
        "staff/certificates/<int:pk>/retry/",
        views.staff_certificate_retry,
        name="staff_certificate_retry",
    ),
    path(
        "staff/certificates/<int:pk>/",
        views.staff_certificate_download,
        name="staff_certificate_download",
    ),
]
