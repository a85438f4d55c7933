"""Turning reminders off: from the link in a reminder (no log-in; a GET never changes
anything) and from the account's page."""

import pytest
from django.urls import reverse

from coaching.models import ReminderPreference
from coaching.reminders import services

pytestmark = pytest.mark.django_db


def _unsubscribe_url(user):
    return reverse(
        "coaching:reminders_unsubscribe", kwargs={"token": services.unsubscribe_token(user)}
    )


def test_the_link_asks_first_and_a_get_changes_nothing(client, user):
    response = client.get(_unsubscribe_url(user))
    assert response.status_code == 200
    assert "Désactiver les e-mails de rappel ?" in response.content.decode().replace("&#x27;", "'")
    assert user.email in response.content.decode().replace("&#x27;", "'")
    assert not ReminderPreference.objects.exists()
    assert services.reminders_enabled(user)


def test_the_button_turns_reminders_off_without_logging_in(client, user):
    url = _unsubscribe_url(user)
    response = client.post(url, follow=True)
    assert response.redirect_chain == [(url, 302)]
    assert "Les e-mails de rappel sont désactivés." in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert ReminderPreference.objects.get(user=user).reminders_enabled is False


def test_a_mail_program_one_click_post_works_without_csrf_token(user):
    """RFC 8058: the mail provider posts List-Unsubscribe=One-Click, with no cookie."""
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post(_unsubscribe_url(user), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert "Les e-mails de rappel sont désactivés" in response.content.decode()
    assert not services.reminders_enabled(user)


def test_a_forged_link_changes_nothing(client, user):
    token = services.unsubscribe_token(user)
    url = reverse("coaching:reminders_unsubscribe", kwargs={"token": token[:-3] + "abc"})
    assert client.get(url).status_code == 400
    response = client.post(url)
    assert response.status_code == 400
    assert "pas valide" in response.content.decode().replace("&#x27;", "'")
    assert services.reminders_enabled(user)


def test_the_account_page_turns_reminders_off_and_on(client, user):
    client.force_login(user)
    url = reverse("coaching:reminder_settings")
    page = client.get(url)
    assert page.status_code == 200
    assert "Vous recevez des e-mails de rappel." in page.content.decode().replace("&#x27;", "'")
    response = client.post(url, {"reminders": "off"}, follow=True)
    assert "Vous ne recevrez plus d'e-mails de rappel." in response.content.decode().replace(
        "&#x27;", "'"
    )
    assert not services.reminders_enabled(user)
    client.post(url, {"reminders": "on"})
    assert services.reminders_enabled(user)


def test_the_account_page_refuses_a_missing_or_unknown_choice(client, user):
    services.reminder_preference_set(user=user, enabled=False)
    client.force_login(user)
    url = reverse("coaching:reminder_settings")
    for data in ({}, {"reminders": "maybe"}):
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors["reminders"]
    assert "Indiquez si vous souhaitez recevoir des e-mails de rappel." in client.post(
        url, {}
    ).content.decode().replace("&#x27;", "'")
    assert not services.reminders_enabled(user)


def test_the_account_menu_links_to_reminders_and_calendar(client, user):
    client.force_login(user)
    page = client.get(reverse("dashboard")).content.decode().replace("&#x27;", "'")
    assert reverse("coaching:reminder_settings") in page
    assert reverse("coaching:calendar_settings") in page
