"""Query counts of the pages that list or compose data: the same bound with one row and with
several (results, respondents, members, coaches), so that no page runs a query per row.

Measured with the cache emptied before each page (the benchmark and the session read from
the database): the most a page costs. The bounds are the counts measured when they were
written plus a margin of three.
"""

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils.html import escape

from diagnostic import services
from diagnostic.models import Questionnaire
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db

# page: most queries (measured with 1 and with 6 rows: results 9/10, organisation_result
# 10/11 — six peers make the benchmark show —, history 7/7, campaign 8/8, organisation 9/9).
MOST = {"results": 13, "organisation_result": 14, "history": 10, "campaign": 11, "organisation": 12}
# The diagnostic's start page lists the user's drafts, with their answers, and submitted
# diagnostics: 6 with 1 and with 6 rows.
MOST["start"] = 8


def _organisation(size: int):
    """An organisation with `size` members, each of whom submitted a diagnostic for it (its
    history has `size` results), a campaign that all of them answered, `size` coaches, and
    `size` similar organisations with a result each (from five on, the benchmark shows)."""
    Questionnaire.current()
    admin = MembershipFactory(role="admin")
    organisation = admin.organisation
    members = [admin] + [MembershipFactory(organisation=organisation) for _ in range(size - 1)]
    for rank, membership in enumerate(members):
        own = services.assessment_start(respondent=membership.user, organisation=organisation)
        services.assessment_submit(assessment=answer_everything(own, rank=rank % 5))
    for _ in range(size):
        peer = MembershipFactory(role="admin")  # same sector, size and province
        own = services.assessment_start(respondent=peer.user, organisation=peer.organisation)
        services.assessment_submit(assessment=answer_everything(own))
        CoachAssignmentFactory(organisation=organisation)
    campaign = services.campaign_open(organisation=organisation, opened_by=admin.user)
    for rank, membership in enumerate(members):
        if membership is admin:
            assessment = campaign.assessments.get(respondent=admin.user)
        else:
            assessment = services.assessment_start(campaign=campaign, respondent=membership.user)
        services.assessment_submit(assessment=answer_everything(assessment, rank=rank % 5))
    return admin, members, campaign


@pytest.mark.parametrize("size", [1, 6])
def test_pages_cost_the_same_queries_with_one_row_or_several(
    client, size, django_assert_max_num_queries
):
    admin, members, campaign = _organisation(size)
    organisation = admin.organisation
    results = list(organisation.results.filter(campaign=None))
    latest = organisation.results.get(is_latest=True)
    own = admin.user.assessments.filter(campaign=None).get()
    slug = organisation.slug
    pages = {
        "results": reverse("diagnostic:results", kwargs={"uuid": own.uuid}),
        "organisation_result": reverse(
            "diagnostic:organisation_result", kwargs={"slug": slug, "pk": latest.pk}
        ),
        "history": reverse("diagnostic:organisation_history", kwargs={"slug": slug}),
        "campaign": reverse("diagnostic:campaign_detail", kwargs={"slug": slug, "pk": campaign.pk}),
        "organisation": reverse("network:organisation_detail", kwargs={"slug": slug}),
        "start": reverse("diagnostic:start"),
    }
    client.force_login(admin.user)
    content = {}
    for name, url in pages.items():
        client.get(url)  # the questionnaire's structure is read once per process
        cache.clear()
        with django_assert_max_num_queries(MOST[name]):
            response = client.get(url)
        assert response.status_code == 200, name
        content[name] = response.content.decode()

    # Every row is on its page.
    assert len(results) == size
    for result in results:
        url = reverse("diagnostic:organisation_result", kwargs={"slug": slug, "pk": result.pk})
        assert url in content["history"]
    for membership in members:
        name = escape(membership.user.display_name)
        assert name in content["campaign"]
        assert name in content["organisation"]
    for assignment in organisation.coach_assignments.select_related("coach"):
        assert escape(assignment.coach.display_name) in content["organisation"]
