import pytest
from django.urls import reverse

from diagnostic import selectors, services
from network import services as network_services
from network.models import Organisation
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def _result_for(organisation, rank):
    user = MembershipFactory(organisation=organisation).user
    draft = services.assessment_start(respondent=user, organisation=organisation)
    return services.assessment_submit(assessment=answer_everything(draft, rank=rank)).result


def test_quartiles_of_the_latest_result_of_each_peer_and_only_from_five(
    questionnaire, django_capture_on_commit_callbacks
):
    group = {"sector": "food", "size_band": "5-9", "province": "NA"}
    peers = [OrganisationFactory(**group) for _ in range(5)]
    OrganisationFactory(sector="food", size_band="5-9", province="LG")  # another province
    with django_capture_on_commit_callbacks(execute=True):
        scores = [
            _result_for(org, rank).overall_score for org, rank in zip(peers, range(4), strict=False)
        ]
    assert selectors.benchmark_for(peers[0]).overall is None  # four organisations
    assert selectors.benchmark_for(peers[0]).count == 4

    with django_capture_on_commit_callbacks(execute=True):
        scores.append(_result_for(peers[4], 4).overall_score)
        # An older result of the same organisation does not count: only its latest.
        _result_for(peers[0], 4)
    scores[0] = peers[0].results.get(is_latest=True).overall_score
    benchmark = selectors.benchmark_for(peers[1])
    assert benchmark.count == 5
    ordered = sorted(scores)
    q1, median, q3 = benchmark.overall
    assert median == pytest.approx(ordered[2])
    assert q1 == pytest.approx(ordered[1]) and q3 == pytest.approx(ordered[3])
    assert set(benchmark.dimensions) == set(
        peers[0].results.first().scores.values_list("dimension_code", flat=True)
    )


def test_a_committed_result_refreshes_its_group_for_the_next_readers(
    questionnaire, django_capture_on_commit_callbacks, django_assert_num_queries
):
    group = {"sector": "culture", "size_band": "10-19", "province": "HT"}
    peers = [OrganisationFactory(**group) for _ in range(6)]
    with django_capture_on_commit_callbacks(execute=True):
        for rank, organisation in enumerate(peers[:5]):
            _result_for(organisation, rank)
    before = selectors.benchmark_for(peers[0])
    assert before.count == 5

    with django_capture_on_commit_callbacks(execute=True):
        _result_for(peers[5], 4)
    with django_assert_num_queries(0):  # computed when the result committed
        after = selectors.benchmark_for(peers[0])
    assert after.count == 6
    assert after.overall[2] > before.overall[2]  # a second best joined: q3 rises


def test_an_organisation_that_moves_leaves_one_group_for_the_other(
    questionnaire, django_capture_on_commit_callbacks
):
    liege = [OrganisationFactory(province="LG", postcode="4000") for _ in range(5)]
    namur = [OrganisationFactory(province="NA", postcode="5000") for _ in range(4)]
    with django_capture_on_commit_callbacks(execute=True):
        for organisation in liege + namur:
            _result_for(organisation, 2)
    assert selectors.benchmark_for(liege[0]).count == 5
    assert selectors.benchmark_for(namur[0]).overall is None  # four: not shown

    # One of Liège moves to Namur (its address was wrong), through the profile's service.
    moving = Organisation.objects.get(pk=liege[4].pk)
    with django_capture_on_commit_callbacks(execute=True):
        network_services.organisation_update(organisation=moving, province="NA", postcode="5100")

    assert selectors.benchmark_for(liege[0]).count == 4
    assert selectors.benchmark_for(liege[0]).overall is None
    assert selectors.benchmark_for(namur[0]).count == 5
    assert selectors.benchmark_for(moving).overall is not None


def test_a_submission_changes_the_benchmark_the_next_results_page_shows(
    client, questionnaire, django_capture_on_commit_callbacks
):
    group = {"sector": "culture", "size_band": "10-19", "province": "LX"}
    peers = [OrganisationFactory(**group) for _ in range(6)]
    with django_capture_on_commit_callbacks(execute=True):
        first = _result_for(peers[0], 1)
        for rank, organisation in enumerate(peers[1:4]):
            _result_for(organisation, rank)
    admin = MembershipFactory(organisation=peers[0], role="admin").user
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    url = reverse("diagnostic:organisation_result", kwargs={"slug": peers[0].slug, "pk": first.pk})
    page = client.get(url).content.decode()  # the group's benchmark is now in the cache
    assert "appears once at least five organisations" in page

    with django_capture_on_commit_callbacks(execute=True):
        _result_for(peers[4], 4)
    page = client.get(url).content.decode()
    assert "Compared with the latest result of 5 EES" in page
    median = selectors.benchmark_for(peers[0]).overall[1]
    assert f"Median of 5 similar EES: {median:.0f}" in page

    with django_capture_on_commit_callbacks(execute=True):
        _result_for(peers[5], 4)
    assert "Compared with the latest result of 6 EES" in client.get(url).content.decode()
