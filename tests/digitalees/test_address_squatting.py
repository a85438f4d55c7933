"""Someone who asks for another person's address on their own account (never verified)
neither blocks that person's sign-up nor gets a password reset through it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from digitalees.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

VICTIM = "victime@example.be"
RESET_LINK = re.compile(r"/accounts/password/reset/key/(\w+)-")
CONFIRM_LINK = re.compile(r"/accounts/confirm-email/[^/\s]+/")


@pytest.fixture
def post(django_capture_on_commit_callbacks):
    """A client's POST whose mail is delivered once its transaction commits, as in
    production (mail is queued in the database with what caused it)."""

    def _post(client, url, data=None):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data or {})

    return _post


@pytest.fixture
def squatter(client, mailoutbox, post):
    """An account that asked for VICTIM's address as its new one and never verified it."""
    squatter = UserFactory(email="squatteur@example.be")
    client.force_login(squatter)
    post(client, reverse("account_email"), {"email": VICTIM, "action_add": ""})
    assert EmailAddress.objects.filter(user=squatter, email=VICTIM, verified=False).exists()
    mailoutbox.clear()  # the verification link went to the victim, who ignores it
    # Some minutes later: allauth sends one confirmation per address every three minutes.
    cache.clear()
    client.logout()
    return squatter


def _sign_up(post, client, email):
    return post(
        client,
        reverse("account_signup"),
        {
            "first_name": "Vic",
            "last_name": "Time",
            "email": email,
            "password1": "un-mot-de-passe-sur",
            "password2": "un-mot-de-passe-sur",
        },
    )


def test_the_owner_signs_up_and_confirms_their_address(squatter, mailoutbox, post):
    victim = Client()
    _sign_up(post, victim, VICTIM)
    account = User.objects.get(email=VICTIM)
    [mail] = mailoutbox
    assert mail.to == [VICTIM]
    link = CONFIRM_LINK.search(mail.body).group(0)
    post(victim, link)
    assert EmailAddress.objects.get(user=account, email=VICTIM).verified
    assert victim.get(reverse("dashboard")).status_code == 200
    # The squatter's request for the address can no longer be verified by anybody.
    squatter_address = EmailAddress.objects.get(user=squatter, email=VICTIM)
    assert not squatter_address.verified and not squatter_address.can_set_verified()


def test_a_reset_for_the_address_does_not_reach_the_squatters_account(squatter, mailoutbox, post):
    post(Client(), reverse("account_reset_password"), {"email": VICTIM})
    assert [mail.to for mail in mailoutbox] == [[VICTIM]]  # "no account with this address"
    assert not RESET_LINK.search(mailoutbox[0].body)


def test_once_the_owner_has_an_account_a_reset_reaches_theirs_only(squatter, mailoutbox, post):
    owner = UserFactory(email=VICTIM)
    post(Client(), reverse("account_reset_password"), {"email": VICTIM})
    [mail] = mailoutbox
    uid = RESET_LINK.search(mail.body).group(1)
    assert int(uid, 36) == owner.pk


def test_a_reset_through_an_own_address_still_works(mailoutbox, post):
    user = UserFactory(email="marie@example.be")
    post(Client(), reverse("account_reset_password"), {"email": "Marie@example.be"})
    [mail] = mailoutbox
    assert int(RESET_LINK.search(mail.body).group(1), 36) == user.pk


def test_an_address_in_use_still_gets_no_second_account(mailoutbox, post):
    UserFactory(email="marie@example.be")
    _sign_up(post, Client(), "marie@example.be")
    assert User.objects.filter(email="marie@example.be").count() == 1


def test_an_account_has_one_address_and_a_new_one_counts_once_verified(client, mailoutbox, post):
    user = UserFactory(email="ancienne@example.be")
    client.force_login(user)
    post(client, reverse("account_email"), {"email": "nouvelle@example.be", "action_add": ""})
    user.refresh_from_db()
    assert user.email == "ancienne@example.be"  # not yet: the new one is not verified
    [mail] = mailoutbox
    post(client, CONFIRM_LINK.search(mail.body).group(0))
    user.refresh_from_db()
    assert user.email == "nouvelle@example.be"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "nouvelle@example.be"
    ]
