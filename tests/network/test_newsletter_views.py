"""The newsletter's pages: double opt-in, the same answer for every address, links that
cannot be forged, one-click unsubscription (RFC 8058), limits per client and per address."""

import re
import time

import pytest
from django.core import signing
from django.test import Client
from django.urls import reverse

from network.models import Subscriber
from network.newsletter import services
from tests.network.factories import SubscriberFactory

pytestmark = pytest.mark.django_db

SUBSCRIBE = reverse("network:newsletter_subscribe_send")


def _text(response) -> str:
    return response.content.decode().replace("&#x27;", "'").replace("&nbsp;", " ")


def _subscribe(client, capture, email="camille@example.be", language="fr", **extra):
    with capture(execute=True):
        return client.post(SUBSCRIBE, {"email": email, "language": language}, **extra)


def _link(message, name) -> str:
    return re.search(rf"https?://[^/\s]+(/newsletter/{name}/[^\s\"]+/)", message.body).group(1)


def test_the_page_shows_the_form(client):
    response = client.get(reverse("network:newsletter_subscribe"))
    assert response.status_code == 200
    content = _text(response)
    assert 'name="email"' in content
    assert "Langue de la lettre d'information" in content


def test_subscribing_sends_a_confirmation_and_nothing_is_received_before_confirming(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    response = _subscribe(client, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    subscriber = Subscriber.objects.get(email="camille@example.be")
    assert subscriber.confirmed_at is None
    assert not Subscriber.objects.receiving().exists()
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["camille@example.be"]
    assert "Confirmez votre inscription" in message.subject

    # Opening the link (what a mail scanner does) confirms nothing: it shows a button.
    confirm = _link(message, "confirm")
    page = client.get(confirm)
    assert page.status_code == 200
    assert "Confirmer mon inscription" in _text(page)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None

    # The button does.
    response = client.post(
        reverse("network:newsletter_confirm_send", kwargs={"token": confirm.split("/")[3]}),
        follow=True,
    )
    assert response.status_code == 200
    assert "Votre inscription est confirmée" in _text(response)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert list(Subscriber.objects.receiving()) == [subscriber]


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    SubscriberFactory(email="known@example.be")  # confirmed, receiving
    known = _subscribe(client, django_capture_on_commit_callbacks, email="known@example.be")
    shown_known = [str(m) for m in client.get(known.url).context["messages"]]
    unknown = _subscribe(client, django_capture_on_commit_callbacks, email="unknown@example.be")
    shown_unknown = [str(m) for m in client.get(unknown.url).context["messages"]]
    assert known.status_code == unknown.status_code == 302
    assert known.url == unknown.url
    assert "Consultez votre boîte de réception" in shown_known[0]
    # The answer names the address typed, and says the same otherwise.
    assert [m.replace("known@", "X@") for m in shown_known] == [
        m.replace("unknown@", "X@") for m in shown_unknown
    ]
    # Only the new address is mailed; the one receiving already is left alone.
    assert [m.to for m in mailoutbox] == [["unknown@example.be"]]


def test_a_bad_address_is_refused_on_the_form(client, mailoutbox):
    response = client.post(SUBSCRIBE, {"email": "not-an-address", "language": "fr"})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Subscriber.objects.exists()


def test_one_client_cannot_mail_strangers_in_bulk(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        assert (
            _subscribe(
                client, django_capture_on_commit_callbacks, email=f"s{n}@example.be"
            ).status_code
            == 302
        )
    response = _subscribe(client, django_capture_on_commit_callbacks, email="s6@example.be")
    assert response.status_code == 429
    assert "Trop d'inscriptions" in _text(response)
    assert not Subscriber.objects.filter(email="s6@example.be").exists()
    assert len(mailoutbox) == 5


def test_one_address_is_sent_a_few_confirmations_a_day_at_most(
    mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(5):
        # Another client each time: the per-address limit holds whoever asks.
        client = Client(HTTP_HOST="localhost", REMOTE_ADDR=f"10.0.0.{n + 1}")
        response = _subscribe(client, django_capture_on_commit_callbacks, email="target@example.be")
        assert response.status_code == 302
    assert len(mailoutbox) == 3


def test_a_tampered_confirmation_link_changes_nothing(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    token = services.confirm_token(subscriber)
    tampered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")
    page = client.get(reverse("network:newsletter_confirm", kwargs={"token": tampered}))
    assert page.status_code == 400
    assert "n'est pas valide" in _text(page)
    response = client.post(reverse("network:newsletter_confirm_send", kwargs={"token": tampered}))
    assert response.status_code == 400
    assert "Rien n'a été modifié" in _text(response)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_a_link_signed_for_another_address_changes_nothing(client):
    subscriber = SubscriberFactory(confirmed_at=None)
    forged = signing.dumps(
        {"s": subscriber.pk, "e": "someone@else.be", "t": int(time.time() * 1000)},
        salt=services.CONFIRM_SALT,
    )
    response = client.post(reverse("network:newsletter_confirm_send", kwargs={"token": forged}))
    assert response.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_an_expired_confirmation_link_says_so(client, monkeypatch):
    subscriber = SubscriberFactory(confirmed_at=None)
    token = services.confirm_token(subscriber)
    later = time.time() + services.CONFIRM_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    response = client.post(reverse("network:newsletter_confirm_send", kwargs={"token": token}))
    assert response.status_code == 400
    assert "a expiré" in _text(response)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None


def test_the_unsubscribe_page_asks_and_its_button_unsubscribes(client):
    subscriber = SubscriberFactory()
    token = services.unsubscribe_token(subscriber)
    page = client.get(reverse("network:newsletter_unsubscribe", kwargs={"token": token}))
    assert page.status_code == 200
    assert "Se désinscrire de la lettre d'information ?" in _text(page)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    response = client.post(
        reverse("network:newsletter_unsubscribe_send", kwargs={"token": token}), follow=True
    )
    assert "ne recevra plus la lettre d'information" in _text(response)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    assert not Subscriber.objects.receiving().exists()


def test_a_mail_program_one_click_post_unsubscribes_without_a_csrf_token():
    subscriber = SubscriberFactory()
    token = services.unsubscribe_token(subscriber)
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    response = client.post(
        reverse("network:newsletter_unsubscribe_one_click", kwargs={"token": token}),
        {"List-Unsubscribe": "One-Click"},
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_only_the_one_click_address_is_exempt_from_csrf():
    subscriber = SubscriberFactory()
    token = services.unsubscribe_token(subscriber)
    client = Client(enforce_csrf_checks=True, HTTP_HOST="localhost")
    response = client.post(reverse("network:newsletter_unsubscribe_send", kwargs={"token": token}))
    assert response.status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None


def test_a_browser_opening_the_one_click_address_is_shown_the_button(client):
    subscriber = SubscriberFactory()
    token = services.unsubscribe_token(subscriber)
    response = client.get(
        reverse("network:newsletter_unsubscribe_one_click", kwargs={"token": token})
    )
    assert response.status_code == 302
    assert response.url == reverse("network:newsletter_unsubscribe", kwargs={"token": token})
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None


def test_a_tampered_unsubscribe_link_changes_nothing(client):
    subscriber = SubscriberFactory()
    token = services.unsubscribe_token(subscriber)[:-3] + "abc"
    for name in ("newsletter_unsubscribe_send", "newsletter_unsubscribe_one_click"):
        response = client.post(reverse(f"network:{name}", kwargs={"token": token}))
        assert response.status_code == 400
        assert "n'est pas valide" in _text(response)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None


def test_subscribing_again_after_unsubscribing_sends_a_new_confirmation(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    subscriber = SubscriberFactory(email="back@example.be")
    old_link = services.confirm_token(subscriber)
    services.subscriber_unsubscribe(subscriber=subscriber)
    _subscribe(client, django_capture_on_commit_callbacks, email="Back@example.be", language="en")
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == "Confirm your subscription to the DigitalEES newsletter"
    subscriber.refresh_from_db()
    # Still unsubscribed until the new link is used; the language chosen is kept.
    assert subscriber.unsubscribed_at is not None
    assert subscriber.language == "en"
    assert Subscriber.objects.count() == 1

    # A link sent before the unsubscription cannot undo it.
    stale = client.post(reverse("network:newsletter_confirm_send", kwargs={"token": old_link}))
    assert stale.status_code == 400
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None

    fresh = _link(mailoutbox[0], "confirm").split("/")[3]
    client.post(reverse("network:newsletter_confirm_send", kwargs={"token": fresh}))
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is None
    assert list(Subscriber.objects.receiving()) == [subscriber]
