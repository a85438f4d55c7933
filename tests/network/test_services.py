import re
import time

import pytest
from django.core import signing
from django.core.exceptions import ValidationError

from network import services
from network.models import Invitation, Membership, Organisation
from tests.factories import (
    CoachFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

ORG_FIELDS = {
    "name": "La Ressourcerie du Val",
    "enterprise_number": "0403170701",
    "legal_form": "scees",
    "sector": "environment",
    "province": "LG",
    "postcode": "4000",
    "size_band": "10-19",
    "social_purpose": "Collecter, réparer et revendre des objets en créant de l'emploi.",
}


def test_creator_becomes_admin_and_slug_is_unique():
    user = UserFactory()
    first = services.organisation_create(user=user, **ORG_FIELDS)
    second = services.organisation_create(
        user=user, **{**ORG_FIELDS, "enterprise_number": "0202239951"}
    )
    assert first.slug == "la-ressourcerie-du-val"
    assert second.slug == "la-ressourcerie-du-val-2"
    assert Membership.objects.get(user=user, organisation=first).role == "admin"


def test_duplicate_enterprise_number_refused_and_nothing_created():
    services.organisation_create(user=UserFactory(), **ORG_FIELDS)
    with pytest.raises(ValidationError) as exc:
        services.organisation_create(user=UserFactory(), **{**ORG_FIELDS, "name": "Autre"})
    assert "enterprise_number" in exc.value.message_dict
    assert Organisation.objects.count() == 1
    assert Membership.objects.count() == 1


def test_invitation_is_mailed_in_the_senders_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin").user
    organisation = admin.memberships.get().organisation
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            organisation=organisation, email="Colleague@Example.be", role="member", invited_by=admin
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["Colleague@Example.be"]
    assert organisation.name in message.subject
    token = re.search(r"/invitations/([^/\s]+)/", message.body).group(1)
    assert services.invitation_from_token(token) == invitation
    assert message.alternatives[0][1] == "text/html"


def test_second_pending_invitation_to_same_address_refused():
    admin = MembershipFactory(role="admin").user
    organisation = admin.memberships.get().organisation
    services.invitation_create(
        organisation=organisation, email="a@example.be", role="member", invited_by=admin
    )
    with pytest.raises(ValidationError):
        services.invitation_create(
            organisation=organisation, email="A@example.be", role="member", invited_by=admin
        )
    assert Invitation.objects.count() == 1


def test_inviting_an_existing_member_refused():
    membership = MembershipFactory()
    with pytest.raises(ValidationError):
        services.invitation_create(
            organisation=membership.organisation,
            email=membership.user.email.upper(),
            role="member",
            invited_by=membership.user,
        )


def _invite(email="new@example.be", role="member"):
    admin = MembershipFactory(role="admin").user
    organisation = admin.memberships.get().organisation
    return services.invitation_create(
        organisation=organisation, email=email, role=role, invited_by=admin
    )


def test_accept_creates_membership_once():
    invitation = _invite(role="admin")
    user = UserFactory(email="new@example.be")
    token = services.invitation_token(invitation)
    membership = services.invitation_accept(
        invitation=services.invitation_from_token(token), user=user
    )
    assert membership.role == "admin"
    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    with pytest.raises(services.InvitationError, match="already been used"):
        services.invitation_from_token(token)


def test_accept_with_another_address_changes_nothing():
    invitation = _invite()
    intruder = UserFactory(email="intruder@example.be")
    with pytest.raises(services.InvitationError, match="new@example.be"):
        services.invitation_accept(invitation=invitation, user=intruder)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert not Membership.objects.filter(user=intruder).exists()


def test_tampered_token_refused():
    token = services.invitation_token(_invite())
    tampered = token[:-2] + ("aa" if not token.endswith("aa") else "bb")
    with pytest.raises(services.InvitationError, match="not valid"):
        services.invitation_from_token(tampered)


def test_expired_token_refused(monkeypatch):
    invitation = _invite()
    token = services.invitation_token(invitation)
    later = time.time() + services.INVITATION_MAX_AGE.total_seconds() + 60
    monkeypatch.setattr(signing.time, "time", lambda: later)
    with pytest.raises(services.InvitationError, match="expired"):
        services.invitation_from_token(token)
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_revoked_invitation_link_says_withdrawn():
    invitation = _invite()
    token = services.invitation_token(invitation)
    services.invitation_revoke(invitation=invitation)
    with pytest.raises(services.InvitationError, match="withdrawn"):
        services.invitation_from_token(token)


def test_last_admin_cannot_be_removed():
    membership = MembershipFactory(role="admin")
    with pytest.raises(ValidationError):
        services.membership_remove(membership=membership)
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_member_removed_when_another_admin_remains():
    membership = MembershipFactory(role="admin")
    MembershipFactory(role="admin", organisation=membership.organisation)
    services.membership_remove(membership=membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()


def test_only_coaches_can_be_assigned_and_only_once():
    organisation = OrganisationFactory()
    with pytest.raises(ValidationError):
        services.coach_assign(organisation=organisation, coach=UserFactory(), assigned_by=None)
    coach = CoachFactory()
    services.coach_assign(organisation=organisation, coach=coach, assigned_by=None)
    with pytest.raises(ValidationError, match="already coaches"):
        services.coach_assign(organisation=organisation, coach=coach, assigned_by=None)
    assert organisation.coach_assignments.count() == 1


def test_an_edit_tells_which_fields_changed_and_what_they_were(changes):
    organisation = Organisation.objects.get(pk=OrganisationFactory(province="NA").pk)

    services.organisation_update(organisation=organisation, province="LG", postcode="4000")
    assert changes == [(organisation.pk, {"province": "NA", "postcode": "5000"})]

    services.organisation_update(organisation=organisation, province="LG")  # no change
    services.organisation_update(organisation=organisation, province="HT", postcode="7000")
    assert changes[1:] == [(organisation.pk, {"province": "LG", "postcode": "4000"})]


def test_an_edit_that_fails_validation_tells_nothing(changes):
    organisation = Organisation.objects.get(pk=OrganisationFactory(province="NA").pk)

    with pytest.raises(ValidationError):
        services.organisation_update(organisation=organisation, postcode="1000")  # Brussels
    assert changes == []


def test_what_an_edit_changed_is_read_from_the_stored_row(changes):
    """Two people edit at once: the second save puts the province back, and the other apps
    hear it (their benchmark groups move back), though the second copy never saw the first
    edit."""
    pk = OrganisationFactory(province="NA").pk
    first, second = Organisation.objects.get(pk=pk), Organisation.objects.get(pk=pk)

    services.organisation_update(organisation=first, province="LG", postcode="4000")
    second.social_purpose = "Un autre texte."  # as a form sets it, before the service
    services.organisation_update(organisation=second)

    assert changes[1] == (
        pk,
        {"province": "LG", "postcode": "4000", "social_purpose": first.social_purpose},
    )


def test_organisations_created_in_bulk_get_slugs_by_the_same_rule():
    services.organisation_create(user=UserFactory(), **ORG_FIELDS)
    numbers = ["0202239951", "0202239852"]
    created = services.organisations_create_bulk(
        organisations=[
            Organisation(**{**ORG_FIELDS, "enterprise_number": number}) for number in numbers
        ]
    )
    assert [o.slug for o in created] == ["la-ressourcerie-du-val-2", "la-ressourcerie-du-val-3"]
    assert not Membership.objects.filter(organisation__in=created).exists()


def test_organisations_created_in_bulk_are_validated_like_one():
    with pytest.raises(ValidationError, match="postcode"):  # a Brussels postcode
        services.organisations_create_bulk(
            organisations=[Organisation(**{**ORG_FIELDS, "postcode": "1000"})]
        )
    services.organisation_create(user=UserFactory(), **ORG_FIELDS)
    with pytest.raises(ValidationError, match="enterprise number already exists"):
        services.organisations_create_bulk(
            organisations=[Organisation(**{**ORG_FIELDS, "name": "Autre"})]
        )
    assert Organisation.objects.count() == 1


def test_adding_a_member_again_only_ever_raises_their_role():
    organisation, user = OrganisationFactory(), UserFactory()
    services.membership_add(organisation=organisation, user=user, role="member")
    services.membership_add(organisation=organisation, user=user, role="admin")
    services.membership_add(organisation=organisation, user=user, role="member")
    assert Membership.objects.get(organisation=organisation, user=user).role == "admin"


@pytest.mark.django_db(transaction=True)
def test_an_edit_outside_any_transaction_is_saved():
    """The profile page calls the service with no transaction of its own (no
    ATOMIC_REQUESTS): the service's row lock must bring its own."""
    organisation = OrganisationFactory(province="NA")
    services.organisation_update(organisation=organisation, province="LG", postcode="4000")
    organisation.refresh_from_db()
    assert (organisation.province, organisation.postcode) == ("LG", "4000")
