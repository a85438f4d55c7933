"""The agency's view of every submitted diagnostic: filters, aggregates, CSV export."""

import csv
import datetime
import io
import re
import time
from statistics import fmean, median
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from diagnostic.models import Assessment, Campaign, DimensionScore, Result
from diagnostic.services import assessment_start, assessment_submit
from diagnostic.staff import selectors as staff_selectors
from tests.conftest import agency_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachFactory, MembershipFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = reverse("diagnostic_staff:assessment_list")
EXPORT = reverse("diagnostic_staff:assessment_export")
BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.fixture
def staff(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(agency_with_mfa())
    client.cookies["django_language"] = "en"  # the assertions below read English text
    return client


@pytest.fixture
def dimensions(questionnaire):
    return list(questionnaire.dimensions.order_by("position"))


def _submit(organisation=None, *, rank=4, at=None):
    """A diagnostic answered through the services, as a member (or a visitor without
    organisation) would; `at` moves its submission date."""
    respondent = MembershipFactory(organisation=organisation).user if organisation else None
    assessment = assessment_start(respondent=respondent, organisation=organisation)
    assessment = assessment_submit(assessment=answer_everything(assessment, rank=rank))
    if at is not None:
        Assessment.objects.filter(pk=assessment.pk).update(submitted_at=at)
        assessment.refresh_from_db()
    return assessment


def _row(questionnaire, dimensions, organisation, scores, *, at=None, level=2):
    """A submitted assessment written directly with the given dimension scores (fast, and
    the figures are known by hand)."""
    values = [scores.get(d.code, 50.0) for d in dimensions]
    assessment = Assessment.objects.create(
        questionnaire=questionnaire,
        organisation=organisation,
        status=Assessment.Status.SUBMITTED,
        submitted_at=at or timezone.now(),
        overall_score=round(fmean(values), 1),
        level=level,
    )
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=assessment, dimension=d, score=v)
        for d, v in zip(dimensions, values, strict=True)
    )
    return assessment


def _names(response):
    return [a.organisation.name if a.organisation else None for a in response.context["page"]]


def _listed(response):
    """The assessments the list shows, in its order."""
    return [a.pk for a in response.context["page"]]


def _pks(*assessments):
    return [assessment.pk for assessment in assessments]


def _csv(response):
    assert response.streaming
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.reader(io.StringIO(body[1:])))


# --- the list and its filters -------------------------------------------------------------


def test_staff_sees_every_submitted_diagnostic_newest_first(staff, questionnaire):
    older = _submit(OrganisationFactory(), at=timezone.now() - datetime.timedelta(days=2))
    newer = _submit(OrganisationFactory())
    visitor = _submit(None, rank=1, at=timezone.now() - datetime.timedelta(days=1))
    assessment_start(organisation=OrganisationFactory())  # a draft: not listed

    response = staff.get(LIST)

    assert response.status_code == 200
    assert _listed(response) == _pks(newer, visitor, older)
    content = response.content.decode()
    # Each row links to its result: the organisation's, or the agency's view of a visitor's.
    older_result = reverse(
        "diagnostic:organisation_result", args=[older.organisation.slug, older.result.pk]
    )
    assert f'<a href="{older_result}">{older.organisation.name}</a>' in content
    visitor_result = reverse("diagnostic_staff:assessment_result", args=[visitor.uuid])
    assert f'<a href="{visitor_result}">Visitor\'s diagnostic</a>' in content
    assert "<td>Visitor</td>" in content
    assert "3 diagnostics" in content
    assert "<caption>" in content and 'scope="col"' in content and 'scope="row"' in content


def test_province_filter_narrows_the_list(staff, questionnaire):
    namur = _submit(OrganisationFactory(province="NA"))
    _submit(OrganisationFactory(province="LG"))
    _submit(None)  # a visitor has no province

    response = staff.get(LIST, {"province": "NA"})

    assert _listed(response) == _pks(namur)
    assert response.context["figures"].overall["count"] == 1


def test_sector_and_legal_form_filters_narrow_the_list(staff, questionnaire):
    food = _submit(OrganisationFactory(sector="food", legal_form="scees"))
    _submit(OrganisationFactory(sector="food", legal_form="asbl"))
    _submit(OrganisationFactory(sector="culture", legal_form="scees"))

    response = staff.get(LIST, {"sector": "food", "legal_form": "scees"})

    assert _listed(response) == _pks(food)


def test_level_filter_narrows_the_list(staff, questionnaire):
    starting = _submit(OrganisationFactory(), rank=0)
    integrated = _submit(OrganisationFactory(), rank=4)
    assert (starting.level, integrated.level) == (1, 4)

    assert _listed(staff.get(LIST, {"level": "1"})) == _pks(starting)
    assert _listed(staff.get(LIST, {"level": "4"})) == _pks(integrated)
    assert _listed(staff.get(LIST, {"level": "3"})) == _pks()


def test_period_filter_counts_brussels_days_end_date_included(staff, questionnaire):
    # 31 March 2025, 22:30 UTC is already 1 April, 00:30 in Brussels (summer time).
    first_of_april = _submit(
        OrganisationFactory(), at=datetime.datetime(2025, 3, 31, 22, 30, tzinfo=datetime.UTC)
    )
    thirtieth_of_april = _submit(
        OrganisationFactory(), at=datetime.datetime(2025, 4, 30, 23, 59, tzinfo=BRUSSELS)
    )
    march = _submit(OrganisationFactory(), at=datetime.datetime(2025, 3, 31, 12, tzinfo=BRUSSELS))
    _submit(OrganisationFactory(), at=datetime.datetime(2025, 5, 1, 0, 0, tzinfo=BRUSSELS))

    april = staff.get(LIST, {"submitted_from": "2025-04-01", "submitted_until": "2025-04-30"})
    assert _listed(april) == _pks(thirtieth_of_april, first_of_april)

    until_march = staff.get(LIST, {"submitted_until": "2025-03-31"})
    assert _listed(until_march) == _pks(march)


def test_filter_form_is_accessible_and_pagination_keeps_the_filters(
    staff, questionnaire, dimensions
):
    organisation = OrganisationFactory(province="LX")
    for _ in range(51):
        _row(questionnaire, dimensions, organisation, {})

    response = staff.get(LIST, {"province": "LX", "submitted_from": "2000-01-01"})

    content = response.content.decode()
    assert 'method="get"' in content
    for name in ("sector", "province", "legal_form", "level", "submitted_from", "submitted_until"):
        assert f'for="id_{name}"' in content
    assert 'type="date"' in content
    assert len(response.context["page"]) == 25
    assert "province=LX&amp;submitted_from=2000-01-01&amp;page=2" in content
    last = staff.get(LIST, {"province": "LX", "submitted_from": "2000-01-01", "page": 3})
    assert len(last.context["page"]) == 1


def test_rows_are_written_in_the_reader_language(client, questionnaire, dimensions):
    organisation = OrganisationFactory(
        name="Les Jardins de Namur", sector="food", province="NA", legal_form="scees"
    )
    assessment = _row(
        questionnaire,
        dimensions,
        organisation,
        {},
        at=datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC),  # 1 April in Brussels
        level=3,
    )
    Assessment.objects.filter(pk=assessment.pk).update(overall_score=62.46)
    _row(questionnaire, dimensions, None, {}, level=1)  # a visitor's
    client.force_login(agency_with_mfa())

    french = client.get(LIST).content.decode()
    assert '<time datetime="2025-04-01T01:30:00+02:00">01/04/2025</time>' in french
    staff_result = reverse("diagnostic_staff:assessment_result", args=[assessment.uuid])
    assert f'<a href="{staff_result}">Les Jardins de Namur</a>' in french
    for text in (
        "Alimentation et circuits courts",
        "Coopérative agréée comme entreprise sociale",
        "<td>Namur</td>",
        '<td class="text-end">62,5</td>',
        "<td>3 – Structuré</td>",
        "<td>Visiteur</td>",
        "<td>Organisation</td>",
    ):
        assert text in french

    client.cookies["django_language"] = "en"
    english = client.get(LIST).content.decode()
    assert ">01/04/2025</time>" in english  # day first in English too, as in Belgium
    assert "Food and short supply chains" in english
    assert '<td class="text-end">62.5</td>' in english
    assert "<td>3 – Structured</td>" in english


def _selected(content):
    """{select name: [its selected values]} of a page."""
    return {
        name: re.findall(r'<option value="([^"]*)" selected>', options)
        for name, options in re.findall(r'<select name="(\w+)"[^>]*>(.*?)</select>', content, re.S)
    }


def test_filter_form_shows_the_filters_of_each_request(staff, questionnaire):
    namur = staff.get(LIST, {"province": "NA"}).content.decode()
    assert _selected(namur) == {
        "sector": [""],
        "province": ["NA"],
        "legal_form": [""],
        "level": [""],
    }

    liege = staff.get(LIST, {"province": "LG", "level": "2"}).content.decode()
    assert _selected(liege) == {
        "sector": [""],
        "province": ["LG"],
        "legal_form": [""],
        "level": ["2"],
    }

    invalid = staff.get(LIST, {"province": "ZZ"}).content.decode()
    # The error is marked on the field and read out with it.
    assert 'is-invalid" aria-invalid="true" aria-describedby="id_province_error"' in invalid
    assert 'id="id_province_error"' in invalid

    none = staff.get(LIST).content.decode()
    assert set(map(tuple, _selected(none).values())) == {("",)}
    assert '<option value="" selected>All provinces</option>' in none
    assert "is-invalid" not in none

    staff.cookies["django_language"] = "fr"
    french = staff.get(LIST).content.decode()
    assert '<option value="" selected>Toutes les provinces</option>' in french
    assert '<option value="" selected>Tous les secteurs</option>' in french


# --- aggregates ---------------------------------------------------------------------------


def test_aggregates_match_a_hand_computation(staff, questionnaire, dimensions):
    first, second = dimensions[0], dimensions[1]
    namur = OrganisationFactory(province="NA")
    for a, b in ((10, 0), (20, 100), (40, 50), (90, 50)):
        _row(questionnaire, dimensions, namur, {first.code: a, second.code: b})
    _row(questionnaire, dimensions, OrganisationFactory(province="LG"), {first.code: 100})

    response = staff.get(LIST, {"province": "NA"})

    rows = {row.code: row for row in response.context["figures"].dimensions}
    assert [row.code for row in response.context["figures"].dimensions] == [
        d.code for d in dimensions
    ]
    assert rows[first.code].count == 4
    assert rows[first.code].mean == pytest.approx(40.0)  # (10 + 20 + 40 + 90) / 4
    assert rows[first.code].median == pytest.approx(30.0)  # between 20 and 40
    assert rows[second.code].mean == pytest.approx(50.0)
    assert rows[second.code].median == pytest.approx(50.0)
    content = response.content.decode()
    assert "Scores out of 100 of the 4 diagnostics that match the filters" in content
    assert first.tr("title") in content


def test_aggregates_of_real_submissions_match_their_stored_scores(staff, questionnaire, dimensions):
    assessments = [_submit(OrganisationFactory(), rank=k) for k in (0, 1, 3)]

    response = staff.get(LIST)

    for row in response.context["figures"].dimensions:
        scores = [
            s.score
            for a in assessments
            for s in a.dimension_scores.all()
            if s.dimension.code == row.code
        ]
        assert row.count == 3
        assert row.mean == pytest.approx(fmean(scores))
        assert row.median == pytest.approx(median(scores))
    overall = response.context["figures"].overall
    assert overall["median"] == pytest.approx(median(a.overall_score for a in assessments))


def test_a_campaign_is_one_row_and_counts_once_in_the_averages(staff, questionnaire):
    organisation = OrganisationFactory(name="Atelier Campagne")
    campaign = Campaign.objects.create(organisation=organisation, questionnaire=questionnaire)
    for rank in (0, 2, 3, 4):
        respondent = assessment_start(campaign=campaign)
        assessment_submit(assessment=answer_everything(respondent, rank=rank))
    single = _submit(OrganisationFactory(), rank=1)
    result = campaign.result
    result.refresh_from_db()

    response = staff.get(LIST)

    rows = list(response.context["page"])
    assert [(row.kind, row.respondents) for row in rows] == [("organisation", 1), ("campaign", 4)]
    content = response.content.decode()
    assert "2 diagnostics" in content
    assert "Campaign <span" in content and "4 respondents" in content
    url = reverse("diagnostic:organisation_result", args=[organisation.slug, result.pk])
    assert f'<a href="{url}">Atelier Campagne</a>' in content
    overall = response.context["figures"].overall
    assert overall["count"] == 2
    assert overall["mean"] == pytest.approx((result.overall_score + single.overall_score) / 2)
    campaign_scores = {s.dimension_code: s.score for s in result.scores.all()}
    single_scores = {s.dimension.code: s.score for s in single.dimension_scores.all()}
    for row in response.context["figures"].dimensions:
        assert row.count == 2
        assert row.mean == pytest.approx((campaign_scores[row.code] + single_scores[row.code]) / 2)


def test_pages_interleave_campaigns_and_diagnostics_by_date(
    staff, questionnaire, dimensions, monkeypatch
):
    from diagnostic.staff import views as staff_views

    monkeypatch.setattr(staff_views, "PAGE_SIZE", 2)
    now = timezone.now()
    expected = []
    for days in range(6):
        at = now - datetime.timedelta(days=days)
        if days % 2:
            campaign = Campaign.objects.create(
                organisation=OrganisationFactory(), questionnaire=questionnaire
            )
            respondent = assessment_start(campaign=campaign)
            assessment_submit(assessment=answer_everything(respondent))
            Result.objects.filter(campaign=campaign).update(created_at=at)
            expected.append(("campaign", campaign.result.pk))
        else:
            expected.append(
                (
                    "organisation",
                    _row(questionnaire, dimensions, OrganisationFactory(), {}, at=at).pk,
                )
            )

    pages = [staff.get(LIST, {"page": n}).context["page"] for n in (1, 2, 3)]

    assert [(row.kind, row.pk) for page in pages for row in page] == expected
    assert pages[0].paginator.count == 6


def test_a_diagnostic_kept_by_its_owner_is_not_a_visitor_s(staff, questionnaire):
    own = assessment_start(respondent=UserFactory())
    own = assessment_submit(assessment=answer_everything(own, rank=2))

    content = staff.get(LIST).content.decode()

    url = reverse("diagnostic_staff:assessment_result", args=[own.uuid])
    assert f'<a href="{url}">Personal diagnostic</a>' in content
    assert "<td>Personal, kept in an account</td>" in content
    assert "Visitor" not in content.split("<tbody>")[-1]


@pytest.mark.parametrize("search", ["energie", "ÉNERGIE", "Énergie", "  energie ", "nergi"])
def test_search_ignores_accents_and_case(staff, questionnaire, dimensions, search):
    wanted = _row(questionnaire, dimensions, OrganisationFactory(name="Coopérative Énergie"), {})
    also = _row(questionnaire, dimensions, OrganisationFactory(name="ENERGIES du Condroz"), {})
    _row(questionnaire, dimensions, OrganisationFactory(name="Les Jardins"), {})
    _row(questionnaire, dimensions, None, {})  # a visitor's: no name to find

    response = staff.get(LIST, {"search": search})

    assert sorted(_listed(response)) == sorted(_pks(wanted, also))
    assert response.context["figures"].overall["count"] == 2
    header, *rows = _csv(staff.get(EXPORT, {"search": search}))
    assert sorted(row[header.index("Organisation")] for row in rows) == [
        "Coopérative Énergie",
        "ENERGIES du Condroz",
    ]


def test_search_with_a_name_found_nowhere_lists_nothing(staff, questionnaire, dimensions):
    _row(questionnaire, dimensions, OrganisationFactory(name="Les Jardins"), {})
    response = staff.get(LIST, {"search": "100%_"})
    assert _listed(response) == []
    assert "No submitted diagnostic matches these filters." in response.content.decode()


def test_search_too_long_shows_the_error_and_no_rows(staff, questionnaire, dimensions):
    _row(questionnaire, dimensions, OrganisationFactory(name="Les Jardins"), {})
    response = staff.get(LIST, {"search": "x" * 201})
    assert _listed(response) == []
    assert "Search with at most 200 characters." in response.content.decode()


def test_staff_result_page_shows_a_visitor_s_results_read_only(staff, questionnaire):
    visitor = _submit(None, rank=3)

    response = staff.get(reverse("diagnostic_staff:assessment_result", args=[visitor.uuid]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "Visitor's diagnostic" in content
    assert "nothing can be changed here" in content
    assert f">{visitor.overall_score:.0f}<" in content
    assert "<form" not in content.split('id="main"')[-1].split("<footer")[0]


def test_staff_result_page_keeps_campaign_answers_and_drafts_private(staff, questionnaire):
    campaign = Campaign.objects.create(
        organisation=OrganisationFactory(), questionnaire=questionnaire
    )
    respondent = assessment_start(campaign=campaign)
    assessment_submit(assessment=answer_everything(respondent))
    draft = assessment_start()
    for assessment in (respondent, draft):
        url = reverse("diagnostic_staff:assessment_result", args=[assessment.uuid])
        assert staff.get(url).status_code == 404


# --- CSV export ---------------------------------------------------------------------------


def _english_columns(dimensions):
    return [
        "Date submitted",
        "Kind",
        "Organisation",
        "Enterprise number",
        "Sector",
        "Province",
        "Legal form",
        "Staff",
        "Respondents",
        "Overall score",
        "Maturity level",
        *(d.title_en for d in dimensions),
    ]


def test_csv_has_a_header_and_one_row_per_filtered_diagnostic(staff, questionnaire, dimensions):
    namur = OrganisationFactory(
        province="NA", sector="food", legal_form="scees", size_band="10-19", name="Épi d'Or"
    )
    kept = _submit(namur, rank=2, at=datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC))
    _submit(OrganisationFactory(province="LG"))

    response = staff.get(EXPORT, {"province": "NA"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate(timezone=BRUSSELS).isoformat()
    assert f'filename="digitalees-diagnostics-{today}.csv"' in response["Content-Disposition"]
    header, *rows = _csv(response)
    assert header == _english_columns(dimensions)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Date submitted"] == "2025-04-01"  # Brussels date
    assert row["Kind"] == "Organisation"
    assert row["Organisation"] == "Épi d'Or"
    assert row["Enterprise number"] == namur.enterprise_number
    assert (row["Sector"], row["Province"], row["Legal form"], row["Staff"]) == (
        "Food and short supply chains",
        "Namur",
        "Cooperative accredited as a social enterprise",
        namur.get_size_band_display(),
    )
    assert row["Respondents"] == "1"
    assert row["Overall score"] == repr(kept.overall_score)
    assert row["Maturity level"] == kept.get_level_display()
    stored = {s.dimension.title_en: repr(s.score) for s in kept.dimension_scores.all()}
    assert {d.title_en: row[d.title_en] for d in dimensions} == stored


def test_french_csv_has_semicolons_decimal_commas_and_french_labels(
    client, questionnaire, dimensions
):
    """A French or Belgian spreadsheet opens it in columns, with numbers it can add up."""
    namur = OrganisationFactory(province="NA", sector="food", name="Épi d'Or; Namur")
    kept = _submit(namur, rank=2)
    Assessment.objects.filter(pk=kept.pk).update(overall_score=62.46)
    client.force_login(agency_with_mfa())  # French, the default language

    response = client.get(EXPORT)

    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    header, row = list(csv.reader(io.StringIO(body[1:]), delimiter=";"))
    assert header[:4] == ["Date de validation", "Type", "Organisation", "Numéro d'entreprise"]
    assert header[-len(dimensions) :] == [d.title_fr for d in dimensions]
    values = dict(zip(header, row, strict=True))
    assert values["Organisation"] == "Épi d'Or; Namur"  # quoted, not split
    assert values["Secteur"] == "Alimentation et circuits courts"
    assert values["Score global"] == "62,46"
    assert values["Type"] == "Organisation"
    first = kept.dimension_scores.get(dimension=dimensions[0]).score
    assert values[dimensions[0].title_fr] == repr(first).replace(".", ",")


def test_csv_counts_a_campaign_once_tells_owners_from_visitors_and_defuses_formulas(
    staff, questionnaire, dimensions
):
    organisation = OrganisationFactory(name="=HYPERLINK(1)")
    campaign = Campaign.objects.create(organisation=organisation, questionnaire=questionnaire)
    for rank in (1, 3, 4):
        in_campaign = assessment_start(campaign=campaign)
        assessment_submit(assessment=answer_everything(in_campaign, rank=rank))
    _submit(None, rank=1)
    own = assessment_start(respondent=UserFactory())
    assessment_submit(assessment=answer_everything(own, rank=2))

    header, *rows = _csv(staff.get(EXPORT))

    by_kind = {row[header.index("Kind")]: row for row in rows}
    assert len(rows) == 3  # the campaign is one row
    assert set(by_kind) == {"Campaign", "Visitor", "Personal, kept in an account"}
    assert by_kind["Campaign"][header.index("Organisation")] == "'=HYPERLINK(1)"
    assert by_kind["Campaign"][header.index("Respondents")] == "3"
    result = campaign.result
    assert by_kind["Campaign"][header.index("Overall score")] == repr(result.overall_score)
    assert by_kind["Visitor"][header.index("Organisation")] == ""


def _xlsx(response):
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_xlsx_has_labelled_columns_and_typed_values(staff, questionnaire, dimensions):
    namur = OrganisationFactory(province="NA", sector="food", name="=1+1")
    kept = _submit(namur, rank=2, at=datetime.datetime(2025, 3, 31, 23, 30, tzinfo=datetime.UTC))
    _submit(OrganisationFactory(province="LG"))

    response = staff.get(reverse("diagnostic_staff:assessment_export_xlsx"), {"province": "NA"})

    assert response.status_code == 200
    today = timezone.localdate(timezone=BRUSSELS).isoformat()
    assert f'filename="digitalees-diagnostics-{today}.xlsx"' in response["Content-Disposition"]
    header, *rows = _xlsx(response)
    assert header == _english_columns(dimensions)
    assert len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Date submitted"] == datetime.datetime(2025, 4, 1)  # a date, Brussels day
    assert row["Organisation"] == "=1+1"  # text, not a formula
    assert row["Sector"] == "Food and short supply chains"
    assert row["Respondents"] == 1
    assert row["Overall score"] == pytest.approx(kept.overall_score)
    stored = {s.dimension.title_en: s.score for s in kept.dimension_scores.all()}
    assert {d.title_en: row[d.title_en] for d in dimensions} == pytest.approx(stored)


def test_xlsx_is_in_the_reader_language(client, questionnaire, dimensions):
    _submit(OrganisationFactory(sector="food"))
    client.force_login(agency_with_mfa())

    header, row = _xlsx(client.get(reverse("diagnostic_staff:assessment_export_xlsx")))

    assert header[0] == "Date de validation" and header[-1] == dimensions[-1].title_fr
    assert "Alimentation et circuits courts" in row


def test_xlsx_with_invalid_filters_answers_400_in_plain_text(staff, questionnaire):
    response = staff.get(reverse("diagnostic_staff:assessment_export_xlsx"), {"level": "9"})
    assert response.status_code == 400
    assert "Choose a maturity level from the list." in response.content.decode()


def test_csv_with_no_filter_exports_everything(staff, questionnaire, dimensions):
    for province in ("NA", "LG", "HT"):
        _row(questionnaire, dimensions, OrganisationFactory(province=province), {})

    header, *rows = _csv(staff.get(EXPORT))

    assert len(rows) == 3


# --- invalid filters ----------------------------------------------------------------------


def test_unknown_province_shows_the_error_and_no_rows(staff, questionnaire):
    _submit(OrganisationFactory())

    response = staff.get(LIST, {"province": "ZZ"})

    assert response.status_code == 200
    assert response.context["form"].errors["province"] == ["Choose a province from the list."]
    assert _listed(response) == _pks()
    assert response.context["figures"] is None
    assert "Scores per dimension" not in response.content.decode()
    content = response.content.decode()
    assert "Choose a province from the list." in content
    assert "No diagnostic is shown while the filters are not valid." in content


def test_start_after_end_shows_the_error_and_no_rows(staff, questionnaire):
    _submit(OrganisationFactory())

    response = staff.get(LIST, {"submitted_from": "2025-05-01", "submitted_until": "2025-04-01"})

    assert response.context["form"].errors["submitted_until"] == [
        "The end date must be on or after the start date."
    ]
    assert _listed(response) == _pks()
    assert "The end date must be on or after the start date." in response.content.decode()


def test_invalid_level_or_date_shows_the_error(staff, questionnaire):
    response = staff.get(LIST, {"level": "9", "submitted_from": "yesterday"})

    errors = response.context["form"].errors
    assert errors["level"] == ["Choose a maturity level from the list."]
    assert errors["submitted_from"] == ["Enter a date such as 2025-03-31."]


def test_csv_with_invalid_filters_answers_400_in_plain_text(staff, questionnaire):
    response = staff.get(EXPORT, {"province": "ZZ", "submitted_from": "2025-05-01"})
    response_dates = staff.get(
        EXPORT, {"submitted_from": "2025-05-01", "submitted_until": "2025-04-01"}
    )

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Province: Choose a province from the list." in response.content.decode()
    assert response_dates.status_code == 400
    assert "The end date must be on or after the start date." in response_dates.content.decode()


# --- who may see it -----------------------------------------------------------------------


@pytest.mark.parametrize("url", [LIST, EXPORT])
def test_only_agency_staff_get_in(client, organisation, url):
    for user in (MembershipFactory(organisation=organisation, role="admin").user, CoachFactory()):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_staff_navigation_has_the_diagnostics_item(staff, questionnaire):
    content = staff.get(LIST).content.decode()
    assert f'href="{LIST}" aria-current="page"' in content


# --- queries do not grow with the number of diagnostics -----------------------------------


def _queries(client, url, data=None):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, data or {})
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


# Session, user, role groups and the staff MFA check, then the page's own queries:
# list = dimensions, overall aggregate, grouped dimension aggregates, two counts (assessments,
# campaign results), one page of rows;
# export = dimensions, then one streamed query.
@pytest.mark.parametrize("url,most", [(LIST, 9), (EXPORT, 6)])
def test_query_count_does_not_grow_with_the_diagnostics(
    staff, questionnaire, dimensions, url, most, django_assert_max_num_queries
):
    organisations = [OrganisationFactory(province=p) for p in ("NA", "LG", "HT")]
    _submit(organisations[0])
    for i in range(2):
        _row(questionnaire, dimensions, organisations[(i + 1) % 3], {})
    filtered = {"province": "NA", "level": "4", "submitted_from": "2000-01-01"}

    def counts():
        with django_assert_max_num_queries(most):
            everything = _queries(staff, url)
        with django_assert_max_num_queries(most):
            some = _queries(staff, url, filtered)
        return everything, some

    assert Assessment.objects.submitted().count() == 3
    few = counts()
    for i in range(27):
        _row(questionnaire, dimensions, organisations[i % 3], {}, level=4)
    cache.clear()  # the aggregates are kept two minutes
    # With a shared cache, sessions have the cache in front: put this one back there first.
    staff.get(reverse("home"))
    assert Assessment.objects.submitted().count() == 30
    assert counts() == few


def test_aggregates_are_refreshed_after_their_cache_period(staff, questionnaire, monkeypatch):
    """The aggregates are kept for a period the page states; the list itself is live."""
    monkeypatch.setattr(staff_selectors, "AGGREGATES_CACHE_SECONDS", 1)
    organisation = OrganisationFactory(province="NA")
    _submit(organisation)
    response = staff.get(LIST)
    first = response.context["figures"].overall["count"]
    assert "Figures computed at" in response.content.decode()
    _submit(organisation)
    response = staff.get(LIST)
    assert response.context["page"].paginator.count == first + 1
    assert f"of the {first} diagnostic" in response.content.decode()
    time.sleep(1.1)  # the period runs out
    response = staff.get(LIST)
    assert response.context["figures"].overall["count"] == first + 1
    assert f"of the {first + 1} diagnostics that match" in response.content.decode()
