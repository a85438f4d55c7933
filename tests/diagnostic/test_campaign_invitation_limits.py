"""Campaign invitations e-mail a typed address: each user and each organisation may send
only so many, counted on the assessments they created."""

import pytest
from django.urls import NoReverseMatch, reverse

from diagnostic import services
from diagnostic.models import Assessment
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def _invite_url(campaign) -> str:
    kwargs = {"slug": campaign.organisation.slug, "pk": campaign.pk}
    try:  # the action of its own, once the page and the action are two views
        return reverse("diagnostic:campaign_invite", kwargs=kwargs)
    except NoReverseMatch:
        return reverse("diagnostic:campaign_detail", kwargs=kwargs)


def _open_campaign(client, organisation=None):
    extra = {"organisation": organisation} if organisation else {}
    admin = MembershipFactory(role="admin", **extra)
    client.force_login(admin.user)
    client.cookies["django_language"] = "en"
    if organisation is None:
        client.post(reverse("diagnostic:campaign_open", kwargs={"slug": admin.organisation.slug}))
    return admin.organisation.campaigns.get()


def _invite(client, campaign, email, capture):
    with capture(execute=True):
        return client.post(_invite_url(campaign), {"email": email}, follow=True)


def test_one_campaign_invitation_more_than_the_hourly_limit_is_refused(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = _open_campaign(client)
    limit = services.CAMPAIGN_INVITATIONS_PER_USER_PER_HOUR
    for n in range(limit):
        _invite(client, campaign, f"collegue{n}@example.be", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == limit

    response = _invite(client, campaign, "one-more@example.be", django_capture_on_commit_callbacks)
    assert f"You have sent {limit} invitations in the last hour" in response.content.decode()
    assert not Assessment.objects.filter(respondent_email="one-more@example.be").exists()
    assert len(mailoutbox) == limit


def test_an_organisation_sends_only_so_many_campaign_invitations_a_day(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    campaign = _open_campaign(client)
    limit = services.CAMPAIGN_INVITATIONS_PER_ORGANISATION_PER_DAY
    per_user = services.CAMPAIGN_INVITATIONS_PER_USER_PER_HOUR
    sent = 0
    while sent < limit:
        _open_campaign(client, campaign.organisation)  # another admin of the organisation
        for _ in range(min(per_user, limit - sent)):
            _invite(client, campaign, f"c{sent}@example.be", django_capture_on_commit_callbacks)
            sent += 1
    assert len(mailoutbox) == limit

    _open_campaign(client, campaign.organisation)
    response = _invite(client, campaign, "one-more@example.be", django_capture_on_commit_callbacks)
    assert f"{limit} invitations to this organisation" in response.content.decode()
    assert not Assessment.objects.filter(respondent_email="one-more@example.be").exists()
    assert len(mailoutbox) == limit
