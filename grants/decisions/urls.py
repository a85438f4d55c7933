"""The agency's moves: screening, requests for information, review, decision, agreement;
the decision letter."""

from django.urls import path

from ..planned import placeholder

urlpatterns = [
    path("grants/applications/<int:pk>/screen/", placeholder, name="application_screen"),
    path(
        "grants/applications/<int:pk>/request-info/", placeholder, name="application_request_info"
    ),
    path(
        "grants/applications/<int:pk>/send-to-review/",
        placeholder,
        name="application_send_to_review",
    ),
    path("grants/applications/<int:pk>/decide/", placeholder, name="application_decide"),
    path("grants/applications/<int:pk>/sign/", placeholder, name="application_sign"),
    path("grants/letters/<int:pk>/", placeholder, name="letter_download"),
    path("grants/letters/<int:pk>/retry/", placeholder, name="letter_retry"),
]
