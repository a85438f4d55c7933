"""Pages the journeys may not reach, rendered by the test client and validated with the Nu
Html Checker like the journeys' pages: the public pages, the error pages, the dashboards."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from digitalees.views import error_500
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory

from .html_check import validate

PUBLIC = [
    "/",
    "/privacy/",
    "/legal-notice/",
    "/accessibility/",
    "/contact/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/diagnostic/",
]


@pytest.mark.django_db
def test_public_member_agency_and_error_pages_are_valid_html(client, settings):
    documents = []
    for language in ("fr", "en"):
        client.cookies["django_language"] = language
        for path in PUBLIC:
            response = client.get(path)
            assert response.status_code == 200, path
            documents.append((f"{path} ({language})", response.content.decode()))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    documents.append(("404", missing.content.decode()))
    documents.append(("500", error_500(RequestFactory().get("/")).content.decode()))

    admin = MembershipFactory(role="admin")
    MembershipFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    for path in (reverse("dashboard"), admin.organisation.get_absolute_url()):
        documents.append((path, client.get(path).content.decode()))

    settings.STAFF_REQUIRE_MFA = True
    client.force_login(agency_with_mfa())
    for name in ("network:staff_organisation_list", "diagnostic_staff:assessment_list"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        documents.append((name, response.content.decode()))

    assert validate(documents) == []
