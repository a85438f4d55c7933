import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from diagnostic import services
from diagnostic.models import Assessment, Result
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _link(message):
    return "/" + re.search(r"https?://[^/]+/(diagnostic/link/\S+/)", message.body).group(1)


def test_visitor_gets_a_resume_link_that_works_in_another_browser(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    response = client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid}),
            {"email": "visiteur@example.be", "next": "https://evil.example/"},
        )
    assert len(mailoutbox) == 1
    link = _link(mailoutbox[0])
    other_browser = client.__class__()
    page_url = response.url
    assert other_browser.get(page_url).status_code == 404
    response = other_browser.get(link)
    assert response.status_code == 302 and response.url == page_url
    assert other_browser.get(page_url).status_code == 200


def test_tampered_link_shows_a_clear_page(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    token = services.access_token(assessment)
    client.cookies["django_language"] = "en"
    response = client.get(reverse("diagnostic:access", kwargs={"token": token[:-4] + "abcd"}))
    assert response.status_code == 400
    assert "not valid" in response.content.decode()


def test_visitor_claims_results_after_logging_in(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    answer_everything(assessment, rank=2)
    services.assessment_submit(assessment=assessment)
    membership = MembershipFactory(role="admin")
    client.post(
        reverse("account_login"),
        {"login": membership.user.email, "password": "correct-horse-battery"},
    )
    results = reverse("diagnostic:results", kwargs={"uuid": assessment.uuid})
    page = client.get(results).content.decode()
    assert reverse("diagnostic:claim", kwargs={"uuid": assessment.uuid}) in page
    client.post(
        reverse("diagnostic:claim", kwargs={"uuid": assessment.uuid}),
        {"organisation": membership.organisation.slug},
    )
    assessment.refresh_from_db()
    assert assessment.respondent == membership.user
    assert assessment.organisation == membership.organisation
    assert Result.objects.get(organisation=membership.organisation).assessment == assessment
    # A second claim changes nothing.
    other = MembershipFactory(user=membership.user)
    client.post(
        reverse("diagnostic:claim", kwargs={"uuid": assessment.uuid}),
        {"organisation": other.organisation.slug},
    )
    assessment.refresh_from_db()
    assert assessment.organisation == membership.organisation


def test_cannot_claim_into_an_organisation_one_does_not_belong_to(client, questionnaire):
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    answer_everything(assessment)
    services.assessment_submit(assessment=assessment)
    client.force_login(UserFactory())
    stranger_org = MembershipFactory().organisation
    response = client.post(
        reverse("diagnostic:claim", kwargs={"uuid": assessment.uuid}),
        {"organisation": stranger_org.slug},
    )
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.respondent is None and assessment.organisation is None


def test_the_claim_service_refuses_an_organisation_the_user_does_not_belong_to(client):
    """The service checks the membership itself, whoever calls it (not only the view)."""
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    services.assessment_submit(assessment=answer_everything(assessment))
    user = MembershipFactory().user
    stranger_org = MembershipFactory().organisation
    with pytest.raises(ValidationError) as error:
        services.assessment_claim(assessment=assessment, user=user, organisation=stranger_org)
    assert error.value.messages == [
        "Vous ne pouvez rattacher des résultats qu'à une organisation dont vous faites partie."
    ]
    assessment.refresh_from_db()
    assert assessment.respondent is None and assessment.organisation is None
    assert not Result.objects.filter(organisation=stranger_org).exists()


def test_campaign_with_two_colleagues(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    admin = MembershipFactory(role="admin")
    organisation = admin.organisation
    client.force_login(admin.user)
    response = client.post(reverse("diagnostic:campaign_open", kwargs={"slug": organisation.slug}))
    campaign = organisation.campaigns.get()
    assert response.url == reverse(
        "diagnostic:campaign_detail", kwargs={"slug": organisation.slug, "pk": campaign.pk}
    )
    invite = reverse(
        "diagnostic:campaign_invite", kwargs={"slug": organisation.slug, "pk": campaign.pk}
    )
    with django_capture_on_commit_callbacks(execute=True):
        for email in ("alice@example.be", "bruno@example.be"):
            client.post(invite, {"email": email})
    assert len(mailoutbox) == 2
    # A second invitation to the same address is refused, on the campaign's page.
    client.cookies["django_language"] = "en"
    again = client.post(invite, {"email": "alice@example.be"})
    assert again.status_code == 400 and "already taking part" in again.content.decode()
    assert "Respondents" in again.content.decode()
    assert campaign.assessments.filter(respondent_email="alice@example.be").count() == 1

    # The admin answers high, the colleagues lower; each alone.
    own = campaign.assessments.get(respondent=admin.user)
    services.assessment_submit(assessment=answer_everything(own, rank=4))
    for message, rank in zip(mailoutbox, (1, 0), strict=True):
        colleague = client.__class__()
        colleague.get(_link(message))
        assessment = campaign.assessments.get(respondent_email=message.to[0])
        answer_everything(assessment, rank=rank)
        colleague.post(reverse("diagnostic:review", kwargs={"uuid": assessment.uuid}))
        assessment.refresh_from_db()
        assert assessment.is_submitted

    result = Result.objects.get(campaign=campaign)
    assert result.respondents == 3 and result.is_latest
    scores = [a.overall_score for a in campaign.assessments.all()]
    assert min(scores) < result.overall_score < max(scores)
    assert all(s.spread is not None and s.spread > 0 for s in result.scores.all())

    # The result shows the gaps but not who answered what.
    page = client.get(
        reverse(
            "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
        )
    ).content.decode()
    assert "Gap between respondents" in page
    assert "alice@example.be" not in page and "bruno" not in page

    # A colleague cannot see another respondent's answers.
    alice = campaign.assessments.get(respondent_email="alice@example.be")
    member = MembershipFactory(organisation=organisation)
    client.force_login(member.user)
    assert client.get(reverse("diagnostic:results", kwargs={"uuid": alice.uuid})).status_code == 404


def test_only_one_open_campaign_and_closed_campaigns_take_no_submission(client, questionnaire):
    admin = MembershipFactory(role="admin")
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    with pytest.raises(services.ValidationError):
        services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    own = answer_everything(campaign.assessments.get())
    services.campaign_close(campaign=campaign)
    with pytest.raises(services.ValidationError):
        services.assessment_submit(assessment=own)
    own.refresh_from_db()
    assert not own.is_submitted


def test_a_member_cannot_open_or_invite(client, questionnaire):
    member = MembershipFactory(role="member")
    client.force_login(member.user)
    slug = member.organisation.slug
    assert (
        client.post(reverse("diagnostic:campaign_open", kwargs={"slug": slug})).status_code == 403
    )
    assert not member.organisation.campaigns.exists()


def test_resume_links_are_rate_limited(
    client, questionnaire, mailoutbox, django_capture_on_commit_callbacks
):
    client.post(reverse("diagnostic:start"))
    assessment = Assessment.objects.get()
    url = reverse("diagnostic:resume_link", kwargs={"uuid": assessment.uuid})
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(8):
            client.post(url, {"email": f"cible{n}@example.be"})
    assert len(mailoutbox) == 5
