"""A coach and the agency open their dashboards; the agency finds a result by a name typed
without accents, opens it and downloads the list as a workbook. Every page is audited at a
desktop and a phone width."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse
from playwright.sync_api import expect

from diagnostic.services import assessment_start, assessment_submit
from tests.diagnostic.conftest import answer_everything
from tests.factories import AgencyStaffFactory, CoachAssignmentFactory, CoachFactory

from .a11y import check_a11y, follow, visit
from .steps import PASSWORD, form_with, log_in, log_out, submit_button

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _at_phone_width_too(page):
    page.set_viewport_size(PHONE)
    check_a11y(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _submitted(organisation, rank=3):
    assessment = assessment_start(organisation=organisation)
    return assessment_submit(assessment=answer_everything(assessment, rank=rank))


@pytest.mark.usefixtures("questionnaire")
def test_a_coach_and_the_agency_open_their_dashboards_and_the_agency_exports(page, settings):
    settings.STAFF_REQUIRE_MFA = False  # the team journey logs in with TOTP
    coach = _with_password(CoachFactory())
    organisation = CoachAssignmentFactory(
        coach=coach, organisation__name="Coopérative Énergie Condroz"
    ).organisation
    result = _submitted(organisation).result
    _submitted(CoachAssignmentFactory(organisation__name="Les Jardins").organisation, rank=1)
    visitor = assessment_submit(assessment=answer_everything(assessment_start(), rank=2))

    log_in(page, coach.email)
    coached = page.locator("main table tbody tr")
    expect(coached).to_have_count(1)
    expect(coached).to_contain_text("Coopérative Énergie Condroz")
    _at_phone_width_too(page)
    result_url = reverse("diagnostic:organisation_result", args=[organisation.slug, result.pk])
    follow(page, coached.locator(f"a[href='{result_url}']"))
    log_out(page)

    staff = _with_password(AgencyStaffFactory())
    log_in(page, staff.email)
    expect(page.locator("main")).to_contain_text("Organisations diagnostiquées")
    _at_phone_width_too(page)
    follow(page, page.locator(f"main a[href='{reverse('diagnostic_staff:assessment_list')}']"))
    filters = form_with(page, "search")
    filters.locator("[name=search]").fill("energie")
    follow(page, submit_button(filters))
    expect(page).to_have_url(re.compile(r"search=energie"))
    rows = page.locator("main table tbody tr").filter(has_text="Condroz")
    expect(rows).to_have_count(1)
    expect(page.locator("main")).not_to_contain_text("Les Jardins")
    _at_phone_width_too(page)

    with page.expect_download() as download:
        page.locator("main a", has_text="Excel").click()
    sheet = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    table = list(sheet.iter_rows(values_only=True))
    assert len(table) == 2 and "Coopérative Énergie Condroz" in table[1]

    follow(page, rows.locator(f"a[href='{result_url}']"))
    expect(page.locator("h1")).to_be_visible()

    # A visitor's results: the agency reads them on a page of its own, read-only.
    visit(page, reverse("diagnostic_staff:assessment_list"))
    visitor_url = reverse("diagnostic_staff:assessment_result", args=[visitor.uuid])
    follow(page, page.locator(f"main a[href='{visitor_url}']"))
    expect(page.locator("main")).to_contain_text("rien ne peut être modifié ici")
    _at_phone_width_too(page)
