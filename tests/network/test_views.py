import re

import pytest
from django.urls import reverse

from network.models import Invitation, Membership, Organisation
from network.services import invitation_token
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Coopérative Terre d'Avenir",
    "enterprise_number": "BE 0403.170.701",
    "legal_form": "scees",
    "sector": "food",
    "province": "NA",
    "postcode": "5100",
    "municipality": "Namur",
    "size_band": "5-9",
    "social_purpose": "Un maraîchage bio qui forme des demandeurs d'emploi.",
    "website": "https://terre-avenir.be",
    "is_public": "on",
}


def _errors(response):
    return response.context["form"].errors


def test_member_registers_an_organisation_and_becomes_admin(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(reverse("network:organisation_create"), FORM)
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert response.url == organisation.get_absolute_url()
    assert organisation.enterprise_number == "0403170701"
    assert organisation.is_public
    assert Membership.objects.get(organisation=organisation).user == user
    page = client.get(response.url)
    assert "0403.170.701" in page.content.decode()


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("enterprise_number", "0403.170.702", "check digits do not match"),
        ("enterprise_number", "2403170701", "10 digits and starts with 0 or 1"),
        ("postcode", "1000", "not in Wallonia"),
        ("postcode", "4000", "not in the province of Namur"),
        ("website", "pas une adresse", "Enter a valid URL"),
        ("legal_form", "sprl", "Select a valid choice"),
        ("municipality", "   ", "This field is required"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_changes(client, field, value, message):
    client.force_login(UserFactory())
    client.cookies["django_language"] = "en"
    response = client.post(reverse("network:organisation_create"), {**FORM, field: value})
    assert response.status_code == 200
    assert message in " ".join(_errors(response)[field])
    assert not Organisation.objects.exists()


def test_messages_are_in_french_by_default(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("network:organisation_create"), {**FORM, "enterprise_number": "0403.170.702"}
    )
    assert "chiffres de contrôle" in " ".join(_errors(response)["enterprise_number"])


def test_duplicate_enterprise_number_gets_a_clear_message(client):
    client.force_login(UserFactory())
    client.post(reverse("network:organisation_create"), FORM)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("network:organisation_create"), {**FORM, "name": "Autre"})
    assert "already exists" in " ".join(_errors(response)["enterprise_number"])
    assert Organisation.objects.count() == 1


def test_admin_edits_the_profile(client):
    membership = MembershipFactory(role="admin")
    organisation = membership.organisation
    client.force_login(membership.user)
    url = reverse("network:organisation_edit", kwargs={"slug": organisation.slug})
    data = {**FORM, "enterprise_number": organisation.enterprise_number, "name": "Nouveau nom"}
    response = client.post(url, data)
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name == "Nouveau nom"


def test_the_edit_form_tells_the_other_apps_what_changed(client, changes):
    membership = MembershipFactory(
        role="admin", organisation__province="LG", organisation__postcode="4000"
    )
    organisation = membership.organisation
    client.force_login(membership.user)
    url = reverse("network:organisation_edit", kwargs={"slug": organisation.slug})
    data = {**FORM, "enterprise_number": organisation.enterprise_number, "name": organisation.name}

    assert client.post(url, {**data, "province": "NA", "postcode": "5100"}).status_code == 302

    [(pk, changed)] = changes
    assert pk == organisation.pk
    assert changed["province"] == "LG" and changed["postcode"] == "4000"
    assert "name" not in changed and "enterprise_number" not in changed


def test_invalid_edit_changes_nothing(client):
    membership = MembershipFactory(role="admin")
    organisation = membership.organisation
    client.force_login(membership.user)
    url = reverse("network:organisation_edit", kwargs={"slug": organisation.slug})
    response = client.post(url, {**FORM, "name": "Nouveau", "enterprise_number": "123"})
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.name != "Nouveau"


def test_admin_invites_a_colleague_who_joins(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    membership = MembershipFactory(role="admin")
    organisation = membership.organisation
    client.force_login(membership.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("network:invitation_create", kwargs={"slug": organisation.slug}),
            {"email": "colleague@example.be", "role": "member"},
        )
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/invitations/\S+/", mailoutbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]

    colleague = UserFactory(email="colleague@example.be")
    client.force_login(colleague)
    page = client.get("/" + path)
    assert organisation.name in page.content.decode()
    join = reverse("network:invitation_join", kwargs={"token": path.split("/")[-2]})
    assert f'action="{join}"' in page.content.decode()
    response = client.post(join)
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=colleague, organisation=organisation, role="member"
    ).exists()
    # The link works once.
    assert client.get("/" + path).status_code == 400


def test_tampered_link_shows_a_clear_page_and_changes_nothing(client):
    membership = MembershipFactory(role="admin")
    invitation = Invitation.objects.create(
        organisation=membership.organisation, email="x@example.be", invited_by=membership.user
    )
    token = invitation_token(invitation)
    client.force_login(UserFactory(email="x@example.be"))
    client.cookies["django_language"] = "en"
    tampered = {"token": token[:-3] + "xyz"}
    for method, name in ((client.get, "invitation_accept"), (client.post, "invitation_join")):
        response = method(reverse(f"network:{name}", kwargs=tampered))
        assert response.status_code == 400
        assert "not valid" in response.content.decode()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Membership.objects.count() == 1


def test_accepting_with_another_account_is_refused(client):
    membership = MembershipFactory(role="admin")
    invitation = Invitation.objects.create(
        organisation=membership.organisation, email="x@example.be", invited_by=membership.user
    )
    client.force_login(UserFactory(email="y@example.be"))
    client.cookies["django_language"] = "en"
    url = reverse("network:invitation_join", kwargs={"token": invitation_token(invitation)})
    response = client.post(url, follow=True)
    assert "was sent to x@example.be" in response.content.decode()
    assert Membership.objects.count() == 1


def test_admin_removes_a_member_but_not_the_last_admin(client):
    admin = MembershipFactory(role="admin")
    member = MembershipFactory(organisation=admin.organisation)
    client.force_login(admin.user)
    slug = admin.organisation.slug
    client.post(reverse("network:membership_remove", kwargs={"slug": slug, "pk": member.pk}))
    assert not Membership.objects.filter(pk=member.pk).exists()
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("network:membership_remove", kwargs={"slug": slug, "pk": admin.pk}), follow=True
    )
    assert "at least one admin" in response.content.decode()
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_member_of_another_organisation_cannot_remove_by_guessing_ids(client):
    admin = MembershipFactory(role="admin")
    victim = MembershipFactory()  # in another organisation
    client.force_login(admin.user)
    url = reverse(
        "network:membership_remove", kwargs={"slug": admin.organisation.slug, "pk": victim.pk}
    )
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=victim.pk).exists()


def test_staff_list_filters(client, roles):
    client.force_login(roles["agency"])
    url = reverse("network:staff_organisation_list")
    organisation = roles["member"].memberships.get().organisation
    response = client.get(url, {"q": organisation.name})
    assert organisation.name in response.content.decode()
    response = client.get(url, {"province": "LX"})
    assert organisation.name not in response.content.decode()
