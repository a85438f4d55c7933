"""A coach logs an individual session and records who came to an intervision; a member of
the enterprise reads the session's shared notes (never the private ones) and posts a
question for the next intervision, anonymously; the coach finds it grouped by theme.

The cohort, the enrolment and the intervisions are written through the services (the
selection and the organising of intervisions are other journeys' subjects); every page the
coach and the member reach is audited at both widths. Selectors follow URLs and field names
rather than wording (the site answers in French)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from coaching.models import CoachingSession, IntervisionQuestion
from coaching.selectors import dimension_titles
from coaching.sessions import services
from tests.coaching.factories import enrol, make_cohort
from tests.coaching.sessions_factories import when
from tests.factories import CoachAssignmentFactory, MembershipFactory, OrganisationFactory

from .a11y import follow, visit
from .steps import PASSWORD, log_in, log_out, submit_button

SHARED = "Deux postes ne sont pas sauvegardés : à régler ce mois-ci."
PRIVATE = "La direction hésite à y consacrer du temps."
QUESTION = "Comment parler de cybersécurité à une équipe qui en a peur ?"


@pytest.mark.usefixtures("questionnaire")
def test_a_coach_logs_a_session_and_a_member_asks_a_question(page, live_server):
    organisation = OrganisationFactory(name="Ressourcerie des Collines")
    member = MembershipFactory(organisation=organisation, user__password=PASSWORD).user
    colleague = MembershipFactory(organisation=organisation, role="admin").user
    coach = CoachAssignmentFactory(organisation=organisation, coach__password=PASSWORD).coach
    cohort = make_cohort(name="Cohorte des collines")
    enrolment = enrol(organisation, cohort)
    held = services.intervision_create(
        cohort=cohort, organised_by=coach, title="Intervision de rentrée", starts_at=when(2)
    )
    services.intervision_invite(intervision=held, by=coach)
    services.intervision_update(intervision=held, starts_at=when(-1, hour=14))
    coming = services.intervision_create(
        cohort=cohort, organised_by=coach, title="Sécurité et données", starts_at=when(10)
    )
    services.intervision_invite(intervision=coming, by=coach)

    # The coach logs the session from the enterprise's coaching page.
    log_in(page, coach.email)
    enrolment_url = reverse("coaching:enrolment_detail", kwargs={"pk": enrolment.pk})
    visit(page, enrolment_url)
    create_url = reverse("coaching:session_create", kwargs={"pk": enrolment.pk})
    follow(page, page.locator(f"main a[href='{create_url}']"))
    form = page.locator("main form:has([name=topics])")
    form.locator("[name=starts_at]").fill(when(-2).strftime("%Y-%m-%dT%H:%M"))
    form.locator("[name=duration_minutes]").fill("75")
    form.locator("[name=topics]").fill("Sauvegardes")
    form.locator("[name=shared_notes]").fill(SHARED)
    form.locator("[name=private_notes]").fill(PRIVATE)
    form.locator("[name=next_steps]").fill("Acheter un disque externe")
    follow(page, submit_button(form))
    session = CoachingSession.objects.get(enrolment=enrolment)
    assert (session.coach, session.duration_minutes, session.private_notes) == (coach, 75, PRIVATE)
    expect(page).to_have_url(
        re.compile(reverse("coaching:session_detail", kwargs={"pk": session.pk}) + "$")
    )

    # Then records who came to the intervision that took place, in one form.
    visit(page, reverse("coaching:intervision_detail", kwargs={"pk": held.pk}))
    present = held.invitations.get(user=member)
    excused = held.invitations.get(user=colleague)
    page.locator(f"[name=attendance-{present.pk}][value=present]").check()
    page.locator(f"[name=attendance-{excused.pk}][value=excused]").check()
    attendance_url = reverse("coaching:intervision_attendance", kwargs={"pk": held.pk})
    follow(page, submit_button(page.locator(f"main form[action='{attendance_url}']")))
    present.refresh_from_db()
    excused.refresh_from_db()
    assert (present.attendance, excused.attendance) == ("present", "excused")
    log_out(page)

    # The member reads the shared notes, never the private ones.
    log_in(page, member.email)
    visit(page, enrolment_url)
    expect(page.locator("main")).to_contain_text(SHARED)
    expect(page.locator("main")).not_to_contain_text(PRIVATE)
    follow(
        page,
        page.locator(
            f"main a[href='{reverse('coaching:session_detail', kwargs={'pk': session.pk})}']"
        ),
    )
    expect(page.locator("main")).to_contain_text(SHARED)
    expect(page.locator("main")).not_to_contain_text(PRIVATE)

    # … and asks a question for the next intervision, anonymously.
    coming_url = reverse("coaching:intervision_detail", kwargs={"pk": coming.pk})
    visit(page, coming_url)
    form = page.locator("main form:has([name=text])")
    form.locator("[name=text]").fill(QUESTION)
    form.locator("[name=theme]").select_option("security")
    form.locator("[name=anonymous]").check()
    follow(page, submit_button(form))
    question = IntervisionQuestion.objects.get(intervision=coming)
    assert (question.text, question.theme, question.author_id) == (QUESTION, "security", None)
    expect(page.locator("#questions")).to_contain_text(QUESTION)
    log_out(page)

    # The coach finds it under its theme, with no author.
    long = IntervisionQuestion.objects.create(
        intervision=coming, text=" ".join([QUESTION] * 3), theme="security"
    )
    log_in(page, coach.email)
    visit(page, coming_url)
    item = page.locator(f"#question-{question.pk}")
    expect(item).to_contain_text(QUESTION)
    # Each question's button stands beside it, a long one's too (desktop width).
    for pk in (question.pk, long.pk):
        gap = page.locator(f"#question-{pk}").evaluate(
            "li => Math.abs(li.children[0].getBoundingClientRect().top"
            " - li.children[1].getBoundingClientRect().top)"
        )
        assert gap < 12
    expect(item).not_to_contain_text(member.display_name)
    with translation.override("fr"):
        theme = dimension_titles()["security"]
    grouped = page.locator(f"#questions h3:has-text('{theme}') + ul #question-{question.pk}")
    expect(grouped).to_have_count(1)
    # It marks it taken up from the keyboard (htmx swaps the question in place): the focus
    # stays on the question, now with its "undo" button, so that the round goes on.
    item.locator("button[type=submit]").focus()
    page.keyboard.press("Enter")
    expect(item.locator(".badge")).to_be_visible()
    expect(item.locator("button[type=submit]")).to_be_focused()
    question.refresh_from_db()
    assert question.taken_up_at is not None
