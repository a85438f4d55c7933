"""Rate limits are keyed on the client's address: the connecting one unless
ALLAUTH_TRUSTED_PROXY_COUNT says how many proxies append to X-Forwarded-For."""

import pytest
from django.urls import reverse

from diagnostic.models import Assessment, Questionnaire
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _resume_links(client, mailoutbox, capture, addresses: list[dict]) -> int:
    """Ask for one resume link per entry of `addresses` (extra request headers), each from
    the same visitor's assessment; returns how many e-mails left."""
    Questionnaire.current()
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    url = reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid})
    with capture(execute=True):
        for n, extra in enumerate(addresses):
            client.post(url, {"email": f"cible{n}@example.be"}, **extra)
    return len(mailoutbox)


def test_a_direct_client_rotating_x_forwarded_for_stays_limited(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    rotating = [{"HTTP_X_FORWARDED_FOR": f"198.51.100.{n}"} for n in range(8)]
    assert _resume_links(client, mailoutbox, django_capture_on_commit_callbacks, rotating) == 5


def test_behind_one_proxy_two_clients_have_buckets_of_their_own(
    client, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # The proxy (REMOTE_ADDR 127.0.0.1 in the test client) appends the address it saw.
    first = [{"HTTP_X_FORWARDED_FOR": "203.0.113.7"}] * 5
    second = [{"HTTP_X_FORWARDED_FOR": "forged, 203.0.113.8"}] * 6
    sent = _resume_links(client, mailoutbox, django_capture_on_commit_callbacks, first + second)
    # Five for the first client; five of the second's six: what it wrote itself is ignored.
    assert sent == 10


def _failed_logins(client, email: str, count: int, forwarded_for: str) -> None:
    for _ in range(count):
        client.post(
            reverse("account_login"),
            {"login": email, "password": "wrong"},
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def _logs_in(client, email: str, forwarded_for: str) -> bool:
    client.post(
        reverse("account_login"),
        {"login": email, "password": "correct-horse-battery"},
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return client.get(reverse("dashboard")).status_code == 200


def test_behind_one_proxy_failed_logins_from_one_client_do_not_lock_out_another(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    victims = [UserFactory(email=f"membre{n}@example.be") for n in range(3)]
    # Ten failed logins per minute per address (four per account, under the account lock).
    for n in range(3):
        _failed_logins(client, f"autre{n}@example.be", 4, "203.0.113.7")
    assert _logs_in(client.__class__(), victims[0].email, "203.0.113.8")


def test_without_a_trusted_proxy_failed_logins_share_the_connecting_address(client, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    victim = UserFactory(email="membre@example.be")
    for n in range(3):
        _failed_logins(client, f"autre{n}@example.be", 4, f"203.0.113.{n}")
    # The forged header changes nothing: the same address is over its limit.
    assert not _logs_in(client.__class__(), victim.email, "203.0.113.8")


def test_addresses_of_one_ipv6_network_share_a_bucket(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # One subscriber holds a whole /64: rotating within it dodges nothing.
    rotating = [{"REMOTE_ADDR": f"2001:db8:1:2::{n + 1:x}"} for n in range(8)]
    assert _resume_links(client, mailoutbox, django_capture_on_commit_callbacks, rotating) == 5
