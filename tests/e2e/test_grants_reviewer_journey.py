"""An outside expert reviews grant applications: from the menu's "My reviews", a declaration of
no conflict, the call's criteria scored from the keyboard, a recommendation; the applications
not assigned to them do not exist for them; a declared conflict takes them off an application.
The agency then sees the scores side by side. Every page is audited at a desktop and a phone
width."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from grants.models import Review, ReviewerAssignment, Status
from tests.factories import AgencyStaffFactory, OrganisationFactory
from tests.grants.factories import make_application, make_call, reviewer
from tests.grants.review_factories import assign

from .a11y import follow, visit
from .steps import PASSWORD, form_with, log_in, log_out, submit_button


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _score_from_the_keyboard(page, fieldset, score: int) -> None:
    """Tab into the criterion's radio group, then move along it with the arrow keys: in a
    group of radio buttons the arrow keys choose as they move."""
    first = fieldset.locator("input[type=radio]").first
    first.focus()
    page.keyboard.press("Space")  # chooses 0
    for _ in range(score):
        page.keyboard.press("ArrowRight")
    expect(fieldset.locator("input[type=radio]:checked")).to_have_value(str(score))


def _not_found(page, path: str) -> None:
    """The address typed directly, with the expert's session: the page does not exist for
    them. (Asked through the browser's context, not opened in the tab: the console would
    report the 404 as an error of the journey.)"""
    answer = page.request.get(path)
    assert answer.status == 404
    assert "Page introuvable" in answer.text()


@pytest.mark.usefixtures("questionnaire")
def test_an_outside_expert_declares_scores_and_steps_aside(page, settings):
    settings.STAFF_REQUIRE_MFA = False  # the team journey logs in with TOTP
    staff = _with_password(AgencyStaffFactory())
    expert = _with_password(reviewer())
    call = make_call(title_fr="Bourse numérique 2027", title_en="Digital grant 2027")
    scored = make_application(
        OrganisationFactory(name="Atelier Vert"), Status.IN_REVIEW, call=call, staff=staff
    )
    linked = make_application(
        OrganisationFactory(name="Ressourcerie du Val"), Status.IN_REVIEW, call=call, staff=staff
    )
    stranger = make_application(
        OrganisationFactory(name="Coopérative Lointaine"), Status.IN_REVIEW, call=call
    )
    assign(scored, expert, by=staff)
    conflicted = assign(linked, expert, by=staff)

    # The expert logs in and finds their reviews in the account menu.
    log_in(page, expert.email)
    page.locator("#account-menu-button").click()
    follow(page, page.locator("header .dropdown-menu").get_by_role("link", name="Mes évaluations"))
    expect(page.locator("main h1")).to_have_text("Mes évaluations")
    to_declare = page.locator("main section[aria-labelledby=to-declare-title]")
    expect(to_declare.locator("li")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Coopérative Lointaine")

    # No conflict on the first: the review form, scored from the keyboard.
    follow(page, to_declare.locator("a", has_text=scored.title).filter(has_text=scored.reference))
    form = form_with(page, "declaration")
    form.get_by_role("radio", name=re.compile("aucun conflit d.intérêts")).check()
    follow(page, submit_button(form))
    expect(page.locator("main")).to_contain_text("Merci")
    scores = {"Pertinence": 4, "Faisabilité": 3, "Impact social": 5}
    for criterion, score in scores.items():
        fieldset = page.locator("main form fieldset fieldset", has_text=criterion)
        _score_from_the_keyboard(page, fieldset, score)
    form = form_with(page, "recommendation")
    form.get_by_label("Accorder", exact=True).check()
    form.locator("[name=comment]").fill("Un projet clair ; le calendrier est serré mais tenable.")
    follow(page, form.locator("button[name=submit]"))
    review = Review.objects.get(assignment__reviewer=expert, assignment__application=scored)
    assert review.submitted_at is not None
    # (4 × 3 + 3 × 2 + 5 × 1) / 6
    assert str(review.weighted_score) == "3.83"

    # An application not assigned to them: as if it did not exist.
    _not_found(page, reverse("grants:application_detail", kwargs={"pk": stranger.pk}))

    # A conflict on the second: taken off it, its page is gone for them.
    visit(page, reverse("grants:review_home"))
    follow(page, page.locator("main a", has_text=linked.reference))
    form = form_with(page, "declaration")
    form.get_by_role("radio", name=re.compile("^J.ai un conflit d.intérêts$")).check()
    form.locator("[name=details]").fill("J'ai conseillé cette ressourcerie l'an dernier.")
    follow(page, submit_button(form))
    conflicted.refresh_from_db()
    assert conflicted.has_conflict
    expect(page.locator("main section[aria-labelledby=to-declare-title] li")).to_have_count(0)
    _not_found(page, reverse("grants:application_detail", kwargs={"pk": linked.pk}))
    _not_found(page, reverse("grants:review_form", kwargs={"pk": conflicted.pk}))
    log_out(page)

    # The agency sees the scores side by side, and the conflict declared.
    log_in(page, staff.email)
    visit(page, reverse("grants:application_detail", kwargs={"pk": scored.pk}))
    follow(page, page.locator("main a", has_text="Voir les notes côte à côte"))
    table = page.locator("main table").first
    expect(table).to_contain_text(expert.display_name)
    for criterion, score in scores.items():
        expect(table.locator("tr", has_text=criterion)).to_contain_text(str(score))
    expect(table).to_contain_text("3,83")
    visit(page, reverse("grants:application_reviews", kwargs={"pk": linked.pk}))
    expect(page.locator("main")).to_contain_text(expert.display_name)
    expect(page.locator("main")).to_contain_text("J'ai conseillé cette ressourcerie l'an dernier.")
    assert ReviewerAssignment.objects.filter(application=linked, reviewer=expert).exists()
