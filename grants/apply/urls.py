"""The applicant's pages: applying, the steps of the form, submitting, answering, withdrawing."""

from django.urls import path

from ..planned import placeholder

urlpatterns = [
    path("grants/applications/", placeholder, name="application_list"),
    path("grants/calls/<slug:slug>/apply/", placeholder, name="application_start"),
    path("grants/applications/<int:pk>/steps/<slug:step>/", placeholder, name="application_step"),
    path(
        "grants/applications/<int:pk>/attachments/<int:attachment_pk>/delete/",
        placeholder,
        name="attachment_delete",
    ),
    path("grants/attachments/<int:pk>/", placeholder, name="attachment_download"),
    path("grants/applications/<int:pk>/submit/", placeholder, name="application_submit"),
    path("grants/applications/<int:pk>/withdraw/", placeholder, name="application_withdraw"),
    path("grants/applications/<int:pk>/respond/", placeholder, name="application_respond"),
]
