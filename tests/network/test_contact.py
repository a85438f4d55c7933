"""The contact relay: members write to other public organisations; neither address shows
until the organisation written to answers; sending is limited; conversations are the two
parties' only."""

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.urls import reverse

from network.contact import services
from network.models import ContactThread
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties():
    """A sender of one organisation, and a public organisation with an admin and a member."""
    sender = MembershipFactory(
        role="member",
        user=UserFactory(email="anne.sender@example.be", first_name="Anne", last_name="Dubois"),
        organisation=OrganisationFactory(name="Ressourcerie de Herve"),
    )
    target = OrganisationFactory(name="Jardins de Namur", is_public=True, slug="jardins")
    admin = MembershipFactory(
        role="admin",
        organisation=target,
        user=UserFactory(email="bob.admin@example.be", first_name="Bob", last_name="Leroy"),
    )
    member = MembershipFactory(role="member", organisation=target)
    return {
        "sender": sender.user,
        "from": sender.organisation,
        "target": target,
        "admin": admin.user,
        "member": member.user,
    }


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'")


def _write(client, capture, parties, subject="Une question", body="Bonjour !", slug=None):
    with capture(execute=True):
        return client.post(
            reverse("network:contact_create_send", kwargs={"slug": slug or "jardins"}),
            {"from_organisation": parties["from"].pk, "subject": subject, "body": body},
        )


def _thread(parties, **kwargs):
    return services.contact_thread_create(
        sender=parties["sender"],
        from_organisation=parties["from"],
        to_organisation=parties["target"],
        subject=kwargs.get("subject", "Une question"),
        body=kwargs.get("body", "Bonjour !"),
    )


def _all_text(message) -> str:
    return message.subject + message.body + message.alternatives[0][0] + str(message.extra_headers)


def test_the_form_names_the_organisations_one_writes_for(client, parties):
    client.force_login(parties["sender"])
    response = client.get(reverse("network:contact_create", kwargs={"slug": "jardins"}))
    assert response.status_code == 200
    content = _text(response)
    assert "Écrire à l'organisation Jardins de Namur" in content
    assert "Ressourcerie de Herve" in content


def test_a_message_is_relayed_to_the_admins_without_the_senders_address(
    client, parties, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(parties["sender"])
    response = _write(client, django_capture_on_commit_callbacks, parties)
    thread = ContactThread.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("network:contact_thread", kwargs={"pk": thread.pk})
    assert thread.sender == parties["sender"]
    assert thread.messages.get().body == "Bonjour !"
    # To the admin only (the member is not mailed), from the platform.
    assert [m.to for m in mailoutbox] == [["bob.admin@example.be"]]
    message = mailoutbox[0]
    assert message.from_email == settings.DEFAULT_FROM_EMAIL
    assert "Reply-To" not in message.extra_headers
    assert not message.reply_to
    assert "anne.sender@example.be" not in _all_text(message)
    # It names the person and their organisation, and links to the conversation.
    assert "Anne Dubois, membre de l'organisation Ressourcerie de Herve" in message.body
    assert f"/conversations/{thread.pk}/" in message.body


def test_an_organisation_without_admin_is_written_to_through_all_its_members(
    parties, mailoutbox, django_capture_on_commit_callbacks
):
    lone = OrganisationFactory(is_public=True)
    members = [MembershipFactory(organisation=lone, role="member").user for _ in range(2)]
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_thread_create(
            sender=parties["sender"],
            from_organisation=parties["from"],
            to_organisation=lone,
            subject="Bonjour",
            body="Un échange ?",
        )
    assert sorted(m.to[0] for m in mailoutbox) == sorted(u.email for u in members)


def test_addresses_stay_hidden_until_the_organisation_answers(
    client, parties, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        thread = _thread(parties)
    url = reverse("network:contact_thread", kwargs={"pk": thread.pk})

    client.force_login(parties["admin"])
    page = _text(client.get(url))
    assert "Bonjour !" in page and "Anne Dubois" in page
    assert "anne.sender@example.be" not in page

    # A follow-up of the sender before any answer: still no address, no Reply-To.
    client.force_login(parties["sender"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:contact_reply", kwargs={"pk": thread.pk}), {"body": "Et ?"})
    assert [m.to for m in mailoutbox] == [["bob.admin@example.be"]]
    assert "anne.sender@example.be" not in _all_text(mailoutbox[0])
    page = _text(client.get(url))
    assert "bob.admin@example.be" not in page

    # The organisation answers: its answer reaches the sender with the answerer's address.
    client.force_login(parties["admin"])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:contact_reply", kwargs={"pk": thread.pk}), {"body": "Avec plaisir"}
        )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.replied_by == parties["admin"]
    assert thread.replied_at is not None
    assert [m.to for m in mailoutbox] == [["anne.sender@example.be"]]
    answer = mailoutbox[0]
    assert answer.extra_headers["Reply-To"] == "bob.admin@example.be"
    assert "bob.admin@example.be" in answer.body
    # From then on, each side sees the other's address on the page...
    assert "anne.sender@example.be" in _text(client.get(url))
    client.force_login(parties["sender"])
    assert "bob.admin@example.be" in _text(client.get(url))
    # ... and in the relayed e-mails.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("network:contact_reply", kwargs={"pk": thread.pk}), {"body": "Merci"})
    assert [m.to for m in mailoutbox] == [["bob.admin@example.be"]]
    assert mailoutbox[0].extra_headers["Reply-To"] == "anne.sender@example.be"


def test_a_member_who_answered_receives_the_senders_next_messages(
    parties, mailoutbox, django_capture_on_commit_callbacks
):
    thread = _thread(parties)
    services.contact_reply(thread=thread, author=parties["member"], body="Je m'en occupe.")
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.contact_reply(thread=thread, author=parties["sender"], body="Merci !")
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [parties["admin"].email, parties["member"].email]
    )


def test_the_senders_own_answer_does_not_reveal_anything(parties):
    thread = _thread(parties)
    services.contact_reply(thread=thread, author=parties["sender"], body="Et ?")
    thread.refresh_from_db()
    assert thread.replied_at is None and thread.replied_by is None


def test_html_in_subject_and_message_is_shown_as_text(
    client, parties, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(parties["sender"])
    _write(
        client,
        django_capture_on_commit_callbacks,
        parties,
        subject="<b>Objet</b>",
        body="<script>alert(1)</script>",
    )
    thread = ContactThread.objects.get()
    client.force_login(parties["admin"])
    page = client.get(reverse("network:contact_thread", kwargs={"pk": thread.pk})).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<b>Objet</b>" not in page
    html = mailoutbox[0].alternatives[0][0]
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>Objet</b>" not in html and "&lt;b&gt;Objet&lt;/b&gt;" in html
    listing = client.get(reverse("network:contact_threads")).content.decode()
    assert "&lt;b&gt;Objet&lt;/b&gt;" in listing


@pytest.mark.parametrize(
    "change", [{"is_public": False}, {"accepts_contact": False}], ids=["private", "closed"]
)
def test_an_organisation_that_is_private_or_closed_to_messages_is_not_found(
    client, parties, change, django_capture_on_commit_callbacks
):
    target = parties["target"]
    for name, value in change.items():
        setattr(target, name, value)
    target.save()
    client.force_login(parties["sender"])
    assert (
        client.get(reverse("network:contact_create", kwargs={"slug": "jardins"})).status_code == 404
    )
    assert _write(client, django_capture_on_commit_callbacks, parties).status_code == 404
    assert not ContactThread.objects.exists()


def test_someone_of_no_organisation_is_told_why(client, parties):
    client.force_login(UserFactory())
    response = client.get(reverse("network:contact_create", kwargs={"slug": "jardins"}))
    assert response.status_code == 403
    assert "Seuls les membres d'une organisation" in _text(response)


def test_one_does_not_write_to_ones_own_organisation(
    client, parties, django_capture_on_commit_callbacks
):
    client.force_login(parties["admin"])
    response = client.get(reverse("network:contact_create", kwargs={"slug": "jardins"}))
    assert response.status_code == 403
    assert "Vous faites partie de cette organisation" in _text(response)
    with pytest.raises(ValidationError):
        services.contact_thread_create(
            sender=parties["admin"],
            from_organisation=parties["target"],
            to_organisation=parties["target"],
            subject="Moi",
            body="Moi encore",
        )


def test_one_writes_only_for_ones_own_organisations(
    client, parties, django_capture_on_commit_callbacks
):
    client.force_login(parties["sender"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:contact_create_send", kwargs={"slug": "jardins"}),
            {"from_organisation": OrganisationFactory().pk, "subject": "S", "body": "B"},
        )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not ContactThread.objects.exists()


def test_two_threads_per_organisation_a_week(
    client, parties, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(parties["sender"])
    for _ in range(services.THREADS_PER_TARGET_PER_WEEK):
        assert _write(client, django_capture_on_commit_callbacks, parties).status_code == 302
    response = _write(client, django_capture_on_commit_callbacks, parties)
    assert response.status_code == 429
    assert "cette semaine, le maximum permis" in _text(response)
    assert ContactThread.objects.count() == services.THREADS_PER_TARGET_PER_WEEK
    assert len(mailoutbox) == services.THREADS_PER_TARGET_PER_WEEK


def test_five_threads_a_day(client, parties, django_capture_on_commit_callbacks):
    client.force_login(parties["sender"])
    targets = [OrganisationFactory(is_public=True) for _ in range(services.THREADS_PER_DAY + 1)]
    for target in targets[:-1]:
        MembershipFactory(organisation=target, role="admin")
        assert (
            _write(
                client, django_capture_on_commit_callbacks, parties, slug=target.slug
            ).status_code
            == 302
        )
    response = _write(client, django_capture_on_commit_callbacks, parties, slug=targets[-1].slug)
    assert response.status_code == 429
    assert "ces dernières 24 heures" in _text(response)
    assert ContactThread.objects.count() == services.THREADS_PER_DAY


def test_one_client_is_limited_whoever_logs_in(
    client, parties, monkeypatch, django_capture_on_commit_callbacks
):
    from network.contact import views

    monkeypatch.setitem(views.CLIENT_LIMIT, "limit", 1)
    client.force_login(parties["sender"])
    assert _write(client, django_capture_on_commit_callbacks, parties).status_code == 302
    response = _write(client, django_capture_on_commit_callbacks, parties)
    assert response.status_code == 429
    assert "depuis votre connexion" in _text(response)
    assert ContactThread.objects.count() == 1


@pytest.mark.parametrize("who", ["stranger", "sender_colleague", "agency"])
def test_a_conversation_is_not_found_by_others(client, parties, who):
    """Agency staff included: the platform relays the messages, it does not read them."""
    thread = _thread(parties)
    user = {
        "stranger": lambda: MembershipFactory(role="admin").user,
        "sender_colleague": lambda: MembershipFactory(organisation=parties["from"]).user,
        "agency": agency_with_mfa,
    }[who]()
    client.force_login(user)
    url = reverse("network:contact_thread", kwargs={"pk": thread.pk})
    assert client.get(url).status_code == 404
    reply = reverse("network:contact_reply", kwargs={"pk": thread.pk})
    assert client.post(reply, {"body": "Intrus"}).status_code == 404
    assert thread.messages.count() == 1


def test_an_empty_answer_is_refused(client, parties):
    thread = _thread(parties)
    client.force_login(parties["admin"])
    response = client.post(
        reverse("network:contact_reply", kwargs={"pk": thread.pk}), {"body": " "}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    thread.refresh_from_db()
    assert thread.replied_at is None


def test_the_list_shows_sent_and_received_threads_in_constant_queries(
    client, parties, django_assert_max_num_queries
):
    _thread(parties, subject="Envoyé par Anne")
    client.force_login(parties["admin"])
    url = reverse("network:contact_threads")
    with django_assert_max_num_queries(12) as one:
        page = _text(client.get(url))
    assert "Envoyé par Anne" in page
    for n in range(8):
        other = MembershipFactory(role="admin").user
        services.contact_thread_create(
            sender=other,
            from_organisation=other.memberships.get().organisation,
            to_organisation=parties["target"],
            subject=f"Question {n}",
            body="Bonjour",
        )
    # Written by the admin to another organisation: theirs too.
    elsewhere = OrganisationFactory(is_public=True)
    MembershipFactory(organisation=elsewhere, role="admin")
    MembershipFactory(organisation=parties["from"], user=parties["admin"])
    services.contact_thread_create(
        sender=parties["admin"],
        from_organisation=parties["target"],
        to_organisation=elsewhere,
        subject="Écrit par Bob",
        body="Bonjour",
    )
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = _text(client.get(url))
    assert "Question 7" in page and "Écrit par Bob" in page
    # The sender sees theirs only.
    client.force_login(parties["sender"])
    page = _text(client.get(url))
    assert "Envoyé par Anne" in page and "Question 7" not in page


def test_the_conversation_page_takes_the_same_queries_for_one_message_or_many(
    client, parties, django_assert_max_num_queries
):
    thread = _thread(parties)
    client.force_login(parties["admin"])
    url = reverse("network:contact_thread", kwargs={"pk": thread.pk})
    with django_assert_max_num_queries(12) as one:
        client.get(url)
    for n in range(3):
        services.contact_reply(thread=thread, author=parties["member"], body=f"Réponse {n}")
        services.contact_reply(thread=thread, author=parties["sender"], body=f"Suite {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        page = _text(client.get(url))
    assert "Réponse 2" in page and "Suite 2" in page
