"""The events' services: seats and the waiting list, the same address twice, signed links,
promotion on cancel, invitations, reminders, attendance, messages and certificates."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from icalendar import Calendar

from network.events import certificates, services
from network.events.calendar import event_ics, registration_ics
from network.events.tasks import send_event_reminders
from network.models import Certificate, EventMessage, EventQuestion, Registration
from tests.factories import MembershipFactory
from tests.network.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit(monkeypatch):
    """What waits for the commit (mail delivery, rendering) runs at once: each test runs
    in a transaction that never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def _member():
    return MembershipFactory().user


def _register_member(event, user=None, **kwargs):
    user = user or _member()
    return services.registration_create(
        event=event,
        user=user,
        email=user.email,
        first_name=user.first_name or "Anne",
        last_name=user.last_name or "Dubois",
        **kwargs,
    )


def _register_visitor(event, email="visiteur@example.be", **kwargs):
    return services.registration_create(
        event=event,
        email=email,
        first_name="Paul",
        last_name="Lambert",
        organisation_name="ASBL Les Jardins",
        **kwargs,
    )


def _ics_of(message):
    for name, content, _mimetype in message.attachments:
        if name.endswith(".ics"):
            return Calendar.from_ical(content)
    raise AssertionError("no .ics attached")


def test_last_seat_then_waiting_list(mailoutbox):
    event = EventFactory(capacity=1)
    first = _register_member(event)
    second = _register_member(event)
    assert first.status == Registration.Status.CONFIRMED
    assert second.status == Registration.Status.WAITING
    assert second.waiting_since is not None
    assert len(mailoutbox) == 2
    assert "liste d'attente" in mailoutbox[1].body.lower()


def test_visitor_is_unconfirmed_and_gets_a_confirmation_link(mailoutbox):
    event = EventFactory(capacity=5)
    registration = _register_visitor(event)
    assert registration.status == Registration.Status.UNCONFIRMED
    assert len(mailoutbox) == 1
    token = re.search(r"/events/registration/([^/\s]+)/confirm/", mailoutbox[0].body).group(1)
    assert services.registration_from_token(token, salt=services.CONFIRM_SALT) == registration
    assert not mailoutbox[0].attachments  # no invitation before the confirmation
    services.registration_confirm(registration=registration)
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert len(mailoutbox) == 2
    _ics_of(mailoutbox[1])


def test_confirming_a_full_event_joins_the_waiting_list():
    event = EventFactory(capacity=1)
    visitor = _register_visitor(event)
    _register_member(event)
    services.registration_confirm(registration=visitor)
    visitor.refresh_from_db()
    assert visitor.status == Registration.Status.WAITING


def test_same_address_twice_in_another_case_is_refused():
    event = EventFactory()
    _register_visitor(event, email="Anne.Dubois@example.be")
    with pytest.raises(ValidationError) as error:
        _register_visitor(event, email="anne.dubois@EXAMPLE.be")
    assert "déjà inscrite" in " ".join(error.value.messages)
    assert event.registrations.count() == 1


def test_same_address_after_a_cancellation_may_register_again():
    event = EventFactory()
    registration = _register_visitor(event)
    services.registration_cancel(registration=registration)
    assert _register_visitor(event).status == Registration.Status.UNCONFIRMED


def test_closed_registration_is_refused():
    event = EventFactory(
        registration_closes_at=timezone.now() - datetime.timedelta(hours=1),
    )
    with pytest.raises(ValidationError):
        _register_visitor(event)
    started = EventFactory(starts_at=timezone.now() - datetime.timedelta(minutes=5))
    with pytest.raises(ValidationError):
        _register_visitor(started)
    cancelled = EventFactory(cancelled_at=timezone.now())
    with pytest.raises(ValidationError):
        _register_visitor(cancelled)
    assert not Registration.objects.exists()


def test_tampered_or_swapped_tokens_find_nothing():
    registration = _register_visitor(EventFactory())
    token = services.registration_token(registration, salt=services.CONFIRM_SALT)
    assert services.registration_from_token(token, salt=services.CONFIRM_SALT) == registration
    assert services.registration_from_token(token + "x", salt=services.CONFIRM_SALT) is None
    # A confirmation link does not cancel.
    assert services.registration_from_token(token, salt=services.CANCEL_SALT) is None
    # Once the address changes, the old link is dead.
    Registration.objects.filter(pk=registration.pk).update(email="autre@example.be")
    assert services.registration_from_token(token, salt=services.CONFIRM_SALT) is None


def test_cancel_promotes_the_first_on_the_waiting_list_and_tells_them(mailoutbox):
    event = EventFactory(capacity=1)
    holder = _register_member(event)
    first_waiting = _register_member(event)
    second_waiting = _register_member(event)
    mailoutbox.clear()
    services.registration_cancel(registration=holder)
    first_waiting.refresh_from_db()
    second_waiting.refresh_from_db()
    assert first_waiting.status == Registration.Status.CONFIRMED
    assert second_waiting.status == Registration.Status.WAITING
    promoted = [m for m in mailoutbox if m.to == [first_waiting.email]]
    assert len(promoted) == 1
    assert "place" in promoted[0].subject.lower()
    _ics_of(promoted[0])
    assert not [m for m in mailoutbox if m.to == [second_waiting.email]]


def test_more_seats_promote_the_waiting_list():
    event = EventFactory(capacity=1)
    _register_member(event)
    waiting = _register_member(event)
    event.capacity = 2
    services.event_save(event=event)
    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_invitation_ics(mailoutbox):
    event = EventFactory(online_url="https://visio.example.be/salle", capacity=3)
    registration = _register_member(event)
    cal = _ics_of(mailoutbox[0])
    assert cal["method"] == "REQUEST"
    entry = cal.walk("VEVENT")[0]
    assert str(entry["uid"]) == f"registration-{registration.pk}@digitalees.be"
    assert entry.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert entry.decoded("dtstart").utcoffset() == datetime.timedelta(0)
    assert "Rue de Fer 1" in str(entry["location"])
    assert "visio.example.be" in str(entry["description"])
    # Stable per registration.
    again = Calendar.from_ical(registration_ics(registration))
    assert str(again.walk("VEVENT")[0]["uid"]) == str(entry["uid"])
    public = Calendar.from_ical(event_ics(event))
    assert "visio.example.be" not in public.to_ical().decode()


def test_reminder_run_twice_sends_once(mailoutbox):
    soon = EventFactory(starts_at=timezone.now() + datetime.timedelta(hours=20))
    later = EventFactory(starts_at=timezone.now() + datetime.timedelta(days=3))
    registration = RegistrationFactory(event=soon)
    RegistrationFactory(event=later)
    RegistrationFactory(event=soon, status=Registration.Status.WAITING)
    assert send_event_reminders.delay().get() == 1
    assert send_event_reminders.delay().get() == 0
    assert [m.to for m in mailoutbox] == [[registration.email]]
    registration.refresh_from_db()
    assert registration.reminded_at is not None


def test_required_questions_and_choices():
    event = EventFactory()
    diet = EventQuestion.objects.create(
        event=event,
        label_fr="Régime",
        kind=EventQuestion.Kind.CHOICE,
        options="Aucun | None\nVégétarien | Vegetarian",
        required=True,
    )
    with pytest.raises(ValidationError) as error:
        _register_visitor(event, answers={})
    assert f"question_{diet.pk}" in error.value.message_dict
    with pytest.raises(ValidationError):
        _register_visitor(event, answers={diet.pk: "Carnivore"})
    registration = _register_visitor(event, answers={diet.pk: "Végétarien"})
    assert registration.answers.get().value == "Végétarien"


def _past_event_with(present=2, absent=1):
    event = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=2) + datetime.timedelta(hours=3),
    )
    people = [RegistrationFactory(event=event) for _ in range(present + absent)]
    services.attendance_record(
        event=event,
        attendance={r.pk: ("present" if i < present else "absent") for i, r in enumerate(people)},
    )
    return event, people[:present], people[present:]


def test_attendance_is_recorded_and_refused_before_the_event():
    event, present, absent = _past_event_with()
    present[0].refresh_from_db()
    absent[0].refresh_from_db()
    assert present[0].attendance == "present"
    assert absent[0].attendance == "absent"
    future = EventFactory()
    registration = RegistrationFactory(event=future)
    with pytest.raises(ValidationError):
        services.attendance_record(event=future, attendance={registration.pk: "present"})


def test_message_goes_only_to_those_present(mailoutbox):
    event, present, absent = _past_event_with()
    message = services.event_message_send(
        event=event, audience="present", subject="Votre avis", body="Répondez au sondage."
    )
    assert message.recipients == 2
    assert sorted(m.to[0] for m in mailoutbox) == sorted(r.email for r in present)
    assert all("Répondez au sondage." in m.body for m in mailoutbox)
    assert EventMessage.objects.get().audience == "present"


def test_certificates_for_those_present(mailoutbox):
    event, present, absent = _past_event_with(present=1, absent=1)
    issued = certificates.certificates_issue(event=event)
    assert len(issued) == 1
    certificate = Certificate.objects.get()
    assert certificate.status == Certificate.Status.READY
    assert certificate.registration == present[0]
    with certificate.file.open("rb") as f:
        assert f.read(4) == b"%PDF"
    assert present[0].full_name in certificates.certificate_html(certificate)
    assert [m.to for m in mailoutbox] == [[present[0].email]]
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert content.startswith(b"%PDF") and mimetype == "application/pdf"
    token = re.search(r"/events/certificates/([^/\s]+)/", mailoutbox[0].body).group(1)
    assert services.certificate_pk_from_token(token) == certificate.pk
    # Issued twice: nobody new, nothing rendered or sent again.
    with pytest.raises(ValidationError):
        certificates.certificates_issue(event=event)
    assert len(mailoutbox) == 1


def test_event_cancel_tells_everyone_registered(mailoutbox):
    event = EventFactory(capacity=1)
    _register_member(event)
    _register_member(event)
    _register_visitor(event)
    mailoutbox.clear()
    services.event_cancel(event=event)
    assert len(mailoutbox) == 3
    assert all("annulé" in m.subject.lower() for m in mailoutbox)
    with pytest.raises(ValidationError):
        _register_visitor(event, email="new@example.be")


def test_event_must_end_after_it_starts():
    now = timezone.now()
    event = EventFactory.build(starts_at=now, ends_at=now - datetime.timedelta(hours=1))
    with pytest.raises(ValidationError) as error:
        services.event_save(event=event)
    assert "ends_at" in error.value.message_dict


def test_a_failed_certificate_renders_again(mailoutbox):
    event, present, absent = _past_event_with(present=1, absent=0)
    certificate = Certificate.objects.create(
        registration=present[0], language="fr", status=Certificate.Status.FAILED, error="x"
    )
    certificates.certificate_retry(certificate)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.READY
    assert len(mailoutbox) == 1
    with pytest.raises(ValidationError):
        certificates.certificate_retry(certificate)


def test_only_those_holding_a_seat_get_a_calendar_cancellation(mailoutbox):
    event = EventFactory(capacity=1)
    holder = _register_member(event)
    waiting = _register_member(event)
    mailoutbox.clear()
    services.event_cancel(event=event)
    by_address = {m.to[0]: m for m in mailoutbox}
    assert _ics_of(by_address[holder.email])["method"] == "CANCEL"
    assert not by_address[waiting.email].attachments
