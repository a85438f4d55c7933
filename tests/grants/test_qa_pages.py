"""What the QA walk through grants found, as a user would notice it."""

import html

import pytest
from django.urls import reverse

from grants.models import Status
from tests.factories import MembershipFactory
from tests.grants.factories import make_application, make_call

pytestmark = pytest.mark.django_db


def _page(client, user, url, language="en") -> str:
    client.force_login(user)
    client.cookies["django_language"] = language
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_list_sends_a_signed_agreement_to_its_final_report(client, organisation):
    admin = MembershipFactory(organisation=organisation, role="admin").user
    signed = make_application(organisation, Status.SIGNED, by=admin, call=make_call())
    page = _page(client, admin, reverse("grants:application_list"))
    assert reverse("grants:final_report", kwargs={"pk": signed.pk}) in page
    assert "Write the final report" in page
    assert "Nothing to do for now" not in page


def test_the_application_page_says_when_it_was_submitted_not_validated(client, organisation):
    admin = MembershipFactory(organisation=organisation, role="admin").user
    application = make_application(organisation, Status.SUBMITTED, by=admin, call=make_call())
    url = reverse("grants:application_detail", kwargs={"pk": application.pk})
    page = _page(client, admin, url, language="fr")
    assert "Envoyée le" in page
    assert "Validé" not in page
