"""A coach gets an enterprise's plan as a PDF in the browser: the PDF page, the request
(htmx swaps the block, which polls until the PDF is ready), the download; and the same
without JavaScript, through the page's form and its reload link. Every page is audited at
desktop and phone widths."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from coaching.models import PlanReport
from tests.coaching.factories import make_action, make_plan
from tests.factories import CoachAssignmentFactory, CoachFactory, OrganisationFactory

from .a11y import visit
from .steps import PASSWORD, form_with, log_in, submit_button


def _coached_plan():
    organisation = OrganisationFactory(name="Ressourcerie du Val")
    coach = CoachFactory(password=PASSWORD)
    CoachAssignmentFactory(organisation=organisation, coach=coach)
    plan = make_plan(organisation, by=coach, vision="Des outils sûrs pour toute l'équipe.")
    for title in ("Choisir un outil de planning", "Sauvegarder les données"):
        make_action(plan, by=coach, title=title, owner=coach)
    return coach, plan


def test_a_coach_prepares_and_downloads_the_plans_pdf(page, screenshot):
    coach, plan = _coached_plan()
    pdf_url = reverse("coaching:plan_pdf", kwargs={"pk": plan.pk})
    log_in(page, coach.email)
    visit(page, pdf_url)
    block = page.locator("#plan-pdf")
    block.locator("button[type=submit]").click()  # htmx: the block is swapped in place
    download_link = page.locator("#plan-pdf a[href$='/download/']")
    expect(download_link).to_be_visible()
    report = PlanReport.objects.get(plan=plan)
    download = reverse("coaching:plan_pdf_download", kwargs={"pk": report.pk})
    assert download_link.get_attribute("href") == download
    screenshot(page, "plan-pdf-ready")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "plan-pdf-ready-phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    expect(page).to_have_url(re.compile(rf"{pdf_url}$"))  # no page load: htmx
    with page.expect_download() as download:
        download_link.click()
    assert download.value.suggested_filename.startswith(f"digitalees-plan-{plan.organisation.slug}")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_without_javascript_the_form_and_the_page_do_it(browser, live_server):
    """axe needs JavaScript: this context's pages are the ones audited above, served to a
    browser without it (plain Playwright steps, no audit)."""
    coach, plan = _coached_plan()
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        page.goto("/accounts/login/")
        form = form_with(page, "password")
        form.locator("[name=login]").fill(coach.email)
        form.locator("[name=password]").fill(PASSWORD)
        submit_button(form).click()
        expect(page).to_have_url(re.compile(r"/dashboard/$"))
        pdf_url = reverse("coaching:plan_pdf", kwargs={"pk": plan.pk})
        page.goto(pdf_url)
        page.locator("#plan-pdf button[type=submit]").click()
        expect(page).to_have_url(re.compile(rf"{pdf_url}$"))  # the form posts, then back
        report = PlanReport.objects.get(plan=plan)
        download = reverse("coaching:plan_pdf_download", kwargs={"pk": report.pk})
        expect(page.locator(f"#plan-pdf a[href='{download}']")).to_be_visible()
    finally:
        context.close()
