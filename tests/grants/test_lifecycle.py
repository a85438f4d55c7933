"""The whole life of an application through grants' core services, in every status."""

from decimal import Decimal

import pytest

from grants import amounts
from grants.models import Application, Status, StatusChange
from tests.factories import OrganisationFactory
from tests.grants.factories import make_application, make_call

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("status", Status.values)
def test_an_application_reaches_every_status(status):
    application = make_application(OrganisationFactory(), status)
    application.refresh_from_db()
    assert application.status == status


def test_a_closed_application_was_paid_its_justified_balance_and_frees_the_rest(
    mailoutbox, django_capture_on_commit_callbacks
):
    call = make_call(envelope=Decimal("50000.00"))
    with django_capture_on_commit_callbacks(execute=True):
        application = make_application(OrganisationFactory(), Status.CLOSED, call=call)
    application.refresh_from_db()
    # 10,000 + 2,100 unrecoverable VAT, at 80 %: 9,680; capped at the call's 15,000.
    assert application.requested_amount == Decimal("9680.00")
    assert application.approved_amount == Decimal("9680.00")
    figures = amounts.call_figures(call)
    assert figures.paid == Decimal("9680.00")
    assert figures.committed == Decimal("9680.00")
    assert figures.remaining == Decimal("40320.00")
    moves = list(
        StatusChange.objects.filter(application=application).values_list("to_status", flat=True)
    )
    assert moves == [
        "submitted",
        "screening",
        "in_review",
        "approved",
        "signed",
        "reported",
        "closed",
    ]
    assert Application.objects.get(pk=application.pk).payments.count() == 2
    # The applicant heard of each move, the last one with the balance that closed it.
    bodies = [
        m.body.replace("\xa0", " ") for m in mailoutbox if application.created_by.email in m.to
    ]
    assert any("4 840,00 €" in body and "clôturée" in body for body in bodies), bodies
