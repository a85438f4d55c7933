"""The PDF report is print-ready: rendered by WeasyPrint for real (no mock), every box of
every page lies inside the page's content area, and the score bars have their width.

Walks WeasyPrint's layout (each page's box tree), for a visitor's, a member's (an
organisation's) and a campaign's report, in French and in English.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from diagnostic import services
from diagnostic.models import Assessment, Report
from diagnostic.reports import services as reports
from diagnostic.selectors import questionnaire_structure
from digitalees.pdf import pdf_stylesheets
from network.models import Resource, Topic
from tests.diagnostic.conftest import answer_everything
from tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# Half a CSS pixel: rounding, never a real overflow.
TOLERANCE = 0.5
MM = 96 / 25.4  # CSS pixels per millimetre


def _layout(report: Report):
    """The report laid out as report_pdf lays it out (same HTML, stylesheet and fonts)."""
    font_config, stylesheets = pdf_stylesheets(reports.STYLESHEET)
    html = HTML(string=reports.report_html(report), base_url=".")
    return html.render(stylesheets=stylesheets, font_config=font_config)


def _content_boxes(page_box):
    """Every box of a page but its margin boxes (running title, page number), which live
    in the page's margin by design."""
    for child in page_box.children:
        if isinstance(child, boxes.MarginBox):
            continue
        yield from child.descendants()


def _describe(box) -> str:
    element = getattr(box, "element", None)
    classes = element.get("class", "") if element is not None else ""
    text = getattr(box, "text", "") or ""
    return f"{type(box).__name__} <{box.element_tag} class='{classes}'> {text[:40]!r}"


def _overflows(document) -> list[str]:
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, bottom = left + page_box.width, top + page_box.height
        for box in _content_boxes(page_box):
            if box.position_x is None or box.width is None:
                continue
            box_left = box.position_x
            box_right = box.position_x + box.margin_width()
            # Vertically, the border box: a bottom margin that ends a page is not drawn.
            box_top = box.border_box_y()
            box_bottom = box_top + box.border_height()
            if (
                box_left < left - TOLERANCE
                or box_right > right + TOLERANCE
                or box_top < top - TOLERANCE
                or box_bottom > bottom + TOLERANCE
            ):
                found.append(
                    f"page {number}: {_describe(box)} spans x {box_left:.1f}–{box_right:.1f}, "
                    f"y {box_top:.1f}–{box_bottom:.1f}; the content area is x {left:.1f}–"
                    f"{right:.1f}, y {top:.1f}–{bottom:.1f}"
                )
    return found


def _with_class(document, name: str):
    for page in document.pages:
        for box in _content_boxes(page._page_box):
            element = getattr(box, "element", None)
            if element is None or name not in element.get("class", "").split():
                continue
            # The box itself, not the text or line boxes inside it.
            if box.element_tag == element.tag and not isinstance(box, boxes.LineBox):
                yield box


def _long_resource_for_every_dimension(assessment):
    """A resource with a long title and an address with no place to break, recommended for
    every dimension: the longest line a recommendation can hold."""
    resource = Resource.objects.create(
        slug="long-resource",
        title_fr="Un guide au titre particulièrement long pour éprouver la mise en page du rapport",
        title_en="A guide whose title is particularly long to put the report's layout to the test",
        summary_fr="Résumé.",
        summary_en="Summary.",
        url="https://www.example.be/" + "ressourcesnumeriquespourlesentreprises" * 4,
        kind=Resource.Kind.GUIDE,
        language="fr",
    )
    codes = [d.code for d in questionnaire_structure(assessment.questionnaire_id).dimensions]
    resource.topics.add(
        *(
            Topic.objects.get_or_create(code=code, defaults={"name_fr": code, "name_en": code})[0]
            for code in codes
        )
    )


def _submitted(*, respondent=None, organisation=None, campaign=None, rank=2) -> Assessment:
    assessment = services.assessment_start(
        respondent=respondent, organisation=organisation, campaign=campaign
    )
    services.assessment_submit(assessment=answer_everything(assessment, rank=rank))
    assessment.refresh_from_db()
    return assessment


def _visitor_report(language: str) -> Report:
    assessment = services.assessment_start()
    assessment.visitor_key = "layout-test"
    assessment.save(update_fields=["visitor_key"])
    services.assessment_submit(assessment=answer_everything(assessment, rank=1))
    _long_resource_for_every_dimension(assessment)
    return Report(assessment=assessment, language=language)


def _member_report(language: str) -> Report:
    admin = MembershipFactory(role="admin")
    assessment = _submitted(respondent=admin.user, organisation=admin.organisation, rank=1)
    _long_resource_for_every_dimension(assessment)
    return Report(result=assessment.result, language=language)


def _campaign_report(language: str) -> Report:
    """A campaign of three respondents of an organisation with a long name and a previous
    result, among five similar EES: every column of the score table (gap between
    respondents, similar EES, change)."""
    organisation = OrganisationFactory(
        name="Coopérative d'insertion socioprofessionnelle du Pays de Herve et de la Basse-Meuse"
    )
    admin = MembershipFactory(organisation=organisation, role="admin")
    _submitted(respondent=admin.user, organisation=organisation, rank=3)
    for _peer in range(5):
        peer = MembershipFactory(role="admin")  # the factory's sector, size and province
        _submitted(respondent=peer.user, organisation=peer.organisation, rank=2)
    campaign = services.campaign_open(organisation=organisation, opened_by=admin.user)
    for rank, membership in enumerate(
        [admin, *(MembershipFactory(organisation=organisation) for _ in range(2))]
    ):
        assessment = (
            campaign.assessments.get(respondent=admin.user)
            if membership is admin
            else services.assessment_start(campaign=campaign, respondent=membership.user)
        )
        services.assessment_submit(assessment=answer_everything(assessment, rank=rank))
    campaign.refresh_from_db()
    _long_resource_for_every_dimension(assessment)
    return Report(result=campaign.result, language=language)


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    "make_report",
    [_visitor_report, _member_report, _campaign_report],
    ids=["visitor", "member", "campaign"],
)
def test_no_box_of_the_report_overflows_its_page(make_report, language):
    report = make_report(language)
    document = _layout(report)
    assert _overflows(document) == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_score_bars_have_their_width(language):
    report = _campaign_report(language)
    html = reports.report_html(report)
    assert "Similar EES" in html or "EES comparables" in html  # every column is there
    assert re.search(r"(Gap between respondents|Écart entre les répondants)", html)
    document = _layout(report)
    bars = list(_with_class(document, "bar"))
    fills = list(_with_class(document, "fill"))
    assert len(bars) == len(fills) == 8
    for bar, fill in zip(bars, fills, strict=True):
        # A bar is at least 25 mm wide, and its fill is the score's share of it.
        assert bar.width >= 25 * MM
        score = float(fill.element.get("data-score"))
        assert fill.width == pytest.approx(bar.width * score / 100, abs=1)


def _radar_markup(html: str) -> str:
    return re.search(r'<svg[^>]*class="chart chart-radar".*?</svg>', html, re.S).group(0)


def test_the_pdf_draws_the_radar_of_the_results_page(client):
    report = _member_report("fr")
    result = report.result
    client.force_login(result.organisation.memberships.get().user)
    page = client.get(
        reverse(
            "diagnostic:organisation_result",
            kwargs={"slug": result.organisation.slug, "pk": result.pk},
        )
    )
    assert _radar_markup(page.content.decode()) == _radar_markup(reports.report_html(report))


def test_an_organisations_report_draws_the_history_of_its_history_page(client):
    report = _campaign_report("fr")
    organisation = report.result.organisation
    client.force_login(organisation.memberships.filter(role="admin").get().user)
    page = client.get(
        reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug})
    )
    line = r'<svg[^>]*class="chart chart-line".*?</svg>'
    in_page = re.search(line, page.content.decode(), re.S).group(0)
    html = reports.report_html(report)
    assert re.search(line, html, re.S).group(0) == in_page
    # With its figures, newest first: the campaign's result, then the admin's first one.
    history = re.search(r'<table class="history-table">.*?</table>', html, re.S).group(0)
    assert re.findall(r'<td class="num">(\d+)</td>', history)[1::2] == ["3", "1"]
    # The last date of the chart is the campaign's result's.
    assert date_format(timezone.localdate(report.result.created_at), "j N Y") in in_page


def test_a_visitors_report_has_no_history():
    html = reports.report_html(_visitor_report("fr"))
    assert "chart-line" not in html
