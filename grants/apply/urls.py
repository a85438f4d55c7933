"""The applicant's pages: applying, the steps of the form, submitting, answering, withdrawing."""

from django.urls import path

from . import views

urlpatterns = [
    path("grants/applications/", views.application_list, name="application_list"),
    path("grants/calls/<slug:slug>/apply/", views.application_start, name="application_start"),
    path(
        "grants/applications/<int:pk>/steps/<slug:step>/",
        views.application_step,
        name="application_step",
    ),
    path(
        "grants/applications/<int:pk>/attachments/<int:attachment_pk>/delete/",
        views.attachment_delete,
        name="attachment_delete",
    ),
    path("grants/attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path(
        "grants/applications/<int:pk>/submit/", views.application_submit, name="application_submit"
    ),
    path(
        "grants/applications/<int:pk>/withdraw/",
        views.application_withdraw,
        name="application_withdraw",
    ),
    path(
        "grants/applications/<int:pk>/respond/",
        views.application_respond,
        name="application_respond",
    ),
]
