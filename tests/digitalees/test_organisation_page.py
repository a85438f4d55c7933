"""An organisation's page, composed at the top floor: network's profile and people,
diagnostic's latest result and history, each reader seeing what their rights allow."""

import pytest
from django.urls import reverse

from diagnostic import services
from diagnostic.models import Questionnaire, Result
from tests.diagnostic.conftest import answer_everything
from tests.factories import (
    AgencyStaffFactory,
    CoachAssignmentFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation_with_result():
    membership = MembershipFactory(role="admin")
    assessment = services.assessment_start(
        questionnaire=Questionnaire.current(),
        respondent=membership.user,
        organisation=membership.organisation,
    )
    services.assessment_submit(assessment=answer_everything(assessment))
    return membership


def _links(client, organisation):
    client.cookies["django_language"] = "en"
    response = client.get(organisation.get_absolute_url())
    assert response.status_code == 200
    # The page's own links: the navigation links every page to the diagnostic's start.
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")]


def test_each_reader_gets_the_diagnostic_links_their_rights_allow(
    client, settings, organisation_with_result
):
    settings.STAFF_REQUIRE_MFA = False
    organisation = organisation_with_result.organisation
    result = Result.objects.get(organisation=organisation, is_latest=True)
    result_link = reverse(
        "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
    )
    history_link = reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug})
    start_link = f'href="{reverse("diagnostic:start")}"'

    client.force_login(organisation_with_result.user)
    page = _links(client, organisation)
    assert f'href="{result_link}">Latest self-diagnostic: {result.overall_score:.0f}/100' in page
    assert f'href="{history_link}"' in page and start_link in page

    for reader in (AgencyStaffFactory(), CoachAssignmentFactory(organisation=organisation).coach):
        client.force_login(reader)
        page = _links(client, organisation)
        assert f'href="{result_link}"' in page and f'href="{history_link}"' in page
        assert start_link not in page

    client.force_login(UserFactory())
    assert client.get(organisation.get_absolute_url()).status_code == 404


def test_the_page_reads_a_fixed_number_of_queries(
    client, organisation_with_result, django_assert_max_num_queries
):
    organisation = organisation_with_result.organisation
    for _ in range(5):
        MembershipFactory(organisation=organisation)
        CoachAssignmentFactory(organisation=organisation)
    client.force_login(organisation_with_result.user)
    # 10 with sessions in the database alone (no REDIS_URL), 9 with the cache in front: the
    # session, the user, the organisation, its members (2), its latest result, its coaching
    # enrolments, its invitations, its coaches and their areas.
    with django_assert_max_num_queries(10):
        assert client.get(organisation.get_absolute_url()).status_code == 200


def test_registering_an_organisation_is_not_taken_for_an_organisation_page(client):
    """network's "organisations/new/" comes before the top floor's "organisations/<slug>/"."""
    client.force_login(UserFactory())
    response = client.get(reverse("network:organisation_create"))
    assert response.status_code == 200
    assert "form" in response.context and "members" not in response.context
