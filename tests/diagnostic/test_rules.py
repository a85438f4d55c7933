"""The diagnostic's object rules: claims, campaigns, results and reports."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from diagnostic import rules, services
from diagnostic.models import Report
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request(user=None, *, holding=None):
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    request.session = SessionStore()
    if holding is not None:
        rules.remember_visitor_key(request, holding)
    return request


@pytest.fixture
def visitor_results(questionnaire):
    return services.assessment_submit(assessment=answer_everything(services.assessment_start()))


def test_a_logged_in_holder_may_claim_a_visitors_results(visitor_results):
    user = UserFactory()
    assert rules.can_claim(_request(user, holding=visitor_results), visitor_results)
    # Anonymous, or not holding the results: no claim.
    assert not rules.can_claim(_request(holding=visitor_results), visitor_results)
    assert not rules.can_claim(_request(user), visitor_results)


def test_claimed_results_and_drafts_cannot_be_claimed(visitor_results, questionnaire):
    user = UserFactory()
    draft = services.assessment_start()
    assert not rules.can_claim(_request(user, holding=draft), draft)
    services.assessment_claim(assessment=visitor_results, user=user, organisation=None)
    visitor_results.refresh_from_db()
    assert not rules.can_claim(_request(user), visitor_results)


def test_the_results_page_offers_the_claim_only_to_who_may_claim(client, visitor_results):
    client.force_login(UserFactory())
    url = reverse("diagnostic:results", kwargs={"uuid": visitor_results.uuid})
    claim = reverse("diagnostic:claim", kwargs={"uuid": visitor_results.uuid})
    session = client.session
    session[rules.SESSION_KEY] = [visitor_results.visitor_key]
    session.save()
    assert claim in client.get(url).content.decode()
    services.assessment_claim(assessment=visitor_results, user=UserFactory(), organisation=None)
    # The results now belong to someone else's account: the page no longer exists here.
    assert client.get(url).status_code == 404


def test_the_claim_service_refuses_an_organisation_one_does_not_belong_to(visitor_results):
    stranger_org = MembershipFactory().organisation
    with pytest.raises(services.ValidationError):
        services.assessment_claim(
            assessment=visitor_results, user=UserFactory(), organisation=stranger_org
        )
    visitor_results.refresh_from_db()
    assert visitor_results.organisation is None and visitor_results.respondent is None


@pytest.fixture
def campaign(organisation, questionnaire):
    admin = MembershipFactory(organisation=organisation, role="admin").user
    return services.campaign_open(organisation=organisation, opened_by=admin)


def test_campaigns_are_seen_by_the_organisation_and_changed_by_its_admins(campaign):
    organisation = campaign.organisation
    member = MembershipFactory(organisation=organisation).user
    coach = CoachAssignmentFactory(organisation=organisation).coach
    for reader in (member, coach):
        found, access = rules.get_campaign_for(_request(reader), organisation.slug, campaign.pk)
        assert found == campaign and not access.can_manage
        with pytest.raises(PermissionDenied):
            rules.get_campaign_for(_request(reader), organisation.slug, campaign.pk, manage=True)
    with pytest.raises(Http404):
        rules.get_campaign_for(_request(UserFactory()), organisation.slug, campaign.pk)
    # A campaign looked up under another organisation's address does not exist.
    other = MembershipFactory(user=member).organisation
    with pytest.raises(Http404):
        rules.get_campaign_for(_request(member), other.slug, campaign.pk)


def test_an_invalid_invitation_shows_the_campaign_page_with_the_error(client, campaign):
    organisation = campaign.organisation
    client.force_login(organisation.memberships.get(role="admin").user)
    client.cookies["django_language"] = "en"
    url = reverse(
        "diagnostic:campaign_invite", kwargs={"slug": organisation.slug, "pk": campaign.pk}
    )
    response = client.post(url, {"email": "not an address"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a valid email address" in page and "Respondents" in page
    assert campaign.assessments.count() == 1  # the opener's only


def test_a_member_cannot_invite(client, campaign):
    organisation = campaign.organisation
    client.force_login(MembershipFactory(organisation=organisation).user)
    url = reverse(
        "diagnostic:campaign_invite", kwargs={"slug": organisation.slug, "pk": campaign.pk}
    )
    assert client.post(url, {"email": "friend@example.be"}).status_code == 403
    assert campaign.assessments.count() == 1


@pytest.fixture
def organisation_report(organisation, questionnaire):
    admin = MembershipFactory(organisation=organisation, role="admin").user
    assessment = services.assessment_start(respondent=admin, organisation=organisation)
    services.assessment_submit(assessment=answer_everything(assessment))
    assessment.refresh_from_db()
    return Report.objects.create(result=assessment.result, language="fr")


def test_a_report_is_for_whoever_may_see_its_results(organisation_report):
    organisation = organisation_report.result.organisation
    member = MembershipFactory(organisation=organisation).user
    assert rules.get_report_for(_request(member), organisation_report.pk) == organisation_report
    with pytest.raises(Http404):
        rules.get_report_for(_request(UserFactory()), organisation_report.pk)
    with pytest.raises(rules.LoginRequired):
        rules.get_report_for(_request(), organisation_report.pk)


def test_a_visitors_report_is_for_the_browser_that_holds_it(visitor_results):
    report = Report.objects.create(assessment=visitor_results, language="fr")
    assert rules.get_report_for(_request(holding=visitor_results), report.pk) == report
    with pytest.raises(Http404):
        rules.get_report_for(_request(), report.pk)
    with pytest.raises(Http404):
        rules.get_report_for(_request(UserFactory()), report.pk)


def test_an_organisations_result_is_for_whoever_may_see_it(organisation_report):
    result = organisation_report.result
    slug = result.organisation.slug
    member = MembershipFactory(organisation=result.organisation).user
    assert rules.get_result_for(_request(member), slug, result.pk) == result
    with pytest.raises(Http404):
        rules.get_result_for(_request(UserFactory()), slug, result.pk)
    other = MembershipFactory(user=member).organisation
    with pytest.raises(Http404):
        rules.get_result_for(_request(member), other.slug, result.pk)


def test_in_a_campaign_each_respondent_alone_sees_their_answers(client, campaign):
    organisation = campaign.organisation
    colleague = MembershipFactory(organisation=organisation).user
    own = services.campaign_invite(
        campaign=campaign, email=colleague.email, invited_by=campaign.opened_by
    )
    services.assessment_submit(assessment=answer_everything(own))
    url = reverse("diagnostic:results", kwargs={"uuid": own.uuid})
    client.force_login(colleague)
    assert client.get(url).status_code == 200
    # The campaign's opener, an admin of the organisation, sees the aggregate only.
    client.force_login(campaign.opened_by)
    assert client.get(url).status_code == 404
