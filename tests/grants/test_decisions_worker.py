"""The decision letter through a real Celery worker on Redis: staff approve through the
page, the worker renders the PDF with WeasyPrint, stores it, and delivers the e-mail with
the PDF attached (the queued message and its attachment written first, in PostgreSQL)."""

import time

import pytest
from django.urls import reverse
from post_office.models import STATUS, Email

from grants.models import DecisionLetter, Status
from tests.digitalees.test_celery_worker import redis_celery  # noqa: F401
from tests.factories import AgencyStaffFactory, MembershipFactory
from tests.grants.factories import make_application


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_an_approval_letter_is_rendered_and_emailed_with_its_pdf_by_a_worker(
    client, request, mailoutbox, settings, published_questionnaire
):
    settings.STAFF_REQUIRE_MFA = False
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.IN_REVIEW, by=admin)
    client.force_login(AgencyStaffFactory())
    request.getfixturevalue("redis_celery")
    mailoutbox.clear()
    response = client.post(
        reverse("grants:application_decide", kwargs={"pk": application.pk}),
        {"decision": "approve", "amount": "9000.00", "reasons": "Un projet solide."},
    )
    assert response.status_code == 302

    def letter_sent():
        return any(m.attachments for m in mailoutbox)

    assert _wait(letter_sent, 60), [m.subject for m in mailoutbox]
    letter = DecisionLetter.objects.get(application=application)
    assert letter.status == DecisionLetter.Status.READY and letter.attempts == 1
    [message] = [m for m in mailoutbox if m.attachments]
    assert message.to == [admin.email]
    [(filename, content, mimetype)] = message.attachments
    assert filename == f"digitalees-decision-{application.reference}-fr.pdf"
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    with letter.file.open("rb") as stored:
        assert stored.read() == content
    email = Email.objects.get(attachments__isnull=False)
    assert _wait(lambda: Email.objects.get(pk=email.pk).status == STATUS.sent, 10)
