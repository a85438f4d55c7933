"""A form that did not validate opens with one error summary, which takes the focus
(static/js/site.js) and links each error to its field."""

import re

import pytest
from django.urls import reverse

from tests.factories import AgencyStaffFactory, MembershipFactory


def _summary(content: str) -> str:
    found = re.findall(r"<div class=\"alert alert-danger error-summary\".*?</div>", content, re.S)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.django_db
def test_an_invalid_invitation_opens_with_the_summary(client):
    admin = MembershipFactory(role="admin")
    client.force_login(admin.user)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("network:invitation_create", kwargs={"slug": admin.organisation.slug}),
        {"email": "not an address", "role": "member"},
    )
    assert response.status_code == 200
    summary = _summary(response.content.decode())
    assert 'tabindex="-1"' in summary and "data-error-summary" in summary
    assert 'role="alert"' in summary
    assert '<a href="#id_email">' in summary
    assert "Enter a valid email address." in summary


@pytest.mark.django_db
def test_a_login_error_is_in_the_summary(client):
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("account_login"), {"login": "nobody@example.be", "password": "wrong-password"}
    )
    summary = _summary(response.content.decode())
    assert "password you specified are not correct" in summary


@pytest.mark.django_db
def test_filters_laid_out_field_by_field_have_the_summary_too(client, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(AgencyStaffFactory())
    client.cookies["django_language"] = "en"
    response = client.get(
        reverse("diagnostic_staff:assessment_list"), {"submitted_from": "yesterday"}
    )
    summary = _summary(response.content.decode())
    assert "Some filters are not valid" in summary
    assert '<a href="#id_submitted_from">' in summary


def test_the_script_focuses_the_summary():
    from pathlib import Path

    script = (Path(__file__).resolve().parents[2] / "static" / "js" / "site.js").read_text()
    assert 'querySelector("[data-error-summary]")' in script
    assert "summary.focus()" in script
