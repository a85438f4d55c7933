"""Perception gaps: a campaign's respondents who see a dimension very differently (a
spread of scoring.PERCEPTION_GAP_FROM points or more) are pointed out on the results page
and in the PDF's figures, with a recommendation to talk about it."""

import pytest
from django.urls import reverse
from django.utils import translation

from diagnostic import selectors, services
from diagnostic.models import Report, ResultScore
from diagnostic.reports import services as reports
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


GAP_TEXT = "Your team does not see this dimension the same way"


def _campaign_result(ranks=(4, 4)):
    admin = MembershipFactory(role="admin")
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    services.assessment_submit(
        assessment=answer_everything(campaign.assessments.get(), rank=ranks[0])
    )
    for rank in ranks[1:]:
        user = MembershipFactory(organisation=admin.organisation).user
        assessment = services.assessment_start(campaign=campaign, respondent=user)
        services.assessment_submit(assessment=answer_everything(assessment, rank=rank))
    return admin, campaign.result


def _spreads(result, **spreads):
    """Set the named dimensions' spreads, the others' to zero (the edges of the rule)."""
    ResultScore.objects.filter(result=result).update(spread=0)
    for code, spread in spreads.items():
        ResultScore.objects.filter(result=result, dimension_code=code).update(spread=spread)


def test_a_gap_from_the_threshold_is_marked_and_recommended(questionnaire):
    admin, result = _campaign_result()
    codes = list(result.scores.values_list("dimension_code", flat=True))
    below, at, above = codes[:3]
    _spreads(result, **{below: 24.9, at: 25.0, above: 40.0})

    figures = selectors.result_figures(result=result)
    marked = {row["dimension"].code for row in figures.rows if row["perception_gap"]}
    assert marked == {at, above}
    assert figures.has_perception_gap
    # Every dimension scores well here: the only recommendations are the gaps, widest first.
    assert [item["dimension"].code for item in figures.recommendations] == [above, at]
    assert all(item["perception_gap"] and not item["text"] for item in figures.recommendations)
    assert "40 points" in figures.recommendations[0]["gap_text"]
    assert GAP_TEXT in figures.recommendations[1]["gap_text"]


def test_a_weak_dimension_with_a_gap_gets_both_recommendations(questionnaire):
    admin, result = _campaign_result(ranks=(0, 1))
    weakest = selectors.result_figures(result=result).recommendations[0]["dimension"].code
    _spreads(result, **{weakest: 30.0})

    figures = selectors.result_figures(result=result)
    first, *others = figures.recommendations
    assert first["dimension"].code == weakest
    assert first["text"] and first["resources"] is not None
    assert GAP_TEXT in first["gap_text"] and "30 points" in first["gap_text"]
    assert not any(item["gap_text"] for item in others)
    assert len(figures.recommendations) == 3  # the gap adds no item for a weak dimension


def test_no_gap_below_the_threshold_and_none_for_one_respondent(questionnaire):
    admin, result = _campaign_result()
    _spreads(result, **dict.fromkeys(result.scores.values_list("dimension_code", flat=True), 24.9))
    figures = selectors.result_figures(result=result)
    assert not figures.has_perception_gap and figures.recommendations == []

    admin, single = _campaign_result(ranks=(0,))
    assert single.respondents == 1
    assert not selectors.result_figures(result=single).has_perception_gap


def test_the_page_and_the_pdf_say_it_in_words_not_only_in_colour(client, questionnaire):
    admin, result = _campaign_result()
    code = result.scores.first().dimension_code
    _spreads(result, **{code: 35.0})
    client.force_login(admin.user)
    url = reverse(
        "diagnostic:organisation_result",
        kwargs={"slug": result.organisation.slug, "pk": result.pk},
    )

    client.cookies["django_language"] = "en"
    page = client.get(url).content.decode()
    # In the table and on the recommendation, in words beside the colour.
    assert page.count('<span aria-hidden="true">⚠</span> large gap') == 2
    assert f"{GAP_TEXT} (35 points between the highest and the lowest score)" in page
    assert "A gap of 25 points or more is marked “large gap”" in page
    pdf = reports.report_html(Report.objects.create(result=result, language="en"))
    assert pdf.count("⚠ large gap") == 2 and GAP_TEXT in pdf

    client.cookies["django_language"] = "fr"
    page = client.get(url).content.decode()
    assert "écart important" in page
    assert "Votre équipe ne voit pas cette dimension de la même façon" in page
    assert "parlez-en ensemble" in page
