"""A coach creates an enterprise's transformation plan from its diagnostic, moves actions on
the board with the keyboard (htmx swaps the board, the focus stays on the moved card) and
once through the form as it posts without JavaScript; a stale card (the admin dropped the
action meanwhile) is refused and the board shown as it is now. The enterprise's admin then
sees the plan, edits its vision, filters its actions, and is refused a due date before the
start. The diagnostic is submitted through the services (answering in the browser is the
diagnostic journey's subject); every page reached is audited at both widths.
Selectors follow URLs, ids and field names rather than wording (the site answers in French).
"""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coaching import services
from coaching.models import Action, Plan, Step
from diagnostic.services import assessment_start, assessment_submit
from tests.coaching.factories import enrol, make_action
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory, OrganisationFactory

from . import a11y
from .a11y import check_a11y, follow, visit
from .steps import PASSWORD, form_with, log_in, log_out, submit_button


@pytest.mark.usefixtures("questionnaire")
def test_a_coach_builds_the_plan_and_moves_actions_the_member_sees_it(page, live_server):
    organisation = OrganisationFactory(name="La Ressourcerie du Condroz")
    admin = MembershipFactory(organisation=organisation, role="admin", user__password=PASSWORD).user
    coach = CoachAssignmentFactory(organisation=organisation, coach__password=PASSWORD).coach
    assessment = assessment_start(respondent=admin, organisation=organisation)
    result = assessment_submit(assessment=answer_everything(assessment, rank=1)).result
    enrolment = enrol(organisation)
    # The programme's methodology, as its migration loads it: the first step of the first phase.
    step = Step.objects.order_by("phase__position", "position").first()

    # The coach opens the new plan's page: the latest diagnostic is chosen, its weakest
    # dimensions proposed as first actions, all ticked.
    log_in(page, coach.email)
    visit(page, reverse("coaching:plan_create", kwargs={"pk": enrolment.pk}))
    expect(page.locator(f"#result-{result.pk}")).to_be_checked()
    form = form_with(page, "vision")
    proposals = form.locator("input[type=checkbox][name^=keep_]")
    expect(proposals).to_have_count(3)
    form.locator("[name=vision]").fill("Des outils simples que toute l'équipe maîtrise.")
    form.locator("[name=objectives]").fill("Sécuriser nos données\nGagner du temps")
    proposals.nth(2).uncheck()
    follow(page, submit_button(form))
    plan = Plan.objects.get(enrolment=enrolment)
    expect(page).to_have_url(re.compile(rf"{plan.get_absolute_url()}$"))
    assert plan.baseline_result == result and plan.actions.count() == 2

    # On the board, with the keyboard: from the card's title, Tab to its status, choose
    # "in progress", Tab to "Move", Enter. htmx swaps the board; the focus stays on the card.
    first, second = plan.actions.order_by("position", "pk")
    third = make_action(plan, title="Refaire le site web", position=9)
    board_url = reverse("coaching:plan_board", kwargs={"pk": plan.pk})
    follow(page, page.locator(f"main nav a[href='{board_url}']"))
    page.locator(f"#action-{first.pk} h3 a").focus()
    page.keyboard.press("Tab")
    status = page.locator(f"#status-{first.pk}")
    expect(status).to_be_focused()
    page.keyboard.press("ArrowDown")  # to do → in progress
    expect(status).to_have_value("in_progress")
    page.keyboard.press("Tab")
    expect(page.locator(f"#action-{first.pk} button[type=submit]")).to_be_focused()
    with page.expect_response(lambda r: r.request.method == "POST") as moved:
        page.keyboard.press("Enter")
    assert moved.value.status == 200
    column = page.locator("section:has(#column-in_progress)")
    expect(column.locator(f"#action-{first.pk}")).to_be_visible()
    expect(page.locator(f"#status-{first.pk}")).to_be_focused()
    expect(page.locator("#board-status")).to_contain_text(first.title)
    assert page.url.endswith(board_url)  # the board was swapped in place
    check_a11y(page)

    # On with the keyboard: the same card, now "in progress", moved to "done".
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f"#status-{first.pk}")).to_have_value("done")
    page.keyboard.press("Tab")
    with page.expect_response(lambda r: r.request.method == "POST"):
        page.keyboard.press("Enter")
    expect(page.locator(f"section:has(#column-done) #action-{first.pk}")).to_be_visible()
    first.refresh_from_db()
    assert (first.status, first.progress) == (Action.Status.DONE, 100)

    # Meanwhile the admin drops the third action: the coach's card of it is stale. Their
    # move is refused (409), the board comes back as it is now, and they are told.
    services.action_set_status(action=third, status="dropped", by=admin, version=1)
    card = page.locator(f"#action-{third.pk} form")
    card.locator("[name=status]").select_option("done")
    with page.expect_response(lambda r: r.request.method == "POST") as refused:
        card.locator("button[type=submit]").click()
    assert refused.value.status == 409
    expect(page.locator(f"section:has(#column-dropped) #action-{third.pk}")).to_be_visible()
    expect(page.locator("#board .alert")).to_contain_text("Abandonnée")
    expect(page.locator("#board-status")).to_contain_text("Abandonnée")
    third.refresh_from_db()
    assert third.status == Action.Status.DROPPED
    # Chromium reports every 4xx answer in its console: this one is the refusal expected.
    errors = a11y._AUDITS[id(page)].console_errors
    refusal = [e for e in errors if "409" in e and f"/coaching/actions/{third.pk}/status/" in e]
    assert len(refusal) == 1
    errors.remove(refusal[0])

    # The same form without JavaScript: a plain POST (no htmx), a redirect to the board and
    # a message. form.submit() posts as a browser without scripts does.
    card = page.locator(f"#action-{second.pk} form")
    card.locator("[name=status]").select_option("blocked")
    card.locator("[name=comment]").evaluate("input => { input.value = 'En attente du budget'; }")
    with page.expect_navigation():
        card.evaluate("form => form.submit()")
    check_a11y(page)
    expect(page).to_have_url(re.compile(rf"{board_url}#action-{second.pk}$"))
    expect(page.locator(".messages [role=status]")).to_contain_text(second.title)
    expect(page.locator(f"section:has(#column-blocked) #action-{second.pk}")).to_be_visible()
    change = second.status_changes.last()
    assert (change.to_status, change.comment, change.changed_by) == (
        "blocked",
        "En attente du budget",
        coach,
    )
    log_out(page)

    # The enterprise's admin sees the plan, its vision and the moved actions.
    log_in(page, admin.email)
    visit(page, plan.get_absolute_url())
    expect(page.locator("main")).to_contain_text("Des outils simples")
    # A milestone, and a step of the programme done with its deliverable, then reopened
    # (asked first: the note is forgotten).
    form = form_with(page, "due_on")
    form.locator("[name=title]").fill("Sauvegardes en place")
    form.locator("[name=due_on]").fill("2027-03-31")
    follow(page, submit_button(form))
    assert plan.milestones.get().title == "Sauvegardes en place"
    form = page.locator(f"#methodology form:has(#step-note-{step.pk})")
    form.locator("[name=note]").fill("Compte rendu partagé")
    follow(page, submit_button(form))
    assert plan.step_completions.get().note == "Compte rendu partagé"
    confirm_url = reverse(
        "coaching:step_reopen_confirm", kwargs={"pk": plan.pk, "step_pk": step.pk}
    )
    follow(page, page.locator(f"main a[href='{confirm_url}']"))
    expect(page.locator("main")).to_contain_text("Compte rendu partagé")
    follow(page, submit_button(page.locator("main form")))
    assert not plan.step_completions.exists()

    # They add to the vision (the form carries the version it was read at).
    edit_url = reverse("coaching:plan_edit", kwargs={"pk": plan.pk})
    follow(page, page.locator(f"main a[href='{edit_url}']"))
    form = form_with(page, "vision")
    form.locator("[name=vision]").fill("Des outils simples, sûrs, que toute l'équipe maîtrise.")
    follow(page, submit_button(form))
    expect(page).to_have_url(re.compile(rf"{plan.get_absolute_url()}$"))
    plan.refresh_from_db()
    assert plan.vision.startswith("Des outils simples, sûrs") and plan.version == 2

    visit(page, board_url)
    expect(page.locator(f"section:has(#column-done) #action-{first.pk}")).to_be_visible()
    follow(page, page.locator(f"#action-{second.pk} h3 a"))
    expect(page.locator("main .timeline")).to_contain_text("En attente du budget")

    # The list of actions, filtered to the blocked ones.
    list_url = reverse("coaching:plan_actions", kwargs={"pk": plan.pk})
    follow(page, page.locator(f"main nav a[href='{list_url}']"))
    form = form_with(page, "overdue")
    form.locator("[name=status]").select_option("blocked")
    follow(page, submit_button(form))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(second.title)

    # An action's form: a due date before its start is refused, and nothing changes.
    visit(page, reverse("coaching:action_edit", kwargs={"pk": second.pk}))
    form = form_with(page, "due_on")
    form.locator("[name=starts_on]").fill("2026-05-01")
    form.locator("[name=due_on]").fill("2026-04-01")
    follow(page, submit_button(form))
    expect(page.locator("[data-error-summary]")).to_be_focused()
    second.refresh_from_db()
    assert second.due_on is None
