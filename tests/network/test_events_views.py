"""The events' pages through the client: the public list (queries flat), registering as a
visitor and confirming by the e-mailed link, a tampered link, a member cancelling from the
event's page, and the staff pages (answers escaped, attendance in one form, the CSV)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from network.events import services
from network.models import Event, EventQuestion, Registration
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory
from tests.network.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit(monkeypatch):
    """What waits for the commit (mail delivery) runs at once: each test runs in a
    transaction that never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


def _fill(n):
    for i in range(n):
        event = EventFactory(
            starts_at=timezone.now() + datetime.timedelta(days=i - n // 2),
            ends_at=timezone.now() + datetime.timedelta(days=i - n // 2, hours=2),
        )
        RegistrationFactory.create_batch(2, event=event)


@pytest.mark.parametrize("n", [1, 30])
def test_event_list_queries_do_not_grow(client, django_assert_max_num_queries, n):
    _fill(n)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("network:event_list"))
    assert response.status_code == 200


def test_event_list_upcoming_first_then_past_and_filters(client):
    now = timezone.now()
    past = EventFactory(
        title_fr="Passé",
        starts_at=now - datetime.timedelta(days=5),
        ends_at=now - datetime.timedelta(days=5, hours=-2),
    )
    later = EventFactory(title_fr="Plus tard", starts_at=now + datetime.timedelta(days=9))
    soon = EventFactory(
        title_fr="Bientôt", kind=Event.Kind.WEBINAR, starts_at=now + datetime.timedelta(days=2)
    )
    EventFactory(title_fr="Caché", is_published=False)
    response = client.get(reverse("network:event_list"))
    titles = [e.title_fr for e in response.context["page"].object_list]
    assert titles == [soon.title_fr, later.title_fr, past.title_fr]
    response = client.get(reverse("network:event_list"), {"kind": "webinar"})
    assert [e.title_fr for e in response.context["page"].object_list] == ["Bientôt"]


def test_seats_left_shown(client):
    event = EventFactory(capacity=3)
    RegistrationFactory(event=event)
    response = client.get(event.get_absolute_url())
    assert "2 places restantes" in response.content.decode()


def test_unpublished_event_is_not_found(client):
    event = EventFactory(is_published=False)
    assert client.get(event.get_absolute_url()).status_code == 404


def test_online_link_never_shown_publicly(client):
    event = EventFactory(online_url="https://visio.example.be/secret", venue="", address="")
    assert "visio.example.be" not in client.get(event.get_absolute_url()).content.decode()


def test_visitor_registers_and_confirms_by_the_link(client, mailoutbox):
    event = EventFactory(capacity=5)
    question = EventQuestion.objects.create(
        event=event, label_fr="Besoins d'accessibilité", kind="text", required=True
    )
    data = {
        "first_name": "Paul",
        "last_name": "Lambert",
        "email": "paul@example.be",
        "organisation_name": "ASBL Les Jardins",
    }
    response = client.post(reverse("network:event_register", args=[event.slug]), data)
    assert response.status_code == 200
    assert f"question_{question.pk}" in response.context["form"].errors
    assert not Registration.objects.exists()
    data[f"question_{question.pk}"] = "Rampe d'accès"
    response = client.post(reverse("network:event_register", args=[event.slug]), data)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == Registration.Status.UNCONFIRMED
    assert len(mailoutbox) == 1
    token = re.search(r"/events/registration/([^/\s]+)/confirm/", mailoutbox[0].body).group(1)
    assert client.get(reverse("network:registration_confirm", args=[token])).status_code == 200
    response = client.post(reverse("network:registration_confirm_action", args=[token]))
    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert mailoutbox[-1].attachments[0][0] == "invitation.ics"


def test_same_address_twice_shows_a_message(client):
    event = EventFactory()
    RegistrationFactory(event=event, email="paul@example.be")
    response = client.post(
        reverse("network:event_register", args=[event.slug]),
        {"first_name": "Paul", "last_name": "L", "email": "PAUL@example.be"},
    )
    assert response.status_code == 200
    assert "Cette adresse est déjà inscrite à cet événement." in response.content.decode()
    assert event.registrations.count() == 1


@pytest.mark.parametrize("name", ["registration_confirm", "registration_cancel"])
def test_tampered_link_gets_a_clear_page_and_changes_nothing(client, name):
    registration = RegistrationFactory(status=Registration.Status.UNCONFIRMED)
    salt = services.CONFIRM_SALT if name == "registration_confirm" else services.CANCEL_SALT
    token = services.registration_token(registration, salt=salt)
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    response = client.get(reverse(f"network:{name}", args=[tampered]))
    assert response.status_code == 400
    assert "Ce lien ne fonctionne pas" in response.content.decode()
    response = client.post(reverse(f"network:{name}_action", args=[tampered]))
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == Registration.Status.UNCONFIRMED


def test_expired_confirmation_link():
    registration = RegistrationFactory(status=Registration.Status.UNCONFIRMED)
    token = services.registration_token(registration, salt=services.CONFIRM_SALT)
    assert (
        services.registration_from_token(
            token, salt=services.CONFIRM_SALT, max_age=datetime.timedelta(seconds=-1)
        )
        is None
    )


def test_member_registers_and_cancels_from_the_event_page(client, mailoutbox):
    event = EventFactory(capacity=1)
    waiting = RegistrationFactory(
        event=event, status=Registration.Status.WAITING, waiting_since=timezone.now()
    )
    member = MembershipFactory().user
    client.force_login(member)
    # The seat is free: the waiting registration holds none.
    response = client.post(reverse("network:event_register", args=[event.slug]), {})
    assert response.status_code == 302
    own = Registration.objects.get(user=member)
    assert own.status == Registration.Status.CONFIRMED
    page = client.get(event.get_absolute_url()).content.decode()
    token = re.search(r"/events/registration/([^/\s]+)/cancel/done/", page).group(1)
    assert services.registration_from_token(token, salt=services.CANCEL_SALT) == own
    client.post(reverse("network:registration_cancel_action", args=[token]))
    own.refresh_from_db()
    waiting.refresh_from_db()
    assert own.status == Registration.Status.CANCELLED
    assert waiting.status == Registration.Status.CONFIRMED
    assert any(m.to == [waiting.email] for m in mailoutbox)


def test_staff_page_escapes_answers(client):
    event = EventFactory()
    question = EventQuestion.objects.create(event=event, label_fr="Remarque", kind="text")
    registration = RegistrationFactory(event=event, first_name="<b>Jo</b>")
    registration.answers.create(question=question, value="<script>alert(1)</script>")
    client.force_login(agency_with_mfa())
    html = client.get(reverse("network:staff_event_detail", args=[event.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b&gt;Jo&lt;/b&gt;" in html


def test_staff_csv_has_answers(client):
    event = EventFactory()
    question = EventQuestion.objects.create(event=event, label_fr="Régime", kind="text")
    registration = RegistrationFactory(event=event, last_name="Dubois")
    registration.answers.create(question=question, value="=HYPERLINK()")
    client.force_login(agency_with_mfa())
    response = client.get(reverse("network:staff_registration_export", args=[event.pk]))
    text = b"".join(response.streaming_content).decode()
    assert "Régime" in text and "Dubois" in text
    assert "'=HYPERLINK()" in text


def test_staff_records_attendance_in_one_form(client):
    event = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=3),
        ends_at=timezone.now() - datetime.timedelta(hours=1),
    )
    people = RegistrationFactory.create_batch(3, event=event)
    client.force_login(agency_with_mfa())
    url = reverse("network:staff_attendance", args=[event.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {f"r{people[0].pk}": "present", f"r{people[1].pk}": "excused"})
    assert response.status_code == 302
    assert [Registration.objects.get(pk=r.pk).attendance for r in people] == [
        "present",
        "excused",
        "",
    ]


def test_staff_creates_an_event_with_end_after_start(client):
    client.force_login(agency_with_mfa())
    data = {
        "kind": "workshop",
        "title_fr": "Atelier cybersécurité",
        "description_fr": "Les bons réflexes.",
        "starts_at": "2030-03-10T14:00",
        "ends_at": "2030-03-10T12:00",
        "venue": "Namur",
        "is_published": "on",
    }
    response = client.post(reverse("network:staff_event_create"), data)
    assert response.status_code == 200
    assert "L&#x27;événement doit se terminer après son début." in response.content.decode()
    data["ends_at"] = "2030-03-10T17:00"
    response = client.post(reverse("network:staff_event_create"), data)
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.slug == "atelier-cybersecurite"
    assert event.capacity is None


@pytest.mark.parametrize("n", [1, 20])
def test_staff_pages_queries_do_not_grow(client, django_assert_max_num_queries, n):
    event = EventFactory(capacity=None)
    question = EventQuestion.objects.create(event=event, label_fr="Régime", kind="text")
    for registration in RegistrationFactory.create_batch(n, event=event):
        registration.answers.create(question=question, value="Aucun")
    _fill(n)
    client.force_login(agency_with_mfa())
    with django_assert_max_num_queries(16):
        assert client.get(reverse("network:staff_event_detail", args=[event.pk])).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("network:staff_event_list")).status_code == 200


def test_visitor_registrations_are_rate_limited(client):
    event = EventFactory(capacity=None)
    url = reverse("network:event_register", args=[event.slug])
    for n in range(10):
        data = {"first_name": "A", "last_name": "B", "email": f"v{n}@example.be"}
        assert client.post(url, data).status_code == 302
    response = client.post(url, {"first_name": "A", "last_name": "B", "email": "x@example.be"})
    assert response.status_code == 429
    assert "Trop d&#x27;inscriptions" in response.content.decode()
    assert event.registrations.count() == 10


def test_event_list_filters_by_theme(client):
    from network.models import Topic

    topic = Topic.objects.create(code="securite-test", name_fr="Sécurité", name_en="Security")
    tagged = EventFactory(title_fr="Avec thème")
    tagged.topics.add(topic)
    EventFactory(title_fr="Sans thème")
    response = client.get(reverse("network:event_list"), {"theme": topic.code})
    assert [e.title_fr for e in response.context["page"].object_list] == ["Avec thème"]
    assert "Sécurité" in response.content.decode()
