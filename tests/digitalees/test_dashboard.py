"""The dashboard by role: a member's organisations, a coach's organisations at a glance, the
agency's programme figures; nobody with a role is asked to register an enterprise."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import formats, timezone, translation

from diagnostic import services
from diagnostic.models import Assessment, Campaign, Result
from tests.conftest import agency_with_mfa, superuser_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import (
    AgencyStaffFactory,
    CoachAssignmentFactory,
    CoachFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("dashboard")
REGISTER = "You do not belong to an organisation yet"


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _submitted(organisation, rank=4):
    respondent = MembershipFactory(organisation=organisation).user
    assessment = services.assessment_start(respondent=respondent, organisation=organisation)
    return services.assessment_submit(assessment=answer_everything(assessment, rank=rank))


def _campaign(organisation, ranks=(1, 3)):
    opener = MembershipFactory(organisation=organisation, role="admin").user
    campaign = services.campaign_open(organisation=organisation, opened_by=opener)
    for rank in ranks:
        respondent = services.assessment_start(campaign=campaign)
        services.assessment_submit(assessment=answer_everything(respondent, rank=rank))
    return campaign


def test_a_coach_sees_each_assigned_organisation_at_a_glance(english):
    coach = CoachFactory()
    diagnosed = CoachAssignmentFactory(coach=coach, organisation__name="Atelier Namur").organisation
    result = _submitted(diagnosed, rank=3).result
    campaign = services.campaign_open(
        organisation=diagnosed, opened_by=MembershipFactory(organisation=diagnosed).user
    )
    waiting = CoachAssignmentFactory(coach=coach, organisation__name="Boulangerie").organisation
    stranger = OrganisationFactory(name="Pas la mienne")
    english.force_login(coach)

    content = english.get(DASHBOARD).content.decode()

    assert "Organisations I coach" in content
    assert f'<a href="{diagnosed.get_absolute_url()}">Atelier Namur</a>' in content
    result_url = reverse("diagnostic:organisation_result", args=[diagnosed.slug, result.pk])
    assert f'<a href="{result_url}">{result.overall_score:.0f}/100</a>' in content
    campaign_url = reverse("diagnostic:campaign_detail", args=[diagnosed.slug, campaign.pk])
    assert f'<a href="{campaign_url}">Open since ' in content
    assert f'<a href="{waiting.get_absolute_url()}">Boulangerie</a>' in content
    assert "No result yet" in content
    assert stranger.name not in content
    assert REGISTER not in content
    assert "My organisations" not in content


def _short(moment):
    with translation.override("en"):
        return formats.date_format(timezone.localtime(moment), "SHORT_DATE_FORMAT")


def test_a_coach_s_last_activity_is_the_latest_answer_or_profile_edit(english):
    coach = CoachFactory()
    organisation = CoachAssignmentFactory(coach=coach).organisation
    long_ago = timezone.now() - datetime.timedelta(days=400)
    type(organisation).objects.filter(pk=organisation.pk).update(updated_at=long_ago)
    english.force_login(coach)
    assert _short(long_ago) in english.get(DASHBOARD).content.decode()

    draft = services.assessment_start(
        respondent=MembershipFactory(organisation=organisation).user, organisation=organisation
    )
    answered = timezone.now() - datetime.timedelta(days=3)
    Assessment.objects.filter(pk=draft.pk).update(updated_at=answered)
    content = english.get(DASHBOARD).content.decode()
    assert _short(answered) in content
    assert _short(long_ago) not in content


def test_a_coach_with_no_organisation_yet_is_told_so(english):
    english.force_login(CoachFactory())
    content = english.get(DASHBOARD).content.decode()
    assert "No organisation has been assigned to you yet" in content
    assert REGISTER not in content


def test_a_coach_who_is_also_a_member_keeps_their_organisations(english):
    coach = CoachFactory()
    MembershipFactory(user=coach, organisation__name="Ma coopérative")
    english.force_login(coach)
    content = english.get(DASHBOARD).content.decode()
    assert "My organisations" in content and "Ma coopérative" in content
    assert "Organisations I coach" in content


def _programme():
    """Three organisations, two of them diagnosed (one by a campaign of three)."""
    first, second, _third = (OrganisationFactory() for _ in range(3))
    CoachAssignmentFactory(organisation=first)
    _submitted(first, rank=1)
    _submitted(first, rank=4)  # its latest
    campaign = _campaign(second, ranks=(0, 2, 4))
    visitor = services.assessment_start()
    services.assessment_submit(assessment=answer_everything(visitor, rank=2))
    return first, second, campaign


@pytest.mark.parametrize("who", ["agency", "superuser"])
def test_agency_staff_see_the_programme_figures_and_their_pages(english, settings, who):
    settings.STAFF_REQUIRE_MFA = True
    first, second, campaign = _programme()
    english.force_login(agency_with_mfa() if who == "agency" else superuser_with_mfa())

    response = english.get(DASHBOARD)

    figures = response.context["agency"]
    assert figures["organisations"] == {"organisations": 3, "public": 0, "coached": 1}
    diagnostics = figures["diagnostics"]
    # First's two results, the campaign once, the visitor's: four rows, as the list counts.
    assert diagnostics.results == 4
    assert diagnostics.respondents == 2 + 3 + 1
    assert diagnostics.organisations_diagnosed == 2
    latest = Result.objects.filter(is_latest=True)
    mean = sum(r.overall_score for r in latest) / 2
    assert diagnostics.mean_latest_score == pytest.approx(mean)
    assert diagnostics.open_campaigns == 1
    content = response.content.decode()
    assert "The programme" in content
    assert f"{mean:.1f}" in content
    assert f'href="{reverse("network:staff_organisation_list")}"' in content
    assert f'href="{reverse("diagnostic_staff:assessment_list")}"' in content
    assert (f'href="{reverse("admin:index")}"' in content) == (who == "superuser")
    assert REGISTER not in content


def test_agency_figures_are_kept_for_two_minutes_then_fresh(english, settings, monkeypatch):
    from diagnostic.staff import selectors as staff_selectors

    settings.STAFF_REQUIRE_MFA = True
    english.force_login(agency_with_mfa())
    _submitted(OrganisationFactory())
    assert english.get(DASHBOARD).context["agency"]["diagnostics"].results == 1
    _submitted(OrganisationFactory())
    assert english.get(DASHBOARD).context["agency"]["diagnostics"].results == 1
    cache.delete(staff_selectors.PROGRAMME_FIGURES_KEY)  # the period ran out
    assert english.get(DASHBOARD).context["agency"]["diagnostics"].results == 2
    assert "Diagnostic figures computed at" in english.get(DASHBOARD).content.decode()


def test_agency_member_without_totp_is_prompted_and_sees_no_figures(english, settings):
    settings.STAFF_REQUIRE_MFA = True
    _programme()
    english.force_login(AgencyStaffFactory())

    response = english.get(DASHBOARD)

    content = response.content.decode()
    assert "Turn on two-factor authentication" in content
    assert reverse("mfa_activate_totp") in content
    assert "agency" not in response.context
    assert "The programme" not in content
    assert reverse("diagnostic_staff:assessment_list") not in content
    assert REGISTER not in content


def test_a_person_with_no_role_and_no_organisation_is_invited_to_register(english):
    english.force_login(UserFactory())
    content = english.get(DASHBOARD).content.decode()
    assert REGISTER in content
    assert reverse("network:organisation_create") in content
    assert "Organisations I coach" not in content and "The programme" not in content


def test_the_french_dashboard_reads_french(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    coach = CoachFactory()
    CoachAssignmentFactory(coach=coach)
    client.force_login(coach)
    content = client.get(DASHBOARD).content.decode()
    assert "Organisations que j'accompagne" in content
    assert "Dernière activité" in content
    client.force_login(agency_with_mfa())
    content = client.get(DASHBOARD).content.decode()
    assert "Le programme" in content and "Organisations diagnostiquées" in content


# Session, user, role groups, memberships, drafts: then a coach's organisations, their
# latest results, open campaigns and last answers, whatever their number.
def test_a_coach_s_dashboard_costs_the_same_queries_for_two_organisations_or_eight(
    client, django_assert_max_num_queries
):
    coach = CoachFactory()
    client.force_login(coach)

    def assign(count):
        for _ in range(count):
            organisation = CoachAssignmentFactory(coach=coach).organisation
            _submitted(organisation)
            _campaign(organisation, ranks=(2,))

    def queries():
        cache.clear()
        client.get(reverse("home"))  # the session back in place
        with django_assert_max_num_queries(11) as captured:  # 8 measured
            assert client.get(DASHBOARD).status_code == 200
        return len(captured)

    assign(2)
    few = queries()
    assign(6)
    assert Campaign.objects.count() == 8
    assert queries() == few


def test_an_agency_dashboard_costs_a_bounded_number_of_queries(
    client, settings, django_assert_max_num_queries
):
    settings.STAFF_REQUIRE_MFA = True
    _programme()
    client.force_login(agency_with_mfa())
    cache.clear()
    client.get(reverse("home"))
    with django_assert_max_num_queries(14):  # 11 measured: 4 of them the cached figures
        assert client.get(DASHBOARD).status_code == 200
