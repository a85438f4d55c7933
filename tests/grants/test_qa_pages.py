"""What the QA walk through grants found, as a user would notice it."""

import html

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from grants.models import Payment, Status
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory
from tests.grants.factories import make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _language_restored():
    """A request in English leaves English active in the thread: give the next test back
    the language it had (tests after this file expect the French default)."""
    with translation.override(translation.get_language()):
        yield


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


def test_no_payment_form_when_no_tranche_is_due(client, organisation):
    """A signed agreement whose advance is paid: the page says the balance waits for the
    final report, and offers no form with « Avance » ticked (a second advance)."""
    admin = MembershipFactory(organisation=organisation, role="admin").user
    signed = make_application(organisation, Status.SIGNED, by=admin, call=make_call())
    staff = agency_with_mfa()
    url = reverse("grants:payment_create", kwargs={"pk": signed.pk})
    page = _page(client, staff, url)
    assert "The balance is paid on the final report, once its expenses are checked." in page
    assert "Record the payment" not in page
    # A post all the same is refused by the service, and the page shows why.
    response = client.post(
        url,
        {
            "kind": "advance",
            "amount": "100.00",
            "paid_on": timezone.localdate().isoformat(),
            "reference": "VIR-TWICE",
        },
    )
    assert response.status_code == 200
    assert "Record the payment" in response.content.decode()
    assert not Payment.objects.filter(reference="VIR-TWICE").exists()
