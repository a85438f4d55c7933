"""An address longer than its database column (254) gets a form error, not a 500, in every
form where a user types one."""

import pytest
from django.urls import NoReverseMatch, reverse

from diagnostic import services
from diagnostic.models import Assessment, Questionnaire, Report
from network.models import Invitation
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

# A valid address (labels of at most 63 characters) of 300 characters.
LONG = "a" * 60 + "@" + ".".join(["b" * 58] * 4) + "." + "c" * 4 + ".be"
TOO_LONG = "at most 254 characters"


def test_the_long_address_is_valid_but_longer_than_the_column():
    from django.core.validators import validate_email

    validate_email(LONG)
    assert len(LONG) > Invitation._meta.get_field("email").max_length


def _english(client):
    client.cookies["django_language"] = "en"


def test_organisation_invitation(client, mailoutbox):
    membership = MembershipFactory(role="admin")
    client.force_login(membership.user)
    _english(client)
    response = client.post(
        reverse("network:invitation_create", kwargs={"slug": membership.organisation.slug}),
        {"email": LONG, "role": "member"},
    )
    assert response.status_code == 200
    assert TOO_LONG in response.content.decode()
    assert not Invitation.objects.exists() and not mailoutbox


def test_campaign_invitation(client, mailoutbox):
    Questionnaire.current()
    membership = MembershipFactory(role="admin")
    client.force_login(membership.user)
    _english(client)
    slug = membership.organisation.slug
    client.post(reverse("diagnostic:campaign_open", kwargs={"slug": slug}))
    campaign = membership.organisation.campaigns.get()
    kwargs = {"slug": slug, "pk": campaign.pk}
    try:
        url = reverse("diagnostic:campaign_invite", kwargs=kwargs)
    except NoReverseMatch:
        url = reverse("diagnostic:campaign_detail", kwargs=kwargs)
    response = client.post(url, {"email": LONG}, follow=True)
    assert TOO_LONG in response.content.decode()
    assert campaign.assessments.count() == 1 and not mailoutbox  # the opener's own


def test_resume_link(client, mailoutbox):
    Questionnaire.current()
    _english(client)
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    response = client.post(
        reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid}),
        {"email": LONG},
        follow=True,
    )
    assert TOO_LONG in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.respondent_email == "" and not mailoutbox


def test_report_request(client, mailoutbox):
    Questionnaire.current()
    _english(client)
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    services.assessment_submit(assessment=answer_everything(assessment))
    response = client.post(
        reverse("diagnostic_reports:assessment_request", kwargs={"uuid": assessment.uuid}),
        {"email": LONG},
        follow=True,
    )
    assert TOO_LONG in response.content.decode()
    assert not Report.objects.exists() and not mailoutbox
