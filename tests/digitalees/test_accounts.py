import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from post_office.models import STATUS, Email

from digitalees.models import User
from tests.factories import AgencyStaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_signup_by_email_requires_verification_before_login(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # allauth's mail is queued like ours, and leaves once the request's writes commit.
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {
                "first_name": "Nora",
                "last_name": "Nouvelle",
                "email": "Nouvelle@Example.be",
                "password1": "un-mot-de-passe-sur",
                "password2": "un-mot-de-passe-sur",
            },
        )
    assert response.status_code == 302
    assert Email.objects.get().status == STATUS.sent  # through the queue
    user = User.objects.get()
    assert user.email == "nouvelle@example.be"  # allauth stores addresses in lower case
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mailoutbox) == 1
    assert "/accounts/confirm-email/" in mailoutbox[0].body
    # Not verified: logging in does not open the dashboard.
    client.logout()
    client.post(
        reverse("account_login"),
        {"login": "nouvelle@example.be", "password": "un-mot-de-passe-sur"},
    )
    assert client.get(reverse("dashboard")).status_code == 302


def test_login_is_case_insensitive_by_email(client):
    UserFactory(email="marie@example.be")
    response = client.post(
        reverse("account_login"), {"login": "MARIE@example.be", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert client.get(reverse("dashboard")).status_code == 200


def test_logout_needs_a_post(client):
    client.force_login(UserFactory())
    client.get(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 200
    client.post(reverse("account_logout"))
    assert client.get(reverse("dashboard")).status_code == 302


def test_repeated_failed_logins_are_rate_limited(client):
    UserFactory(email="cible@example.be")
    for _ in range(5):
        client.post(reverse("account_login"), {"login": "cible@example.be", "password": "wrong"})
    response = client.post(
        reverse("account_login"), {"login": "cible@example.be", "password": "correct-horse-battery"}
    )
    # Locked out: even the right password does not log in for now.
    assert client.get(reverse("dashboard")).status_code == 302
    assert response.status_code in (200, 429)


def test_staff_without_mfa_is_sent_to_turn_it_on(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(AgencyStaffFactory())
    response = client.get(reverse("network:staff_organisation_list"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_staff_without_mfa_allowed_when_the_setting_is_off(client, settings):
    settings.STAFF_REQUIRE_MFA = False
    client.force_login(AgencyStaffFactory())
    assert client.get(reverse("network:staff_organisation_list")).status_code == 200


def test_superuser_needs_mfa_for_the_admin(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(User.objects.create_superuser(email="root@example.be", password="x"))
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_any_user_can_turn_on_totp(client):
    client.force_login(UserFactory())
    # allauth asks for the password again before a security change.
    response = client.get(reverse("mfa_activate_totp"))
    assert response.url.startswith(reverse("account_reauthenticate"))
    client.post(reverse("account_reauthenticate"), {"password": "correct-horse-battery"})
    response = client.get(reverse("mfa_activate_totp"))
    assert response.status_code == 200
    assert b'src="data:image/svg+xml;base64,' in response.content  # the QR code
