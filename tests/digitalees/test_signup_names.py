"""Sign-up asks for a name, and people show by it; an invitation's sign-up link brings the
invited address; allauth's French reads naturally on the pages a user sees."""

import html
import re

import pytest
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from django.urls import reverse

from digitalees.mail import send_templated_mail
from digitalees.models import User
from network.models import Invitation
from network.services import invitation_token
from tests.factories import CoachFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SIGNUP = {
    "first_name": "  Anne-Sophie ",
    "last_name": "Van  den Berg",
    "email": "anne@example.be",
    "password1": "un-mot-de-passe-sur",
    "password2": "un-mot-de-passe-sur",
}


def _text(response):
    return html.unescape(response.content.decode())


def test_sign_up_stores_the_name_and_people_see_it(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get()
    assert (user.first_name, user.last_name) == ("Anne-Sophie", "Van den Berg")
    assert user.display_name == "Anne-Sophie Van den Berg"


@pytest.mark.parametrize("field", ["first_name", "last_name"])
@pytest.mark.parametrize("value", ["", "   "])
def test_sign_up_without_a_name_is_refused_with_a_message(client, english, field, value):
    client.cookies["django_language"] = "en"
    response = client.post(reverse("account_signup"), {**SIGNUP, field: value})
    assert response.status_code == 200
    assert "This field is required." in " ".join(response.context["form"].errors[field])
    assert not User.objects.exists()


def test_a_name_longer_than_the_column_gets_a_form_error(client):
    client.cookies["django_language"] = "en"
    response = client.post(reverse("account_signup"), {**SIGNUP, "last_name": "x" * 151})
    assert "at most 150 characters" in " ".join(response.context["form"].errors["last_name"])
    assert not User.objects.exists()


def test_the_sign_up_page_reads_naturally_in_french(client):
    page = _text(client.get(reverse("account_signup")))
    assert "Créer mon compte" in page
    assert "Création de compte" not in page
    assert 'name="first_name"' in page and "Prénom" in page
    assert page.index('name="first_name"') < page.index('name="email"')


def test_the_login_page_reads_naturally_in_french(client):
    page = _text(client.get(reverse("account_login")))
    assert "Se connecter" in page
    assert "Pas encore de compte ?" in page


def test_the_confirmation_page_says_a_correct_sentence(client):
    user = UserFactory(email="anne@example.be", first_name="", last_name="")
    address = EmailAddress.objects.get(user=user)
    address.verified = False
    address.save()
    key = EmailConfirmationHMAC(address).key
    page = _text(client.get(reverse("account_confirm_email", kwargs={"key": key})))
    assert "Confirmez que anne@example.be est bien votre adresse e-mail" in page
    assert "est l'adresse e-mail de" not in page


def test_an_invitations_sign_up_link_brings_the_invited_address(client):
    admin = MembershipFactory(role="admin")
    invitation = Invitation.objects.create(
        organisation=admin.organisation, email="colleague+team@example.be", invited_by=admin.user
    )
    page = client.get(
        reverse("network:invitation_accept", kwargs={"token": invitation_token(invitation)})
    ).content.decode()
    link = html.unescape(re.search(r'href="(/accounts/signup/\?[^"]+)"', page).group(1))
    signup = client.get(link)
    assert signup.context["form"]["email"].value() == "colleague+team@example.be"
    assert "next=" in link


def test_members_show_by_name_on_the_organisation_page(client):
    admin = MembershipFactory(role="admin", user__first_name="Anne", user__last_name="Dubois")
    client.force_login(admin.user)
    page = _text(client.get(admin.organisation.get_absolute_url()))
    assert "Anne Dubois" in page


def test_mail_greets_a_named_recipient_by_name(mailoutbox, django_capture_on_commit_callbacks):
    UserFactory(email="anne@example.be", first_name="Anne", last_name="Dubois")
    with django_capture_on_commit_callbacks(execute=True):
        send_templated_mail(
            template="diagnostic/email/resume",
            to=["Anne@example.be"],
            context={"path": "/diagnostic/link/x/", "expires_days": 60},
            language="fr",
        )
        send_templated_mail(
            template="diagnostic/email/resume",
            to=["inconnu@example.be"],
            context={"path": "/diagnostic/link/x/", "expires_days": 60},
            language="fr",
        )
    named, unknown = mailoutbox
    assert named.body.startswith("Bonjour Anne Dubois,")
    assert "Bonjour Anne Dubois," in named.alternatives[0][0]
    assert unknown.body.startswith("Bonjour,")


def test_the_agency_chooses_coaches_by_name(client, roles, organisation):
    CoachFactory(email="nadia@example.be", first_name="Nadia", last_name="Coach")
    client.force_login(roles["agency"])
    page = _text(client.get(organisation.get_absolute_url()))
    assert "Nadia Coach (nadia@example.be)</option>" in page
