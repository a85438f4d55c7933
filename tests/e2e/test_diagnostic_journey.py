"""A visitor takes the self-diagnostic in the browser, signs up and keeps the result.

With JavaScript, htmx saves each answer as soon as it is given and updates the progress and
the questions shown (a conditional question appears without a page load); without it, the
page is a plain form that saves a whole part at a time.

Selectors follow the markup's structure (a question is a `fieldset` whose id is `q-<code>`,
navigation buttons are `button[name=nav]`) rather than wording: the site answers in French
on a first visit.
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from diagnostic import services
from diagnostic.access import access_token
from diagnostic.models import Assessment, Question, Result
from network.models import Resource
from tests.factories import MembershipFactory

from . import a11y
from .a11y import check_a11y, follow, visit
from .steps import CONFIRM_LINK, PASSWORD

# No named group: Playwright hands the pattern to JavaScript.
DIMENSION_URL = re.compile(r"/diagnostic/([0-9a-f-]{36})/part/\d+/$")

# Radio answers by question code; any other radio question gets its third choice (a middle
# score, so that the results recommend something). Checklists get their first two choices.
RADIO_ANSWERS = {
    "communication.website": "yes",  # opens the two questions about the website
    "data.sensitive": "no",  # keeps the question about protecting sensitive data closed
}
WEBSITE_QUESTIONS = ("communication.website_updates", "communication.website_accessibility")
SKIPPED = "skills.volunteers"  # left unanswered on purpose, then answered from the review

# Counts the htmx swaps of the questions block: a test waits for its answer's swap to be done
# before it clicks again (htmx replaces every input of the page with each answer).
COUNT_SWAPS = """
document.addEventListener("htmx:afterSettle", (event) => {
    if (event.target.id === "questions") {
        window.__e2eSwaps = (window.__e2eSwaps || 0) + 1;
    }
});
"""


def _progress(page):
    return page.locator("#progress label")


def _progress_text(answered, total):
    """The progress text, "<answered> of <total> questions answered", in any language."""
    return re.compile(rf"^\D*{answered}\D+{total}\D*$")


def _questions(page):
    return page.locator("#questions fieldset.question")


def _label_of(page, choice):
    return page.locator(f"label[for='{choice.get_attribute('id')}']")


def _choices_to_give(fieldset):
    """The inputs to tick in a question: one radio, or the first two boxes of a checklist."""
    code = fieldset.get_attribute("id").removeprefix("q-")
    radios = fieldset.locator("input[type=radio]")
    if radios.count():
        value = RADIO_ANSWERS.get(code)
        return [fieldset.locator(f"input[value='{value}']") if value else radios.nth(2)]
    boxes = fieldset.locator("input[type=checkbox]")
    return [boxes.nth(0), boxes.nth(1)]


def _answer_with_htmx(page, fieldset, progress):
    """Tick a question's answer(s) by clicking their labels; each click is saved at once.

    `progress` is [answered, total], updated as the page should show it."""
    code = fieldset.get_attribute("id").removeprefix("q-")
    for n, choice in enumerate(_choices_to_give(fieldset)):
        choice_id = choice.get_attribute("id")
        swaps = page.evaluate("() => window.__e2eSwaps || 0")
        with page.expect_response(
            lambda r: f"/answer/{code}/" in r.url and r.request.method == "POST"
        ) as saved:
            _label_of(page, choice).click()
        assert saved.value.ok, f"Saving {code} answered {saved.value.status}"
        page.wait_for_function(f"() => (window.__e2eSwaps || 0) > {swaps}")
        # The block was swapped: the answer shows as given, from the server's copy.
        expect(page.locator(f"#{choice_id}")).to_be_checked()
        if n == 0:
            progress[0] += 1
            if code == "communication.website":
                progress[1] += len(WEBSITE_QUESTIONS)
        expect(_progress(page)).to_have_text(_progress_text(*progress))
        # Said to screen readers; the keyboard focus stays on the answer just given.
        expect(page.locator("main [aria-live=polite]:not(:empty)")).to_have_count(1)
        expect(page.locator(f"#{choice_id}")).to_be_focused()


def _answer_part(page, progress, *, skip=()):
    """Answer every question the page shows, including those an answer opens."""
    done = 0
    while done < _questions(page).count():
        fieldset = _questions(page).nth(done)
        code = fieldset.get_attribute("id").removeprefix("q-")
        done += 1
        if code in skip:
            continue
        shown_before = _questions(page).count()
        document = page.evaluate("() => performance.timeOrigin")
        _answer_with_htmx(page, fieldset, progress)
        if code == "communication.website":
            # "Yes" opens the questions about the website, on this page, without a reload.
            for opened in WEBSITE_QUESTIONS:
                expect(page.locator(f"fieldset[id='q-{opened}']")).to_be_visible()
            expect(_questions(page)).to_have_count(shown_before + len(WEBSITE_QUESTIONS))
        assert page.evaluate("() => performance.timeOrigin") == document, "The page reloaded"


def _nav(page, value):
    return page.locator(f"main form button[name=nav][value={value}]")


def _signup(page, email):
    form = page.locator("form:has([name=password2])")
    form.locator("[name=first_name]").fill("Camille")
    form.locator("[name=last_name]").fill("Renard")
    form.locator("[name=email]").fill(email)
    form.locator("[name=password1]").fill(PASSWORD)
    form.locator("[name=password2]").fill(PASSWORD)
    follow(page, form.locator("button[type=submit], input[type=submit]").last)


def _confirm_email(page, mailoutbox, email):
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    assert [mail.to for mail in mailoutbox] == [[email]]
    link = CONFIRM_LINK.search(mailoutbox[0].body)
    assert link, f"No confirmation link in the mail:\n{mailoutbox[0].body}"
    visit(page, link.group(1))
    form = page.locator("main form[method=post][action^='/accounts/confirm-email/']")
    follow(page, form.locator("button[type=submit], input[type=submit]").last)


def test_visitor_takes_the_diagnostic_and_keeps_the_result(
    page, live_server, mailoutbox, questionnaire, screenshot
):
    page.add_init_script(COUNT_SWAPS)
    visit(page, "/diagnostic/")
    follow(page, page.locator("main form[action='/diagnostic/'] button[type=submit]"))
    expect(page).to_have_url(DIMENSION_URL)
    uuid = DIMENSION_URL.search(page.url)[1]
    parts = questionnaire.dimensions.count()
    total = Question.objects.filter(questionnaire=questionnaire, show_if_question=None).count()
    progress = [0, total]
    expect(_progress(page)).to_have_text(_progress_text(*progress))

    for position in range(1, parts + 1):
        expect(page).to_have_url(re.compile(rf"/part/{position}/$"))
        expect(page.locator("main nav [aria-current=step]")).to_contain_text(str(position))
        _answer_part(page, progress, skip={SKIPPED})
        if position == 2:
            # Back to the first part once: its answers are there, checked.
            follow(page, _nav(page, "prev"))
            expect(page).to_have_url(re.compile(r"/part/1/$"))
            first = _questions(page).first
            expect(first.locator("input:checked")).to_have_count(1)
            expect(first.locator("input").nth(2)).to_be_checked()
            expect(_progress(page)).to_have_text(_progress_text(*progress))
            follow(page, _nav(page, "next"))
            expect(page).to_have_url(re.compile(r"/part/2/$"))
            expect(_questions(page).first.locator("input:checked")).to_have_count(1)
        if position == 4:
            screenshot(page, "diagnostic-part")
        follow(page, _nav(page, "review" if position == parts else "next"))

    # The review shows every answer given, each with a link to change it, and flags the
    # question left unanswered, with a link to it.
    expect(page).to_have_url(f"{live_server.url}/diagnostic/{uuid}/review/")
    expect(_progress(page)).to_have_text(_progress_text(progress[1] - 1, progress[1]))
    expect(page.locator("main .review-answers > div")).to_have_count(progress[1])
    first_question = Question.objects.filter(questionnaire=questionnaire).order_by(
        "dimension__position", "position"
    )[0]
    expect(page.locator(f"main a[href$='/part/1/#q-{first_question.code}']")).to_have_count(1)
    screenshot(page, "diagnostic-review")
    missing = page.locator("main .review-unanswered a")
    expect(missing).to_have_count(1)
    skipped_part = Question.objects.get(questionnaire=questionnaire, code=SKIPPED).dimension
    expect(missing).to_have_attribute(
        "href", re.compile(rf"/part/{skipped_part.position}/#q-{re.escape(SKIPPED)}$")
    )
    follow(page, missing)
    skipped = page.locator(f"fieldset[id='q-{SKIPPED}']")
    expect(skipped.locator("input:checked")).to_have_count(0)
    _answer_with_htmx(page, skipped, progress)
    assert progress[0] == progress[1]
    follow(page, page.locator(f"main nav a[href='/diagnostic/{uuid}/review/']"))
    expect(page.locator("main .review-unanswered")).to_have_count(0)
    expect(_progress(page)).to_have_text(_progress_text(*progress))

    # Submitted: the results, as figures, a chart with its text alternative and a table.
    follow(page, page.locator("main form[method=post]:not([action]) button[type=submit]"))
    expect(page).to_have_url(f"{live_server.url}/diagnostic/{uuid}/results/")
    assessment = Assessment.objects.get()
    assert assessment.is_submitted
    assert assessment.respondent is None
    overall = page.locator("section[aria-labelledby=overall-title]")
    expect(overall.locator("#overall-title + p")).to_contain_text(
        f"{assessment.overall_score:.0f} / 100"
    )
    expect(overall.locator("h2").nth(1)).to_contain_text(str(assessment.level))
    expect(overall.locator("ol [aria-current=true]")).to_have_count(1)
    chart = page.locator("section[aria-labelledby=dimensions-title] svg[role=img]")
    expect(chart).to_have_count(1)
    assert chart.get_attribute("aria-labelledby") or chart.get_attribute("aria-label")
    table = page.locator("section[aria-labelledby=dimensions-title] table")
    expect(table.locator("caption")).not_to_be_empty()
    expect(table.locator("tbody tr")).to_have_count(parts)
    expect(
        page.locator("section[aria-labelledby=recommendations-title] article").first
    ).to_be_visible()
    screenshot(page, "diagnostic-results")

    # A guide of the platform's own has a page of its own (which guides the results
    # recommend depends on the answers and on the database's collation: open one directly).
    guide = Resource.objects.published().exclude(body_fr="").order_by("slug").first()
    visit(page, reverse("network:resource_detail", kwargs={"slug": guide.slug}))
    expect(page.locator("main h1")).to_have_text(guide.title_fr)
    page.go_back()
    expect(page).to_have_url(f"{live_server.url}/diagnostic/{uuid}/results/")
    check_a11y(page)

    # Sign up from the results; the confirmation mail logs the new member in.
    follow(page, page.locator("main a[href^='/accounts/signup/?next=']"))
    email = "amina.lambert@atelier-solidaire.example.be"
    _signup(page, email)
    _confirm_email(page, mailoutbox, email)
    # Logged in, back on the results (the sign-up link's `next`), which may now be kept.
    results_url = f"/diagnostic/{uuid}/results/"
    expect(page).to_have_url(f"{live_server.url}{results_url}")
    expect(page.locator("header form[action='/accounts/logout/']")).to_have_count(1)
    expect(page.locator(f"main form[action='/diagnostic/{uuid}/claim/']")).to_have_count(1)

    # Logging in kept the visitor's session: the dashboard offers the results to keep.
    visit(page, "/dashboard/")
    unclaimed = page.locator(f"main a[href='{results_url}']")
    expect(unclaimed).to_have_count(1)
    follow(page, unclaimed)

    claim = page.locator(f"main form[action='/diagnostic/{uuid}/claim/']")
    expect(claim.locator("input[name=organisation]")).to_have_count(1)  # no organisation yet
    expect(claim.locator("#claim-none")).to_be_checked()
    follow(page, claim.locator("button[type=submit]"))
    expect(page).to_have_url(f"{live_server.url}{results_url}")
    with translation.override("fr"):
        kept = translation.gettext("These results are kept in your account.")
    expect(page.locator(".messages .alert-success")).to_contain_text(kept)
    expect(page.locator(f"main form[action='/diagnostic/{uuid}/claim/']")).to_have_count(0)

    assessment.refresh_from_db()
    assert assessment.respondent.email == email
    assert assessment.organisation is None
    assert assessment.visitor_key == ""

    # Kept for oneself, the results stay findable: on the dashboard and the start page.
    for where in ("/dashboard/", "/diagnostic/"):
        visit(page, where)
        own = page.locator(f"#own-assessments-title ~ ul a[href='{results_url}']")
        expect(own).to_have_count(1)
        expect(page.locator("#own-assessments-title ~ ul")).to_contain_text(
            f"{assessment.overall_score:.0f}/100"
        )

    # Later, the visitor joins an organisation and attaches the results to it.
    organisation = MembershipFactory(user=assessment.respondent).organisation
    follow(page, page.locator(f"#own-assessments-title ~ ul a[href='{results_url}']"))
    attach = page.locator(f"main form[action='/diagnostic/{uuid}/attach/']")
    expect(attach.locator("input[name=organisation]")).to_have_count(1)
    follow(page, attach.locator("button[type=submit]"))
    expect(page).to_have_url(f"{live_server.url}{results_url}")
    expect(page.locator(".messages .alert-success")).to_contain_text(organisation.name)
    expect(page.locator(f"main form[action='/diagnostic/{uuid}/attach/']")).to_have_count(0)
    assessment.refresh_from_db()
    assert assessment.organisation == organisation
    result = Result.objects.get(organisation=organisation)
    assert result.assessment == assessment and result.is_latest
    visit(page, f"/organisations/{organisation.slug}/diagnostic/")
    expect(
        page.locator(
            f"main a[href='/organisations/{organisation.slug}/diagnostic/results/{result.pk}/']"
        )
    ).not_to_have_count(0)


# The site's own scripts, for the page that audits what a browser without JavaScript shows.
SITE_SCRIPTS = re.compile(r"/static/.+\.js(\?.*)?$")


@pytest.fixture
def page_without_js(browser, live_server, page):
    """A page in a browser context with JavaScript off, on the live server.

    axe cannot run there: with scripts off, Chromium runs no timer, and axe.run waits on
    timers. So `audit_without_js(page_without_js, page)` audits each page it reaches in the
    audited `page`, with the same cookies and the site's scripts replaced by empty ones: the
    same document as without JavaScript (`no-js` class, no htmx), checked by the suite's axe.
    """
    page.route(
        SITE_SCRIPTS,
        lambda route: route.fulfill(
            status=200, content_type="text/javascript", body="/* off, as without JS */"
        ),
    )
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-GB",
        timezone_id="Europe/Brussels",
        viewport={"width": 1280, "height": 900},
        java_script_enabled=False,
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


def audit_without_js(page_without_js, page):
    """Audit, in the watched `page`, the page `page_without_js` shows (see the fixture)."""
    page.context.clear_cookies()
    page.context.add_cookies(page_without_js.context.cookies())
    visit(page, a11y.page_path(page_without_js.url))
    expect(page.locator("html")).to_have_class(re.compile(r"\bno-js\b"))
    expect(page.locator("h1")).to_have_text(page_without_js.locator("h1").inner_text())


def _go(page_without_js, page, locator):
    with page_without_js.expect_navigation():
        locator.click()
    audit_without_js(page_without_js, page)


def test_answers_are_saved_without_javascript(page_without_js, page, questionnaire):
    nojs = page_without_js
    nojs.goto("/diagnostic/")
    audit_without_js(nojs, page)
    _go(nojs, page, nojs.locator("main form[action='/diagnostic/'] button[type=submit]"))
    expect(nojs).to_have_url(DIMENSION_URL)
    assessment = Assessment.objects.get()

    # Tick every question of the first part (nothing is sent yet), then post the part with
    # "next part".
    fieldsets = _questions(nojs)
    count = fieldsets.count()
    given = []
    for n in range(count):
        choices = _choices_to_give(fieldsets.nth(n))
        for choice in choices:
            _label_of(nojs, choice).click()
            expect(choice).to_be_checked()
        given.extend(choice.get_attribute("id") for choice in choices)
    assert not assessment.answers.exists()
    _go(nojs, page, _nav(nojs, "next"))
    expect(nojs).to_have_url(re.compile(r"/part/2/$"))
    assert assessment.answers.count() == count
    expect(_progress(nojs)).to_have_text(_progress_text(count, r"\d+"))

    # Back to the first part: the answers are kept.
    _go(nojs, page, _nav(nojs, "prev"))
    expect(nojs).to_have_url(re.compile(r"/part/1/$"))
    for choice_id in given:
        expect(nojs.locator(f"#{choice_id}")).to_be_checked()
    expect(nojs.locator("#questions input:checked")).to_have_count(len(given))


def test_a_draft_is_resumed_or_deleted_from_the_start_page(page, live_server, questionnaire):
    # Opening the start page starts nothing; the form does.
    visit(page, "/diagnostic/")
    assert Assessment.objects.count() == 0
    follow(page, page.locator("main form[action='/diagnostic/'] button[type=submit]"))
    uuid = DIMENSION_URL.search(page.url)[1]
    shown = Question.objects.filter(questionnaire=questionnaire, show_if_question=None)
    progress = [0, shown.count()]
    page.add_init_script(COUNT_SWAPS)
    visit(page, f"/diagnostic/{uuid}/part/1/")
    _answer_part(page, progress)

    # Back on the start page: the draft comes first, with its progress, to resume or delete.
    visit(page, "/diagnostic/")
    drafts = page.locator("#drafts-title + ul li")
    expect(drafts).to_have_count(1)
    expect(drafts).to_contain_text(f"{progress[0]}")
    expect(drafts.locator(f"a[href='/diagnostic/{uuid}/part/2/']")).to_have_count(1)
    follow(page, drafts.locator(f"a[href='/diagnostic/{uuid}/delete/']"))
    follow(page, page.locator(f"main form[action='/diagnostic/{uuid}/delete/confirmed/'] button"))
    expect(page).to_have_url(f"{live_server.url}/diagnostic/")
    expect(page.locator(".messages .alert-success")).to_have_count(1)
    expect(page.locator("#drafts-title")).to_have_count(0)
    assert Assessment.objects.count() == 0


def test_a_campaign_invitation_opens_on_a_welcome_page(page, live_server, questionnaire):
    admin = MembershipFactory(role="admin")
    campaign = services.campaign_open(organisation=admin.organisation, opened_by=admin.user)
    invited = services.campaign_invite(
        campaign=campaign, email="lea@example.be", invited_by=admin.user
    )
    visit(page, reverse("diagnostic:access", kwargs={"token": access_token(invited)}))
    expect(page).to_have_url(f"{live_server.url}/diagnostic/{invited.uuid}/welcome/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(admin.organisation.name)
    follow(page, page.locator(f"main a[href='/diagnostic/{invited.uuid}/part/1/']"))
    expect(page).to_have_url(DIMENSION_URL)
