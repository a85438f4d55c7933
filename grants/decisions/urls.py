"""The agency's moves: screening, requests for information, review, decision, agreement;
the decision letter."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "grants/applications/<int:pk>/screen/", views.application_screen, name="application_screen"
    ),
    path(
        "grants/applications/<int:pk>/request-info/",
        views.application_request_info,
        name="application_request_info",
    ),
    path(
        "grants/applications/<int:pk>/send-to-review/",
        views.application_send_to_review,
        name="application_send_to_review",
    ),
    path(
        "grants/applications/<int:pk>/decide/", views.application_decide, name="application_decide"
    ),
    path("grants/applications/<int:pk>/sign/", views.application_sign, name="application_sign"),
    path("grants/letters/<int:pk>/", views.letter_download, name="letter_download"),
    path("grants/letters/<int:pk>/retry/", views.letter_retry, name="letter_retry"),
]
