from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from diagnostic.models import Answer, Assessment, DimensionScore, Result, ResultScore
from diagnostic.selectors import benchmark_of_result
from digitalees.models import User
from network.demo import PILOTS, enterprise_number
from network.models import Membership, Organisation
from network.validators import postcode_matches_province

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            User,
            Membership,
            Assessment,
            Answer,
            Answer.choices.through,
            DimensionScore,
            Result,
            ResultScore,
        )
    }


def test_seed_demo_adds_diagnostics_once_and_pilots_see_a_benchmark(settings, client):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = _counts()
    call_command("seed_demo")
    assert _counts() == counts

    with_results = Organisation.objects.filter(results__isnull=False).distinct()
    assert with_results.count() >= 300
    assert not Assessment.objects.drafts().exists()
    # One latest result per organisation, its scores flagged alike.
    assert Result.objects.filter(is_latest=True).count() == with_results.count()
    assert ResultScore.objects.filter(is_latest=True).count() == 8 * with_results.count()
    assert not ResultScore.objects.exclude(is_latest=F("result__is_latest")).exists()
    # Scores spread over the four levels; bigger organisations score a bit higher.
    latest = Result.objects.filter(is_latest=True)
    assert set(latest.values_list("level", flat=True)) == {1, 2, 3, 4}
    assert _mean(latest.filter(organisation__size_band__in=["20-49", "50-99", "100-249"])) > (
        _mean(latest.filter(organisation__size_band__in=["0", "1-4"]))
    )
    for organisation in Organisation.objects.all():
        organisation.full_clean()
        assert postcode_matches_province(organisation.postcode, organisation.province)
    pilot_numbers = {enterprise_number(p[1]) for p in PILOTS}
    generated = Organisation.objects.exclude(enterprise_number__in=pilot_numbers)
    assert generated.count() >= 300
    assert generated.values("sector").distinct().count() == len(Organisation.Sector.values)
    assert generated.values("province").distinct().count() == 5
    assert generated.values("size_band").distinct().count() == len(Organisation.SizeBand.values)
    assert generated.values("legal_form").distinct().count() >= 6

    pilots = list(Organisation.objects.filter(enterprise_number__in=pilot_numbers))
    assert len(pilots) == 15
    with_benchmark = []
    first = Organisation.objects.get(enterprise_number=enterprise_number(PILOTS[0][1]))
    for pilot in pilots:
        before, after = pilot.results.filter(campaign=None).order_by("created_at")
        assert (before.is_latest, after.is_latest) == (False, pilot != first)
        assert after.overall_score > before.overall_score
        assert timedelta(days=300) < after.created_at - before.created_at < timedelta(days=400)
        assert timezone.now() - after.created_at < timedelta(days=60)
        assert after.assessment.respondent.memberships.filter(organisation=pilot).exists()
        # Every pilot is compared with others: most with its own group (its fictional
        # peers), the rest with a wider one; never with itself.
        latest = pilot.results.get(is_latest=True)
        benchmark = benchmark_of_result(latest)
        assert benchmark.overall is not None
        if benchmark.scope == "exact":
            others = (
                Result.objects.filter(
                    is_latest=True,
                    organisation__sector=latest.sector,
                    organisation__size_band=latest.size_band,
                    organisation__province=latest.province,
                )
                .exclude(organisation=pilot)
                .count()
            )
            assert benchmark.count == others
            with_benchmark.append(pilot)
    assert len(with_benchmark) >= 5

    pilot = with_benchmark[0]
    admin = pilot.memberships.get(role="admin", user__email__startswith="admin.").user
    client.force_login(admin)
    client.cookies["django_language"] = "en"
    latest_result = pilot.results.get(is_latest=True)
    response = client.get(
        reverse(
            "diagnostic:organisation_result", kwargs={"slug": pilot.slug, "pk": latest_result.pk}
        )
    )
    content = response.content.decode()
    assert response.status_code == 200
    benchmark = benchmark_of_result(latest_result)
    assert f"Median of {benchmark.count} similar EES" in content
    assert (
        f"Compared with the latest result of {benchmark.count} EES of the same sector, "
        "size and province"
    ) in content
    assert "Median of similar EES" in content  # the radar's dashed series
    history = client.get(
        reverse("diagnostic:organisation_history", kwargs={"slug": pilot.slug})
    ).content.decode()
    assert history.count(f"/results/{latest_result.pk}/") >= 1

    # The first pilot's team answered a campaign together: its latest result shows how
    # differently they see each dimension.
    campaign = first.campaigns.get()
    assert campaign.is_open
    assert campaign.assessments.submitted().count() == campaign.assessments.count() == 3
    latest_result = first.results.get(is_latest=True)
    assert latest_result.campaign == campaign and latest_result.respondents == 3
    assert all(score.spread is not None for score in latest_result.scores.all())
    assert any(score.spread > 0 for score in latest_result.scores.all())
    client.force_login(first.memberships.get(role="admin").user)
    content = client.get(
        reverse(
            "diagnostic:organisation_result", kwargs={"slug": first.slug, "pk": latest_result.pk}
        )
    ).content.decode()
    assert "your team sees this dimension differently" in content


def _mean(results):
    scores = list(results.values_list("overall_score", flat=True))
    return sum(scores) / len(scores)
