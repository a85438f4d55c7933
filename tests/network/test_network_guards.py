"""Guards of the public network that no other test noticed when tests/remove_each_guard.py
removed them: each test here fails with its guard gone."""

import contextlib
import datetime
import threading

import pytest
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import connection, connections
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from network.contact import selectors as contact_selectors
from network.contact import services as contact_services
from network.events import services as event_services
from network.experiences.services import experience_submit as services_experience_submit
from network.models import (
    Certificate,
    ContactMessage,
    ContactThread,
    EventQuestion,
    Experience,
    Registration,
)
from network.newsletter import selectors as newsletter_selectors
from network.newsletter import services as newsletter_services
from network.rules import ExperienceAccess, get_experience_for
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory
from tests.network.experiences_helpers import draft
from tests.network.factories import (
    EventFactory,
    ExperienceFactory,
    RegistrationFactory,
    SubscriberFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _on_commit(monkeypatch):
    """What waits for the commit (mail delivery) runs at once: each test runs in a
    transaction that never commits."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda func, using=None, robust=False: func())


# --- The directory -----------------------------------------------------------------------


def _with_logo(name, **fields):
    organisation = OrganisationFactory(is_public=True, name=name, **fields)
    organisation.logo.name = f"logos/{organisation.slug}.webp"  # never read: its URL only
    organisation.save(update_fields=["logo"])
    return organisation


def test_a_hidden_logo_shows_neither_on_the_profile_nor_on_the_card(client):
    shown = _with_logo("Atelier Montré", public_logo=True)
    hidden = _with_logo("Atelier Discret", public_logo=False)
    listing = client.get(reverse("network:directory")).content.decode()
    assert shown.logo.url in listing
    assert hidden.logo.url not in listing
    for organisation, visible in ((shown, True), (hidden, False)):
        page = client.get(reverse("network:profile", kwargs={"slug": organisation.slug}))
        assert (organisation.logo.url in page.content.decode()) is visible


# --- Events ------------------------------------------------------------------------------


def test_a_question_of_another_event_is_not_found_from_this_one(client):
    event, other = EventFactory(), EventFactory()
    question = EventQuestion.objects.create(event=other, label_fr="Régime alimentaire", kind="text")
    client.force_login(agency_with_mfa())
    kwargs = {"pk": event.pk, "question_pk": question.pk}
    assert client.get(reverse("network:staff_question_edit", kwargs=kwargs)).status_code == 404
    response = client.post(
        reverse("network:staff_question_edit", kwargs=kwargs),
        {"label_fr": "Changée", "kind": "text", "position": 1},
    )
    assert response.status_code == 404
    assert client.post(reverse("network:staff_question_delete", kwargs=kwargs)).status_code == 404
    question.refresh_from_db()
    assert question.label_fr == "Régime alimentaire"


def test_a_registration_of_another_event_is_not_cancelled_from_this_one(client, mailoutbox):
    event, other = EventFactory(), EventFactory()
    registration = RegistrationFactory(event=other, status=Registration.Status.CONFIRMED)
    client.force_login(agency_with_mfa())
    url = reverse(
        "network:staff_registration_cancel",
        kwargs={"pk": event.pk, "registration_pk": registration.pk},
    )
    assert client.post(url).status_code == 404
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
    assert mailoutbox == []


def test_a_member_registering_again_is_told_so_and_keeps_one_registration(client, mailoutbox):
    event = EventFactory(capacity=5)
    member = MembershipFactory().user
    client.force_login(member)
    url = reverse("network:event_register", args=[event.slug])
    assert client.post(url, {}).status_code == 302
    mailoutbox.clear()
    response = client.post(url, {}, follow=True)
    assert "Vous êtes déjà inscrit·e à cet événement." in response.content.decode()
    assert Registration.objects.filter(event=event, user=member).count() == 1
    assert mailoutbox == []


def _ready_certificate():
    registration = RegistrationFactory(attendance="present", status=Registration.Status.CONFIRMED)
    certificate = Certificate(registration=registration, language="fr", status="ready")
    certificate.file.save("attestation.pdf", ContentFile(b"%PDF-1.4 attestation"), save=False)
    certificate.save()
    return certificate


def test_a_forged_certificate_link_serves_nothing(client):
    certificate = _ready_certificate()
    good = event_services.certificate_url(certificate)
    assert client.get(good).status_code == 200
    # The same payload signed with another salt (or key): someone guessing another's number.
    forged = signing.dumps({"c": certificate.pk}, salt="not-the-certificates-salt")
    response = client.get(reverse("network:certificate_download", kwargs={"token": forged}))
    assert response.status_code == 400
    assert b"%PDF" not in b"".join(getattr(response, "streaming_content", [response.content]))


def test_agency_staff_preview_an_unpublished_event_others_do_not_find_it(client):
    event = EventFactory(is_published=False, title_fr="Atelier en préparation")
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(MembershipFactory().user)
    assert client.get(event.get_absolute_url()).status_code == 404
    client.force_login(agency_with_mfa())
    response = client.get(event.get_absolute_url())
    assert response.status_code == 200
    assert "Atelier en préparation" in response.content.decode()


# --- Experiences -------------------------------------------------------------------------


def test_only_agency_staff_may_moderate_an_experience():
    # ExperienceAccess.can_moderate and get_experience_for(moderate=True) are not called by
    # the views yet (the moderation views are agency_staff_required): the rule stays right.
    organisation = OrganisationFactory()
    admin = MembershipFactory(organisation=organisation, role="admin").user
    experience = draft(organisation, admin)
    services_experience_submit(experience=experience, by=admin)
    request = RequestFactory().get("/")
    request.user = admin
    assert not ExperienceAccess(admin, experience).can_moderate
    with pytest.raises(PermissionDenied):
        get_experience_for(request, experience.pk, moderate=True)
    request.user = agency_with_mfa()
    assert ExperienceAccess(request.user, experience).can_moderate
    assert get_experience_for(request, experience.pk, moderate=True)[0] == experience


# --- The newsletter ----------------------------------------------------------------------


def test_the_digest_leaves_out_unpublished_events_and_experiences():
    month = datetime.date(2026, 11, 1)
    in_month = datetime.datetime(2026, 11, 15, 10, tzinfo=timezone.get_current_timezone())
    shown = EventFactory(title_fr="Atelier publié")
    EventFactory(title_fr="Atelier en préparation", is_published=False)
    published = ExperienceFactory(published_at=in_month)
    # Published in the month, then taken back by the moderator: no longer public.
    ExperienceFactory(published_at=in_month, status=Experience.Status.SUBMITTED)
    digest = newsletter_selectors.digest_contents(month)
    assert digest.events == [shown]
    assert digest.experiences == [published]


def test_a_confirmation_link_does_not_unsubscribe(client):
    subscriber = SubscriberFactory()
    token = newsletter_services.confirm_token(subscriber)
    for name in ("newsletter_unsubscribe_send", "newsletter_unsubscribe_one_click"):
        response = client.post(reverse(f"network:{name}", kwargs={"token": token}))
        assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None


# --- The contact relay -------------------------------------------------------------------


def test_the_service_refuses_an_answer_from_someone_outside_the_thread(mailoutbox):
    sender = MembershipFactory(role="member").user
    target = OrganisationFactory(is_public=True)
    MembershipFactory(role="admin", organisation=target)
    thread = contact_services.contact_thread_create(
        sender=sender,
        from_organisation=sender.memberships.get().organisation,
        to_organisation=target,
        subject="Une question",
        body="Bonjour !",
    )
    mailoutbox.clear()
    stranger = MembershipFactory(role="admin").user
    with pytest.raises(ValidationError):
        contact_services.contact_reply(thread=thread, author=stranger, body="Je m'invite.")
    thread.refresh_from_db()
    assert thread.replied_at is None
    assert ContactMessage.objects.filter(thread=thread).count() == 1
    assert mailoutbox == []


def test_before_the_answer_the_page_has_no_address_to_show(client):
    sender = MembershipFactory(role="member", user__email="anne.sender@example.be").user
    target = OrganisationFactory(is_public=True)
    admin = MembershipFactory(
        role="admin", organisation=target, user__email="bob.admin@example.be"
    ).user
    thread = contact_services.contact_thread_create(
        sender=sender,
        from_organisation=sender.memberships.get().organisation,
        to_organisation=target,
        subject="Une question",
        body="Bonjour !",
    )
    url = reverse("network:contact_thread", kwargs={"pk": thread.pk})
    for reader in (admin, sender):
        client.force_login(reader)
        response = client.get(url)
        # Neither the template nor the view holds an address (nor its section) until then.
        assert response.context["other_email"] == ""
        assert "Coordonnées" not in response.content.decode()
        assert "mailto:" not in response.content.decode()
    contact_services.contact_reply(thread=thread, author=admin, body="Avec plaisir")
    response = client.get(url)  # the sender's
    assert response.context["other_email"] == "bob.admin@example.be"
    assert "mailto:bob.admin@example.be" in response.content.decode()


def test_one_is_offered_to_write_for_ones_organisations_but_the_one_written_to():
    both = MembershipFactory(role="member")
    target = OrganisationFactory(is_public=True)
    MembershipFactory(user=both.user, organisation=target)
    offered = contact_selectors.writable_organisations(both.user, target)
    assert [m.organisation for m in offered] == [both.organisation]


@pytest.mark.parametrize(
    "target", [{"is_public": False}, {"accepts_contact": False}], ids=["private", "closed"]
)
def test_the_service_writes_to_public_organisations_open_to_messages_only(target, mailoutbox):
    sender = MembershipFactory(role="member").user
    closed = OrganisationFactory(**{"is_public": True, **target})
    MembershipFactory(role="admin", organisation=closed)
    with pytest.raises(ValidationError):
        contact_services.contact_thread_create(
            sender=sender,
            from_organisation=sender.memberships.get().organisation,
            to_organisation=closed,
            subject="Une question",
            body="Bonjour !",
        )
    assert not ContactThread.objects.exists()
    assert mailoutbox == []


def test_the_service_writes_for_ones_own_organisation_only(mailoutbox):
    sender = MembershipFactory(role="member").user
    target = OrganisationFactory(is_public=True)
    MembershipFactory(role="admin", organisation=target)
    with pytest.raises(ValidationError):
        contact_services.contact_thread_create(
            sender=sender,
            from_organisation=OrganisationFactory(),
            to_organisation=target,
            subject="Une question",
            body="Bonjour !",
        )
    assert not ContactThread.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_messages_sent_at_once_are_counted_one_after_the_other(monkeypatch):
    sender = MembershipFactory(role="member").user
    from_organisation = sender.memberships.get().organisation
    targets = []
    for _n in range(contact_services.THREADS_PER_DAY + 1):
        target = OrganisationFactory(is_public=True)
        MembershipFactory(role="admin", organisation=target)
        targets.append(target)
    for target in targets[: contact_services.THREADS_PER_DAY - 1]:
        contact_services.contact_thread_create(
            sender=sender,
            from_organisation=from_organisation,
            to_organisation=target,
            subject="Une question",
            body="Bonjour !",
        )
    start = threading.Barrier(2)
    # Each waits (a second at most) after its count, before it writes: without the lock both
    # would have counted four threads; with it the second waits for the first to commit.
    checked = threading.Barrier(2, timeout=1)
    check = contact_services._check_limits

    def check_then_wait(**kwargs):
        check(**kwargs)
        with contextlib.suppress(threading.BrokenBarrierError):
            checked.wait()

    monkeypatch.setattr(contact_services, "_check_limits", check_then_wait)
    outcomes = []

    def write(target):
        try:
            start.wait()
            contact_services.contact_thread_create(
                sender=sender,
                from_organisation=from_organisation,
                to_organisation=target,
                subject="En même temps",
                body="Bonjour !",
            )
            outcomes.append("sent")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(target,)) for target in targets[-2:]]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "sent"]
    assert ContactThread.objects.filter(sender=sender).count() == contact_services.THREADS_PER_DAY
