"""The peer benchmark: the latest result of each other organisation of the group recorded
with the result, widened step by step when that group has fewer than five, cached until a
result or a profile changes."""

import pytest
from django.urls import reverse

from diagnostic import selectors, services
from diagnostic.selectors import PeerProfile, benchmark_for, benchmark_of_result
from digitalees.db import interpolated_percentile
from network import services as network_services
from network.models import Organisation
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

POSTCODES = {"NA": "5000", "LG": "4000", "HT": "7000", "LX": "6700", "BW": "1300"}


def _result_for(organisation, rank):
    user = MembershipFactory(organisation=organisation).user
    draft = services.assessment_start(respondent=user, organisation=organisation)
    return services.assessment_submit(assessment=answer_everything(draft, rank=rank)).result


def _organisations(count, sector="food", size_band="5-9", province="NA"):
    return [
        OrganisationFactory(
            sector=sector, size_band=size_band, province=province, postcode=POSTCODES[province]
        )
        for _ in range(count)
    ]


def _quartiles(scores):
    ordered = sorted(scores)
    return tuple(interpolated_percentile(ordered, f) for f in (0.25, 0.5, 0.75))


def test_quartiles_of_the_latest_result_of_each_other_organisation_from_five(
    questionnaire, django_capture_on_commit_callbacks
):
    peers = _organisations(6)
    with django_capture_on_commit_callbacks(execute=True):
        results = [_result_for(org, rank) for org, rank in zip(peers, range(5), strict=False)]
    # The first one sees four others: fewer than five, even in all of Wallonia.
    benchmark = benchmark_of_result(results[0])
    assert (benchmark.overall, benchmark.scope, benchmark.count) == (None, None, 4)
    assert benchmark.dimensions == {}

    with django_capture_on_commit_callbacks(execute=True):
        results.append(_result_for(peers[5], 4))
        # An older result of the same organisation does not count: only its latest.
        results[1] = _result_for(peers[1], 0)
    benchmark = benchmark_of_result(results[0])
    assert (benchmark.scope, benchmark.count) == ("exact", 5)
    others = [r.overall_score for r in results[1:]]
    assert benchmark.overall == pytest.approx(_quartiles(others))
    assert set(benchmark.dimensions) == set(
        results[0].scores.values_list("dimension_code", flat=True)
    )
    dimension = next(iter(benchmark.dimensions))
    assert benchmark.dimensions[dimension] == pytest.approx(
        _quartiles([r.scores.get(dimension_code=dimension).score for r in results[1:]])
    )


def test_an_organisations_own_results_never_move_its_benchmark(
    questionnaire, django_capture_on_commit_callbacks
):
    peers = _organisations(6)
    with django_capture_on_commit_callbacks(execute=True):
        first = _result_for(peers[0], 0)
        for rank, organisation in enumerate(peers[1:]):
            _result_for(organisation, rank)
    before = benchmark_of_result(first)
    assert before.count == 5

    with django_capture_on_commit_callbacks(execute=True):
        second = _result_for(peers[0], 4)  # its own members submit again
    assert benchmark_of_result(first) == before
    assert benchmark_of_result(second).overall == before.overall
    # Another organisation of the group sees its latest result, once.
    seen_by_other = benchmark_of_result(peers[1].results.get())
    assert seen_by_other.count == 5
    assert seen_by_other.overall[2] >= before.overall[2]


def test_a_campaign_counts_once_however_many_answered(
    questionnaire, django_capture_on_commit_callbacks
):
    organisations = _organisations(5)
    with django_capture_on_commit_callbacks(execute=True):
        for organisation in organisations[1:]:
            _result_for(organisation, 2)
        admin = MembershipFactory(organisation=organisations[0], role="admin").user
        campaign = services.campaign_open(organisation=organisations[0], opened_by=admin)
        services.assessment_submit(assessment=answer_everything(campaign.assessments.get(), rank=1))
        for rank in range(3):
            user = MembershipFactory(organisation=organisations[0]).user
            assessment = services.assessment_start(campaign=campaign, respondent=user)
            services.assessment_submit(assessment=answer_everything(assessment, rank=rank))
    assert campaign.result.respondents == 4
    newcomer = PeerProfile("food", "5-9", "NA")  # an organisation without a result yet
    assert benchmark_for(newcomer).count == 5
    # A respondent's own page is compared without their organisation: four others.
    respondent_page = selectors.result_figures(assessment=campaign.assessments.first())
    assert respondent_page.benchmark.count == 4


def test_the_group_widens_step_by_step_until_five_others(
    client, questionnaire, django_capture_on_commit_callbacks
):
    [target] = _organisations(1, "culture", "10-19", "HT")
    others = {
        "exact": _organisations(2, "culture", "10-19", "HT"),
        "size": _organisations(2, "culture", "10-19", "LG"),
        "sector": _organisations(2, "culture", "1-4", "HT"),
        "elsewhere": _organisations(4, "food", "10-19", "HT"),
    }
    with django_capture_on_commit_callbacks(execute=True):
        result = _result_for(target, 2)
        scores = {
            name: [_result_for(org, rank).overall_score for rank, org in enumerate(group)]
            for name, group in others.items()
        }
    # Two of the same group, four of the same sector and size: six of the same sector.
    benchmark = benchmark_of_result(result)
    assert (benchmark.scope, benchmark.count) == ("sector", 6)
    assert benchmark.overall == pytest.approx(
        _quartiles(scores["exact"] + scores["size"] + scores["sector"])
    )

    client.force_login(MembershipFactory(organisation=target, role="admin").user)
    client.cookies["django_language"] = "en"
    url = reverse("diagnostic:organisation_result", kwargs={"slug": target.slug, "pk": result.pk})
    page = client.get(url).content.decode()
    assert (
        "Fewer than five other EES of the same sector and size have a result: compared with "
        "the latest result of 6 EES of the same sector in Wallonia (Culture, sport and leisure)."
    ) in page
    assert "Median of 6 similar EES" in page
    assert "Your organisation is not counted among them." in page

    with django_capture_on_commit_callbacks(execute=True):
        _result_for(_organisations(1, "culture", "10-19", "NA")[0], 3)
    benchmark = benchmark_of_result(result)
    assert (benchmark.scope, benchmark.count) == ("wallonia", 5)
    page = client.get(url).content.decode()
    assert (
        "compared with the latest result of 5 EES of the same sector and size in Wallonia "
        "(Culture, sport and leisure · 10 to 19 staff)."
    ) in page

    with django_capture_on_commit_callbacks(execute=True):
        for organisation in _organisations(3, "culture", "10-19", "HT"):
            _result_for(organisation, 1)
    benchmark = benchmark_of_result(result)
    assert (benchmark.scope, benchmark.count) == ("exact", 5)
    assert (
        "Compared with the latest result of 5 EES of the same sector, size and province "
        "(Culture, sport and leisure · 10 to 19 staff · Hainaut)."
    ) in client.get(url).content.decode()


def test_a_lone_sector_is_compared_with_every_ees(
    questionnaire, django_capture_on_commit_callbacks
):
    [alone] = _organisations(1, "environment", "50-99", "LX")
    with django_capture_on_commit_callbacks(execute=True):
        result = _result_for(alone, 2)
        scores = [
            _result_for(org, rank).overall_score for rank, org in enumerate(_organisations(5))
        ]
    benchmark = benchmark_of_result(result)
    assert (benchmark.scope, benchmark.count, benchmark.criteria) == ("all", 5, "")
    assert benchmark.overall == pytest.approx(_quartiles(scores))
    assert benchmark.note.startswith("Fewer than five other EES of the same sector")


def test_a_personal_diagnostic_is_compared_with_every_ees_and_is_not_one_of_them(
    client, questionnaire, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        scores = [
            _result_for(org, rank).overall_score for rank, org in enumerate(_organisations(4))
        ]
    draft = services.assessment_start(respondent=None)
    services.assessment_submit(assessment=answer_everything(draft, rank=4))
    figures = selectors.result_figures(assessment=draft)
    assert (figures.benchmark.overall, figures.benchmark.count) == (None, 4)

    with django_capture_on_commit_callbacks(execute=True):
        scores.append(_result_for(_organisations(1, "culture")[0], 0).overall_score)
    figures = selectors.result_figures(assessment=draft)
    assert (figures.benchmark.scope, figures.benchmark.count) == ("all", 5)
    assert figures.benchmark.overall == pytest.approx(_quartiles(scores))
    session = client.session
    session["diagnostic_visitor_keys"] = [draft.visitor_key]
    session.save()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("diagnostic:results", kwargs={"uuid": draft.uuid}))
    assert page.status_code == 200
    assert "Compared with the latest result of 5 EES of every sector in Wallonia" in (
        page.content.decode()
    )

    # Kept for an organisation, it becomes one of the EES, never its own peer.
    user = MembershipFactory(organisation=_organisations(1)[0]).user
    with django_capture_on_commit_callbacks(execute=True):
        claimed = services.assessment_claim(
            assessment=draft, user=user, organisation=user.organisations.get()
        )
    own = selectors.result_figures(assessment=claimed).benchmark
    # Four other food organisations of Namur, and one of culture: all EES, itself left out.
    assert (own.scope, own.count) == ("all", 5)
    assert benchmark_for(PeerProfile()).count == 6  # a newcomer sees it among all


def test_past_results_keep_the_group_recorded_with_them(
    questionnaire, django_capture_on_commit_callbacks
):
    liege = _organisations(6, province="LG")
    namur = _organisations(5, province="NA")
    with django_capture_on_commit_callbacks(execute=True):
        for organisation in liege + namur:
            _result_for(organisation, 2)
    moving = Organisation.objects.get(pk=liege[5].pk)
    past = moving.results.get()
    assert (past.province, benchmark_of_result(past).count) == ("LG", 5)
    namur_view = benchmark_of_result(namur[0].results.get())
    assert (namur_view.scope, namur_view.count) == ("wallonia", 10)  # with Liège's six

    # It grows (and its address was wrong), through the profile's service.
    with django_capture_on_commit_callbacks(execute=True):
        network_services.organisation_update(
            organisation=moving, province="NA", postcode="5100", size_band="10-19"
        )
    # Its past result keeps its group, and the benchmark it had.
    past.refresh_from_db()
    assert (past.province, past.size_band) == ("LG", "5-9")
    benchmark = benchmark_of_result(past)
    assert (benchmark.scope, benchmark.count) == ("exact", 5)
    # So does the page of the assessment that made it, loaded with it or not.
    loaded = selectors.with_result().get(pk=past.assessment_id)
    for assessment in (loaded, past.assessment):
        assert selectors.result_figures(assessment=assessment).benchmark == benchmark
    # The others see it where it is now: no longer among Liège's 5-9, not among Namur's.
    assert benchmark_of_result(liege[0].results.get()).scope == "wallonia"
    assert benchmark_of_result(namur[0].results.get()).count == 9
    # Its next result records the new profile.
    with django_capture_on_commit_callbacks(execute=True):
        new = _result_for(moving, 3)
    assert (new.sector, new.size_band, new.province) == ("food", "10-19", "NA")


def test_the_cached_benchmark_is_fresh_after_each_write(
    questionnaire, django_capture_on_commit_callbacks, django_assert_num_queries
):
    peers = _organisations(7)
    with django_capture_on_commit_callbacks(execute=True):
        first = _result_for(peers[0], 0)
        for rank, organisation in enumerate(peers[1:6]):
            _result_for(organisation, rank)
    before = benchmark_of_result(first)
    assert before.count == 5
    with django_assert_num_queries(0):  # read from the cache
        assert benchmark_of_result(first) == before

    with django_capture_on_commit_callbacks(execute=True):
        _result_for(peers[6], 4)
    after = benchmark_of_result(first)
    assert after.count == 6
    assert after.overall[2] > before.overall[2]  # a second best joined: q3 rises

    # A result of another group leaves this one's cached (it shows its own group), not
    # that of a group widened to every EES, which holds it.
    [alone] = _organisations(1, "environment", "50-99", "LX")
    with django_capture_on_commit_callbacks(execute=True):
        lone = _result_for(alone, 2)
    widened = benchmark_of_result(lone)
    assert (widened.scope, widened.count) == ("all", 7)
    with django_capture_on_commit_callbacks(execute=True):
        _result_for(_organisations(1, "culture")[0], 1)
    with django_assert_num_queries(0):
        assert benchmark_of_result(first) == after
    assert benchmark_of_result(lone).count == 8

    # A profile change moves an organisation out of the group at once.
    with django_capture_on_commit_callbacks(execute=True):
        network_services.organisation_update(organisation=peers[6], sector="culture")
    assert benchmark_of_result(first) == before
    assert benchmark_of_result(lone).count == 8  # still one of every EES
