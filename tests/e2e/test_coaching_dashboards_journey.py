"""A coach finds where each of their enterprises stands; a member sees their plan against
the cohort's median and evaluates the accompaniment; the agency reads the results and closes
the cohort. Every page is audited at a desktop and a phone width. Selectors follow URLs and
field names rather than wording (the site answers in French)."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coaching.evaluation.services import evaluation_theme_create
from coaching.models import Cohort, Evaluation, EvaluationTheme
from tests.coaching.factories import make_action, make_cohort, make_plan
from tests.factories import (
    AgencyStaffFactory,
    CoachAssignmentFactory,
    CoachFactory,
    MembershipFactory,
)

from .a11y import follow
from .steps import PASSWORD, form_with, log_in, log_out, submit_button


def test_coach_member_and_agency_follow_a_cohort(page, settings, mailoutbox):
    settings.STAFF_REQUIRE_MFA = False  # the team journey logs in with TOTP
    coach = CoachFactory(password=PASSWORD)
    cohort = make_cohort(name="Cohorte du parcours")
    admins = []
    for name, progress, late in (
        ("Atelier Alpha", 60, 0),
        ("Boutique Beta", 20, 2),
        ("Café", 40, 0),
    ):
        membership = MembershipFactory(
            organisation__name=name, role="admin", user__password=PASSWORD
        )
        CoachAssignmentFactory(coach=coach, organisation=membership.organisation)
        plan = make_plan(membership.organisation, cohort=cohort)
        make_action(plan, title=f"Action de {name}", progress=progress, status="in_progress")
        for n in range(late):
            make_action(
                plan,
                title=f"En retard {n}",
                due_on=timezone.localdate() - datetime.timedelta(days=4),
            )
        admins.append(membership.user)
    EvaluationTheme.objects.all().delete()  # the themes' data migration's: the journey's own
    themes = [
        evaluation_theme_create(title_fr="Les outils", title_en="The tools"),
        evaluation_theme_create(title_fr="Les intervisions", title_en="Intervisions"),
    ]

    # The coach: from the page after log-in to their enterprises, overdue ones first.
    log_in(page, coach.email)
    follow(page, page.locator(f"main a[href='{reverse('coaching:coach_dashboard')}']"))
    rows = page.locator("main table tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.first).to_contain_text("Boutique Beta")
    log_out(page)

    # A member: their plan and the cohort's median, then the evaluation.
    log_in(page, admins[0].email)
    main = page.locator("main")
    expect(main).to_contain_text("Atelier Alpha")
    expect(main).not_to_contain_text("Boutique Beta")
    evaluation_url = reverse("coaching:evaluation_form", kwargs={"slug": cohort.slug})
    follow(page, page.locator(f"main a[href='{evaluation_url}']"))
    form = form_with(page, f"verdict_{themes[0].pk}")
    form.locator(f"[name=verdict_{themes[0].pk}][value=keep]").check()
    form.locator(f"[name=verdict_{themes[1].pk}][value=improve]").check()
    form.locator(f"[name=comment_{themes[1].pk}]").fill("Plus de temps entre les séances.")
    follow(page, submit_button(form))
    expect(page).to_have_url(re.compile(r"/dashboard/$"))
    assert Evaluation.objects.filter(respondent=admins[0]).count() == 1
    log_out(page)

    # The agency: the cohort from the page after log-in, its evaluation, then closing it.
    staff = AgencyStaffFactory(password=PASSWORD)
    log_in(page, staff.email)
    dashboard_url = reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug})
    follow(page, page.locator(f"main a[href='{dashboard_url}']"))
    expect(page.locator("main table tbody tr")).to_have_count(3)
    results_url = reverse("coaching:evaluation_results", kwargs={"slug": cohort.slug})
    follow(page, page.locator(f"main a[href='{results_url}']"))
    expect(page.locator("main")).to_contain_text("Plus de temps entre les séances.")
    themes_url = reverse("coaching:evaluation_themes")
    follow(page, page.locator(f"main a[href='{themes_url}']"))
    new_theme = form_with(page, "new-title_fr")
    new_theme.locator("[name=new-title_fr]").fill("Le site web")
    new_theme.locator("[name=new-title_en]").fill("The website")
    follow(page, submit_button(new_theme))
    expect(page.locator("main table")).to_contain_text("Le site web")
    follow(page, page.locator(f"main a[href='{results_url}']"))
    follow(page, page.locator(f"main a[href='{dashboard_url}']"))
    confirm_url = reverse("coaching:cohort_close_confirm", kwargs={"slug": cohort.slug})
    follow(page, page.locator(f"main a[href='{confirm_url}']"))
    follow(page, submit_button(page.locator("main form")))
    expect(page).to_have_url(re.compile(re.escape(dashboard_url) + "$"))
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.CLOSED
    assert len(mailoutbox) == 3  # each admin invited to run the closing diagnostic
