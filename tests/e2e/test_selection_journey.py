"""The agency opens a cohort and its call; an enterprise's admin applies; the agency starts
the selection, scores and selects the enterprise, tells the applicants, starts the coaching
and assigns a coach with an area of expertise; then reorders the methodology. Every page is
audited at a desktop and a phone width."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coaching.models import Application, Cohort, Enrolment, Phase
from network.models import CoachAssignment
from tests.coaching.factories import make_cohort
from tests.factories import AgencyStaffFactory, CoachFactory, MembershipFactory

from .a11y import follow, visit
from .steps import PASSWORD, form_with, log_in, log_out, submit_button

MOTIVATION = "Nous voulons un plan numérique réaliste, porté par toute l'équipe et nos bénévoles."


def _with_password(user):
    user.set_password(PASSWORD)
    user.save()
    return user


def _main_button(page, text):
    return page.locator("main button[type=submit]", has_text=text)


@pytest.mark.usefixtures("questionnaire")
def test_a_cohort_from_its_call_to_its_coaches(page, settings):
    settings.STAFF_REQUIRE_MFA = False  # the team journey logs in with TOTP
    staff = _with_password(AgencyStaffFactory())
    admin = _with_password(MembershipFactory(role="admin", organisation__name="Atelier Vert").user)
    coach = CoachFactory(first_name="Nadia", last_name="Coach")
    today = timezone.localdate()

    # The agency opens a cohort, then its call.
    log_in(page, staff.email)
    visit(page, reverse("coaching:cohort_list"))
    follow(page, page.locator(f"main a[href='{reverse('coaching:cohort_create')}']"))
    form = form_with(page, "call_opens_on")
    form.locator("[name=name]").fill("Cohorte 2027")
    form.locator("[name=call_opens_on]").fill(today.isoformat())
    form.locator("[name=call_closes_on]").fill((today + datetime.timedelta(days=30)).isoformat())
    form.locator("[name=starts_on]").fill((today + datetime.timedelta(days=60)).isoformat())
    form.locator("[name=ends_on]").fill((today + datetime.timedelta(days=420)).isoformat())
    form.locator("[name=capacity]").fill("2")
    follow(page, submit_button(form))
    cohort = Cohort.objects.get(name="Cohorte 2027")
    expect(page).to_have_url(re.compile(re.escape(cohort.get_absolute_url()) + "$"))
    follow(page, _main_button(page, "Ouvrir l'appel"))
    expect(page.locator("main .badge").first).to_have_text("Appel à manifestation d'intérêt ouvert")
    log_out(page)

    # An enterprise's admin finds the call and applies.
    log_in(page, admin.email)
    visit(page, reverse("coaching:call_list"))
    follow(page, page.locator("main a", has_text="Poser sa candidature"))
    form = form_with(page, "motivation")
    form.locator("[name=motivation]").fill(MOTIVATION)
    follow(page, submit_button(form))
    expect(page.locator("main")).to_contain_text("Vos organisations ont posé leur candidature")
    assert Application.objects.get().motivation == MOTIVATION
    log_out(page)

    # The call closes (time passes); the agency selects.
    Cohort.objects.filter(pk=cohort.pk).update(
        call_opens_on=today - datetime.timedelta(days=31),
        call_closes_on=today - datetime.timedelta(days=1),
    )
    log_in(page, staff.email)
    visit(page, cohort.get_absolute_url())
    follow(page, _main_button(page, "Commencer la sélection"))
    follow(page, page.locator("main a", has_text="La sélection"))
    card = page.locator("main article", has_text="Atelier Vert")
    for field, score in zip(
        ("transformation", "feasibility", "human", "financial"), "4352", strict=True
    ):
        card.locator(f"[name$='-{field}']").fill(score)
    follow(page, card.locator("button", has_text="Enregistrer les notes"))
    expect(page.locator("main table tbody tr").first).to_contain_text("14")
    card = page.locator("main article", has_text="Atelier Vert")
    card.get_by_label("Retenir", exact=True).check()
    card.locator("[name$='-reason']").fill("Projet clair, équipe motivée.")
    follow(page, card.locator("button", has_text="Enregistrer la décision"))
    follow(page, _main_button(page, "Envoyer la décision"))
    expect(page.locator("main")).to_contain_text("Chaque candidat a été informé.")
    assert Enrolment.objects.get(cohort=cohort).application.notified_at is not None

    # The coaching starts; a coach is assigned with an area of expertise.
    visit(page, cohort.get_absolute_url())
    follow(page, _main_button(page, "Commencer l'accompagnement"))
    enrolment = page.locator("main article", has_text="Atelier Vert")
    enrolment.locator("summary", has_text="Attribuer un coach").click()
    enrolment.locator("select[name=coach]").select_option(str(coach.pk))
    enrolment.get_by_label("Cybersécurité").check()
    follow(page, enrolment.locator("button", has_text="Attribuer"))
    expect(page.locator("main article", has_text="Atelier Vert")).to_contain_text("Nadia Coach")
    assignment = CoachAssignment.objects.get(coach=coach)
    assert list(assignment.areas.values_list("code", flat=True)) == ["security"]

    # The list of cohorts fits a desktop's width, the longest status written out in full.
    make_cohort(
        name="DigitalEES — cohorte pilote 2028",
        status=Cohort.Status.CALL_OPEN,
        call_opens_on=today,
        call_closes_on=today + datetime.timedelta(days=30),
        starts_on=today + datetime.timedelta(days=60),
        ends_on=today + datetime.timedelta(days=425),
    )
    visit(page, reverse("coaching:cohort_list"))
    region = page.locator("main table").locator("xpath=..")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")

    # The methodology: the last phase moves up; a step is added to it, then removed.
    visit(page, reverse("coaching:methodology"))
    # At a desktop width each step's buttons stand beside its titles, not under some of them.
    gaps = page.eval_on_selector_all(
        "main li.list-group-item",
        "els => els.map(li => Math.abs(li.children[0].getBoundingClientRect().top"
        " - li.children[1].getBoundingClientRect().top))",
    )
    assert gaps and max(gaps) < 12
    last = Phase.objects.order_by("position").last()
    phase = page.locator("main section", has_text=last.title_fr).last
    follow(page, phase.locator("button", has_text="Monter").first)
    assert Phase.objects.order_by("position").last() != last
    phase = page.locator("main section", has_text=last.title_fr).first
    follow(page, phase.locator("a", has_text="Ajouter une étape"))
    form = form_with(page, "deliverable_fr")
    form.locator("[name=title_fr]").fill("Atelier de partage")
    form.locator("[name=title_en]").fill("Sharing workshop")
    form.locator("[name=deliverable_fr]").fill("Compte rendu")
    form.locator("[name=deliverable_en]").fill("Minutes")
    follow(page, submit_button(form))
    step = last.steps.get(title_en="Sharing workshop")
    item = page.locator("main li", has_text="Atelier de partage")
    follow(page, item.locator("a", has_text="Retirer"))
    follow(page, _main_button(page, "Retirer"))
    expect(page.locator("main")).to_contain_text("L'étape est supprimée.")
    assert not last.steps.filter(pk=step.pk).exists()
