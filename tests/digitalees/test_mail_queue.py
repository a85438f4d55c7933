"""Every e-mail is written to the database with what caused it and delivered by a worker, once.

Delivery goes to Django's locmem outbox (`mailoutbox`, see tests/conftest.py), the one thing
faked here: the mail server. The test marked `celery_worker` runs a real worker through Redis
with the broker first unreachable.
"""

import smtplib
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email

from diagnostic import services as diagnostic_services
from digitalees import mail as outbox
from digitalees.celery import app
from digitalees.tasks import deliver_queued_mail, purge_old_mail
from network import services
from tests.digitalees.test_celery_worker import (  # noqa: F401
    REDIS_URL,
    _reset_connections,
    redis_celery,
)
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

REFUSING = "tests.digitalees.test_mail_queue.RefusingBackend"


class RefusingBackend(LocmemBackend):
    """A mail server that refuses every message (SMTP is the one thing faked)."""

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class SecondWorkerBackend(LocmemBackend):
    """Delivers, but first lets a second worker run the periodic task at that very moment,
    as one would while the first is still talking to the mail server."""

    def send_messages(self, messages):
        SecondWorkerBackend.second_worker_sent += outbox.mail_deliver()
        return super().send_messages(messages)


def _invite(admin, email="colleague@example.be"):
    return services.invitation_create(
        organisation=admin.organisation, email=email, role="member", invited_by=admin.user
    )


def _use_backend(settings, backend):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "BACKENDS": {"default": backend}}


def test_the_email_is_written_with_the_invitation_and_sent_once_that_commits(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(admin)
        email = Email.objects.get()
        assert email.to == ["colleague@example.be"] and email.status == STATUS.queued
        assert not mailoutbox  # nothing leaves before the invitation is committed
    for callback in callbacks:
        callback()
    assert [m.to for m in mailoutbox] == [["colleague@example.be"]]
    assert admin.organisation.name in mailoutbox[0].subject
    assert Email.objects.get().status == STATUS.sent
    # The periodic task finds nothing more to send.
    assert deliver_queued_mail.apply().get() == 0
    assert len(mailoutbox) == 1


def test_no_email_without_the_invitation(mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role="admin")
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        _invite(admin)
        raise RuntimeError("the request failed after the invitation")
    assert not Email.objects.exists()
    assert not mailoutbox


def test_a_resume_link_and_a_campaign_invitation_are_queued_too(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    campaign = diagnostic_services.campaign_open(
        organisation=admin.organisation, opened_by=admin.user
    )
    visitor = diagnostic_services.assessment_start()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        diagnostic_services.campaign_invite(
            campaign=campaign, email="team@example.be", invited_by=admin.user
        )
        diagnostic_services.resume_link_send(assessment=visitor, email="me@example.be")
    assert sorted(e.to[0] for e in Email.objects.filter(status=STATUS.queued)) == [
        "me@example.be",
        "team@example.be",
    ]
    assert not mailoutbox
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == ["me@example.be", "team@example.be"]


def test_a_refused_message_is_retried_with_back_off_then_sent_once(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    _use_backend(settings, REFUSING)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(admin)
    email = Email.objects.get()
    assert email.status == STATUS.requeued and email.number_of_retries == 1
    assert email.logs.get().exception_type == "SMTPServerDisconnected"
    first_wait = email.scheduled_time - timezone.now()
    assert timedelta(seconds=50) < first_wait <= timedelta(minutes=1)
    # Not due yet: the periodic task leaves it alone.
    assert deliver_queued_mail.apply().get() == 0
    assert Email.objects.get().number_of_retries == 1

    Email.objects.update(scheduled_time=timezone.now())  # a minute later
    deliver_queued_mail.apply()
    email.refresh_from_db()
    assert email.number_of_retries == 2
    assert timedelta(seconds=110) < email.scheduled_time - timezone.now() <= timedelta(minutes=2)

    _use_backend(settings, "django.core.mail.backends.locmem.EmailBackend")  # server is back
    Email.objects.update(scheduled_time=timezone.now())
    assert deliver_queued_mail.apply().get() == 1
    assert deliver_queued_mail.apply().get() == 0
    assert len(mailoutbox) == 1
    assert Email.objects.get().status == STATUS.sent


def test_a_message_refused_too_often_fails(settings, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role="admin")
    _use_backend(settings, REFUSING)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(admin)
    for _ in range(django_settings.POST_OFFICE["MAX_RETRIES"]):
        Email.objects.update(scheduled_time=timezone.now())
        deliver_queued_mail.apply()
    email = Email.objects.get()
    assert email.status == STATUS.failed
    assert email.logs.count() == django_settings.POST_OFFICE["MAX_RETRIES"] + 1


def test_two_workers_never_send_the_same_message(
    settings, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    _use_backend(settings, "tests.digitalees.test_mail_queue.SecondWorkerBackend")
    SecondWorkerBackend.second_worker_sent = 0
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _invite(admin)
    deliver_queued_mail.apply()  # the first worker claims it, then the second runs
    for callback in callbacks:  # and the delivery asked for on commit comes last
        callback()
    assert SecondWorkerBackend.second_worker_sent == 0
    assert len(mailoutbox) == 1


def test_of_two_workers_that_read_the_same_due_message_one_claims_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    with django_capture_on_commit_callbacks(execute=False):
        _invite(admin)
    email = Email.objects.get()
    read_by_both = email.scheduled_time  # each worker listed it as due
    assert outbox._claim(email.pk, read_by_both) is not None
    assert outbox._claim(email.pk, read_by_both) is None
    Email.objects.update(status=STATUS.sent, scheduled_time=read_by_both)
    assert outbox._claim(email.pk, read_by_both) is None  # sent meanwhile


def test_a_claim_left_by_a_dead_worker_expires(mailoutbox, django_capture_on_commit_callbacks):
    admin = MembershipFactory(role="admin")
    with django_capture_on_commit_callbacks(execute=False):
        _invite(admin)
    email = Email.objects.get()
    # A worker claimed it, then was killed before sending.
    assert outbox._claim(email.pk, email.scheduled_time) is not None
    assert deliver_queued_mail.apply().get() == 0
    Email.objects.update(scheduled_time=timezone.now() - timedelta(seconds=1))  # claim over
    assert deliver_queued_mail.apply().get() == 1
    assert len(mailoutbox) == 1


def test_allauth_mail_takes_the_same_path(client, mailoutbox, django_capture_on_commit_callbacks):
    user = MembershipFactory().user
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})
    email = Email.objects.get()
    assert email.to == [user.email] and email.status == STATUS.sent
    assert [m.to for m in mailoutbox] == [[user.email]]
    assert "/accounts/password/reset/key/" in mailoutbox[0].body


def test_development_without_a_broker_delivers_at_once(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    # The development default: tasks in-process, mail written to var/mail/.
    settings.EMAIL_FILE_PATH = tmp_path
    _use_backend(settings, "digitalees.mail.FileAndConsoleBackend")
    admin = MembershipFactory(role="admin")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(admin)
    [written] = tmp_path.iterdir()
    assert "colleague@example.be" in written.read_text()
    assert Email.objects.get().status == STATUS.sent


def test_messages_are_deleted_once_their_links_have_expired(
    django_capture_on_commit_callbacks,
):
    admin = MembershipFactory(role="admin")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(admin, "old@example.be")
        _invite(admin, "new@example.be")
    Email.objects.filter(to="old@example.be").update(
        created=timezone.now() - outbox.KEEP - timedelta(days=1)
    )
    assert purge_old_mail.apply().get() == 1
    assert [e.to for e in Email.objects.all()] == [["new@example.be"]]


# --- the broker down, then back ---------------------------------------------------------------


@pytest.fixture
def broker_down():
    """Tasks go to a broker where nothing listens, as when Redis is down."""
    saved = {k: app.conf[k] for k in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url="redis://127.0.0.1:1/0", task_always_eager=False)
    _reset_connections()
    yield
    app.conf.update(saved)
    _reset_connections()


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_an_invitation_made_while_the_broker_is_down_is_delivered_once_it_is_back(
    client, request, mailoutbox
):
    admin = MembershipFactory(role="admin")
    client.force_login(admin.user)
    request.getfixturevalue("broker_down")
    response = client.post(
        reverse("network:invitation_create", kwargs={"slug": admin.organisation.slug}),
        {"email": "colleague@example.be", "role": "member"},
    )
    assert response.status_code == 302
    email = Email.objects.get()
    assert email.to == ["colleague@example.be"] and email.status == STATUS.queued
    assert not mail.outbox
    # The invitation exists: asking again is refused as "already pending", as it should be.

    # Redis and a worker are back: the periodic task, as beat sends it, delivers it.
    request.getfixturevalue("redis_celery")
    schedule = django_settings.CELERY_BEAT_SCHEDULE["deliver-queued-mail"]
    app.send_task(schedule["task"], **schedule.get("options", {}))
    deadline = time.monotonic() + 20
    while not mailoutbox and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [m.to for m in mailoutbox] == [["colleague@example.be"]]
    # A second tick sends nothing more.
    app.send_task(schedule["task"])
    time.sleep(1)
    assert len(mailoutbox) == 1
    assert Email.objects.get().status == STATUS.sent
