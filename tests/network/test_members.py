"""Roles inside an organisation, and the destructive actions that ask first: removing a member,
leaving, withdrawing an invitation, closing a campaign (with or without JavaScript: a page of
their own whose form posts to the action). A stale confirmation changes nothing and says so."""

import contextlib
import html
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.urls import reverse

from diagnostic.services import campaign_open
from network import services
from network.models import Invitation, Membership
from tests.factories import CoachAssignmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    """An organisation with one admin and one member."""
    admin = MembershipFactory(role="admin", user__first_name="Anne", user__last_name="Admin")
    member = MembershipFactory(
        organisation=admin.organisation, user__first_name="Marc", user__last_name="Membre"
    )
    return admin, member


@pytest.fixture
def as_admin(client, team):
    client.force_login(team[0].user)
    client.cookies["django_language"] = "en"
    return client


def _url(name, membership, **extra):
    return reverse(
        f"network:{name}", kwargs={"slug": membership.organisation.slug, "pk": membership.pk}
    )


def _text(response):
    return html.unescape(response.content.decode())


# --- the service ---------------------------------------------------------------------------


def test_an_admin_makes_a_member_admin_then_steps_down(team):
    admin, member = team
    services.membership_set_role(membership=member, role="admin")
    services.membership_set_role(membership=admin, role="member")
    admin.refresh_from_db()
    member.refresh_from_db()
    assert (admin.role, member.role) == ("member", "admin")


def test_the_last_admin_cannot_step_down(team, english):
    admin, _member = team
    with pytest.raises(ValidationError, match="at least one admin"):
        services.membership_set_role(membership=admin, role="member")
    admin.refresh_from_db()
    assert admin.role == "admin"


def test_a_role_it_already_has_changes_nothing(team, english):
    _admin, member = team
    with pytest.raises(ValidationError, match="already member"):
        services.membership_set_role(membership=member, role="member")


def test_an_unknown_role_is_refused(team, english):
    _admin, member = team
    with pytest.raises(ValidationError, match="Choose a role"):
        services.membership_set_role(membership=member, role="owner")
    member.refresh_from_db()
    assert member.role == "member"


def test_a_removed_membership_is_not_changed_again(team, english):
    _admin, member = team
    Membership.objects.filter(pk=member.pk).delete()
    with pytest.raises(ValidationError, match="no longer belongs"):
        services.membership_set_role(membership=member, role="admin")
    with pytest.raises(ValidationError, match="no longer belongs"):
        services.membership_remove(membership=member)
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_role_read_before_it_changed_is_checked_as_it_is_now(team, english):
    """The service reads the membership again under the lock: a page loaded while the other
    admin was still one cannot step the last admin down."""
    admin, member = team
    services.membership_set_role(membership=member, role="admin")
    stale_member = Membership.objects.get(pk=member.pk)
    services.membership_set_role(membership=admin, role="member")
    with pytest.raises(ValidationError, match="at least one admin"):
        services.membership_set_role(membership=stale_member, role="member")
    assert Membership.objects.filter(organisation=admin.organisation, role="admin").count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_two_admins_stepping_down_at_once_cannot_both_succeed(monkeypatch):
    first = MembershipFactory(role="admin")
    second = MembershipFactory(organisation=first.organisation, role="admin")
    start = threading.Barrier(2)
    # Each waits (a second at most) after its check, before it writes: without the lock both
    # would have checked that the other is still admin; with it the second waits for the first.
    checked = threading.Barrier(2, timeout=1)
    check = services._check_another_admin

    def check_then_wait(membership):
        check(membership)
        with contextlib.suppress(threading.BrokenBarrierError):
            checked.wait()

    monkeypatch.setattr(services, "_check_another_admin", check_then_wait)
    outcomes = []

    def step_down(membership):
        try:
            start.wait()
            services.membership_set_role(membership=membership, role="member")
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=step_down, args=(m,)) for m in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["done", "refused"]
    assert Membership.objects.filter(organisation=first.organisation, role="admin").count() == 1


# --- role changes through the page ----------------------------------------------------------


def test_the_admin_makes_a_member_admin_from_the_page(as_admin, team):
    admin, member = team
    page = _text(as_admin.get(admin.organisation.get_absolute_url()))
    assert _url("membership_role", member) in page
    response = as_admin.post(_url("membership_role", member), {"role": "admin"}, follow=True)
    assert "Marc Membre is now an admin" in _text(response)
    member.refresh_from_db()
    assert member.is_admin


def test_the_sole_admin_is_offered_no_step_down_and_is_refused_one(as_admin, team):
    admin, _member = team
    page = _text(as_admin.get(admin.organisation.get_absolute_url()))
    assert "Step down as admin" not in page
    # Nor is leaving: the page says what to do first.
    assert _url("membership_remove_confirm", admin) not in page
    assert "Name another admin before you leave." in page
    response = as_admin.post(_url("membership_role", admin), {"role": "member"}, follow=True)
    assert "keeps at least one admin" in _text(response)
    admin.refresh_from_db()
    assert admin.is_admin


def test_an_admin_steps_down_once_another_admin_is_named(as_admin, team):
    admin, member = team
    as_admin.post(_url("membership_role", member), {"role": "admin"})
    page = _text(as_admin.get(admin.organisation.get_absolute_url()))
    assert "Step down as admin" in page
    assert _url("membership_remove_confirm", admin) in page
    response = as_admin.post(_url("membership_role", admin), {"role": "member"}, follow=True)
    assert "You are no longer an admin" in _text(response)
    admin.refresh_from_db()
    assert not admin.is_admin
    # Now a member: the role buttons are gone, and so is the right.
    assert as_admin.post(_url("membership_role", member), {"role": "member"}).status_code == 403


def test_a_bad_role_from_the_page_changes_nothing(as_admin, team):
    _admin, member = team
    response = as_admin.post(_url("membership_role", member), {"role": "owner"}, follow=True)
    assert "Choose a role from the list" in _text(response)
    member.refresh_from_db()
    assert member.role == "member"


def test_a_stale_role_form_says_the_person_left(as_admin, team):
    _admin, member = team
    url = _url("membership_role", member)
    member.delete()
    response = as_admin.post(url, {"role": "admin"}, follow=True)
    assert "no longer belongs to the organisation" in _text(response)
    assert not Membership.objects.filter(user=member.user).exists()


def test_re_inviting_a_member_says_so_and_offers_the_role_change(
    as_admin, team, mailoutbox, django_capture_on_commit_callbacks
):
    admin, member = team
    url = reverse("network:invitation_create", kwargs={"slug": admin.organisation.slug})
    with django_capture_on_commit_callbacks(execute=True):
        response = as_admin.post(url, {"email": member.user.email.upper(), "role": "admin"})
    page = _text(response)
    assert "is already a member of this organisation" in page
    assert "Make Marc Membre admin instead" in page
    assert f'action="{_url("membership_role", member)}"' in page
    assert not Invitation.objects.exists()
    assert not mailoutbox
    as_admin.post(_url("membership_role", member), {"role": "admin"})
    member.refresh_from_db()
    assert member.is_admin


def test_re_inviting_a_member_in_the_role_they_have_offers_no_change(as_admin, team):
    admin, member = team
    url = reverse("network:invitation_create", kwargs={"slug": admin.organisation.slug})
    page = _text(as_admin.post(url, {"email": member.user.email, "role": "member"}))
    assert "is already a member of this organisation" in page
    assert "instead" not in page
    assert not Invitation.objects.exists()


# --- removing and leaving ask first ---------------------------------------------------------


def test_removing_a_member_asks_first_and_the_form_posts_to_the_action(as_admin, team):
    admin, member = team
    page = _text(as_admin.get(admin.organisation.get_absolute_url()))
    assert _url("membership_remove_confirm", member) in page
    # The page no longer removes in one click.
    assert f'action="{_url("membership_remove", member)}"' not in page
    confirm = as_admin.get(_url("membership_remove_confirm", member))
    assert "Remove Marc Membre from" in _text(confirm)
    assert f'action="{_url("membership_remove", member)}"' in _text(confirm)
    assert Membership.objects.filter(pk=member.pk).exists()
    response = as_admin.post(_url("membership_remove", member), follow=True)
    assert "Marc Membre no longer belongs" in _text(response)
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_member_leaves_after_confirming(client, team):
    _admin, member = team
    client.force_login(member.user)
    client.cookies["django_language"] = "en"
    page = _text(client.get(member.organisation.get_absolute_url()))
    assert _url("membership_remove_confirm", member) in page
    assert "Make admin" not in page
    confirm = _text(client.get(_url("membership_remove_confirm", member)))
    assert "Leave " in confirm and "Leave the organisation" in confirm
    response = client.post(_url("membership_remove", member))
    assert response.url == reverse("dashboard")
    assert not Membership.objects.filter(pk=member.pk).exists()


def test_a_member_cannot_remove_a_colleague(client, team):
    admin, member = team
    client.force_login(member.user)
    assert client.get(_url("membership_remove_confirm", admin)).status_code == 403
    assert client.post(_url("membership_remove", admin)).status_code == 403
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_the_last_admin_is_told_before_leaving_and_refused(as_admin, team):
    admin, _member = team
    confirm = _text(as_admin.get(_url("membership_remove_confirm", admin)))
    assert "You are the organisation's only admin" in confirm
    assert f'action="{_url("membership_remove", admin)}"' not in confirm
    response = as_admin.post(_url("membership_remove", admin), follow=True)
    assert "keeps at least one admin" in _text(response)
    assert Membership.objects.filter(pk=admin.pk).exists()


def test_a_stale_removal_says_the_person_already_left_and_changes_nothing(as_admin, team):
    admin, member = team
    confirm_url, remove_url = (
        _url("membership_remove_confirm", member),
        _url("membership_remove", member),
    )
    as_admin.post(remove_url)
    response = as_admin.post(remove_url, follow=True)
    assert "no longer belongs to the organisation: nothing was changed" in _text(response)
    response = as_admin.get(confirm_url, follow=True)
    assert "no longer belongs to the organisation" in _text(response)
    assert list(Membership.objects.filter(organisation=admin.organisation)) == [admin]


def test_a_coach_gets_no_stale_message_for_a_removed_member(client, team):
    admin, member = team
    coach = CoachAssignmentFactory(organisation=admin.organisation).coach
    url = _url("membership_remove", member)
    member.delete()
    client.force_login(coach)
    assert client.post(url).status_code == 403


# --- invitations ----------------------------------------------------------------------------


def _invitation(admin, email="nouvelle@example.be"):
    return Invitation.objects.create(
        organisation=admin.organisation, email=email, invited_by=admin.user
    )


def test_withdrawing_an_invitation_asks_first(as_admin, team):
    admin, _member = team
    invitation = _invitation(admin)
    page = _text(as_admin.get(admin.organisation.get_absolute_url()))
    assert _url("invitation_revoke_confirm", invitation) in page
    confirm = _text(as_admin.get(_url("invitation_revoke_confirm", invitation)))
    assert "Withdraw the invitation to nouvelle@example.be?" in confirm
    assert f'action="{_url("invitation_revoke", invitation)}"' in confirm
    invitation.refresh_from_db()
    assert invitation.revoked_at is None
    as_admin.post(_url("invitation_revoke", invitation))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_a_stale_withdrawal_says_it_was_already_withdrawn(as_admin, team):
    admin, _member = team
    invitation = _invitation(admin)
    as_admin.post(_url("invitation_revoke", invitation))
    invitation.refresh_from_db()
    revoked_at = invitation.revoked_at
    response = as_admin.post(_url("invitation_revoke", invitation), follow=True)
    assert "was already withdrawn" in _text(response)
    response = as_admin.get(_url("invitation_revoke_confirm", invitation), follow=True)
    assert "no longer pending" in _text(response)
    invitation.refresh_from_db()
    assert invitation.revoked_at == revoked_at


def test_an_accepted_invitation_cannot_be_withdrawn(as_admin, team):
    admin, _member = team
    invitation = _invitation(admin)
    services.invitation_accept(invitation=invitation, user=UserFactory(email="nouvelle@example.be"))
    response = as_admin.post(_url("invitation_revoke", invitation), follow=True)
    assert "already been accepted" in _text(response)


def test_another_organisations_invitation_is_not_found(as_admin, team):
    admin, _member = team
    stranger = _invitation(MembershipFactory(role="admin"))
    url = reverse(
        "network:invitation_revoke_confirm",
        kwargs={"slug": admin.organisation.slug, "pk": stranger.pk},
    )
    assert as_admin.get(url).status_code == 404
    url = reverse(
        "network:invitation_revoke", kwargs={"slug": admin.organisation.slug, "pk": stranger.pk}
    )
    assert as_admin.post(url).status_code == 404
    stranger.refresh_from_db()
    assert stranger.revoked_at is None


# --- campaigns ------------------------------------------------------------------------------


def test_closing_a_campaign_asks_first_and_a_stale_close_says_so(as_admin, team):
    admin, _member = team
    campaign = campaign_open(organisation=admin.organisation, opened_by=admin.user)
    kwargs = {"slug": admin.organisation.slug, "pk": campaign.pk}
    detail = _text(as_admin.get(reverse("diagnostic:campaign_detail", kwargs=kwargs)))
    confirm_url = reverse("diagnostic:campaign_close_confirm", kwargs=kwargs)
    close_url = reverse("diagnostic:campaign_close", kwargs=kwargs)
    assert confirm_url in detail and f'action="{close_url}"' not in detail
    confirm = _text(as_admin.get(confirm_url))
    assert "1 respondent has not submitted yet" in confirm
    assert f'action="{close_url}"' in confirm
    campaign.refresh_from_db()
    assert campaign.is_open
    as_admin.post(close_url)
    campaign.refresh_from_db()
    closed_at = campaign.closed_at
    assert closed_at is not None
    assert "already closed" in _text(as_admin.post(close_url, follow=True))
    assert "already closed" in _text(as_admin.get(confirm_url, follow=True))
    campaign.refresh_from_db()
    assert campaign.closed_at == closed_at


def test_opening_a_campaign_is_not_offered_while_one_is_open(as_admin, team):
    admin, _member = team
    history_url = reverse(
        "diagnostic:organisation_history", kwargs={"slug": admin.organisation.slug}
    )
    open_url = reverse("diagnostic:campaign_open", kwargs={"slug": admin.organisation.slug})
    assert f'action="{open_url}"' in _text(as_admin.get(history_url))
    campaign = campaign_open(organisation=admin.organisation, opened_by=admin.user)
    page = _text(as_admin.get(history_url))
    assert f'action="{open_url}"' not in page
    assert "See the open campaign" in page
    assert (
        reverse(
            "diagnostic:campaign_detail",
            kwargs={"slug": admin.organisation.slug, "pk": campaign.pk},
        )
        in page
    )
    # A form left open elsewhere is refused by the service.
    response = as_admin.post(open_url, follow=True)
    assert "already open" in _text(response)
    assert admin.organisation.campaigns.count() == 1
