"""Organisation invitations e-mail a typed address: each user and each organisation may
send only so many, counted on the rows (revoked ones included)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from network import services
from network.models import Invitation
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _invite(client, organisation, email, capture):
    with capture(execute=True):
        return client.post(
            reverse("network:invitation_create", kwargs={"slug": organisation.slug}),
            {"email": email, "role": "member"},
            follow=True,
        )


def _admin_client(client, organisation=None):
    extra = {"organisation": organisation} if organisation else {}
    membership = MembershipFactory(role="admin", **extra)
    client.force_login(membership.user)
    client.cookies["django_language"] = "en"
    return membership


def test_one_invitation_more_than_the_hourly_limit_is_refused(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _admin_client(client).organisation
    limit = services.INVITATIONS_PER_USER_PER_HOUR
    for n in range(limit):
        _invite(client, organisation, f"collegue{n}@example.be", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == limit

    response = _invite(
        client, organisation, "one-more@example.be", django_capture_on_commit_callbacks
    )
    assert f"You have sent {limit} invitations in the last hour" in response.content.decode()
    assert not Invitation.objects.filter(email="one-more@example.be").exists()
    assert len(mailoutbox) == limit


def test_revoking_and_sending_again_does_not_dodge_the_limit(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _admin_client(client).organisation
    limit = services.INVITATIONS_PER_USER_PER_HOUR
    for _ in range(limit):
        _invite(client, organisation, "cible@example.be", django_capture_on_commit_callbacks)
        invitation = organisation.invitations.pending().get()
        client.post(
            reverse(
                "network:invitation_revoke", kwargs={"slug": organisation.slug, "pk": invitation.pk}
            )
        )
    assert len(mailoutbox) == limit
    response = _invite(client, organisation, "cible@example.be", django_capture_on_commit_callbacks)
    assert "in the last hour" in response.content.decode()
    assert not organisation.invitations.pending().exists()
    assert len(mailoutbox) == limit


def test_the_hourly_limit_frees_up_after_an_hour(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _admin_client(client).organisation
    limit = services.INVITATIONS_PER_USER_PER_HOUR
    for n in range(limit):
        _invite(client, organisation, f"collegue{n}@example.be", django_capture_on_commit_callbacks)
    Invitation.objects.update(created_at=timezone.now() - timedelta(minutes=61))
    _invite(client, organisation, "later@example.be", django_capture_on_commit_callbacks)
    assert Invitation.objects.filter(email="later@example.be").exists()
    assert len(mailoutbox) == limit + 1


def test_an_organisation_sends_only_so_many_invitations_a_day(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _admin_client(client).organisation
    limit = services.INVITATIONS_PER_ORGANISATION_PER_DAY
    per_user = services.INVITATIONS_PER_USER_PER_HOUR
    # Several admins, each under the hourly limit, reach the organisation's daily one.
    sent = 0
    while sent < limit:
        _admin_client(client, organisation)
        for _ in range(min(per_user, limit - sent)):
            _invite(client, organisation, f"c{sent}@example.be", django_capture_on_commit_callbacks)
            sent += 1
    assert len(mailoutbox) == limit

    _admin_client(client, organisation)  # a fresh admin, well under the hourly limit
    response = _invite(
        client, organisation, "one-more@example.be", django_capture_on_commit_callbacks
    )
    assert f"{limit} invitations to this organisation were sent" in response.content.decode()
    assert not Invitation.objects.filter(email="one-more@example.be").exists()
    assert len(mailoutbox) == limit


def test_a_revoked_invitation_link_no_longer_opens(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = _admin_client(client).organisation
    _invite(client, organisation, "cible@example.be", django_capture_on_commit_callbacks)
    invitation = organisation.invitations.get()
    client.post(
        reverse(
            "network:invitation_revoke", kwargs={"slug": organisation.slug, "pk": invitation.pk}
        )
    )
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    with pytest.raises(services.InvitationError, match="withdrawn"):
        services.invitation_from_token(services.invitation_token(invitation))
