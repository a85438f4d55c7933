"""What a user notices walking through coaching: every link a page offers them opens, and
each page reads in the user's language."""

import re

import pytest
from django.urls import reverse

from coaching.exports import services as exports
from coaching.models import CalendarFeed, Intervision, IntervisionInvitation, PlanReport
from coaching.selection import services as selection
from tests.coaching.exports_data import rich_plan
from tests.coaching.factories import make_action, make_cohort, make_plan
from tests.coaching.sessions_factories import make_intervision
from tests.coaching.test_selection_services import application, selecting_cohort
from tests.conftest import agency_with_mfa
from tests.factories import CoachAssignmentFactory, CoachFactory, MembershipFactory

pytestmark = pytest.mark.django_db

HREF = re.compile(r'href="(/coaching/[^"#?]*)"')
DOWNLOADS = re.compile(r"\.(csv|xlsx|ics|pdf)$|/pdf/$")


@pytest.fixture
def english(client):
    client.cookies["django_language"] = "en"
    return client


def _coached_plan():
    cohort = make_cohort()
    coach = CoachFactory()
    admin = MembershipFactory(organisation__name="Ressourcerie QA", role="admin")
    CoachAssignmentFactory(coach=coach, organisation=admin.organisation)
    plan = make_plan(admin.organisation, cohort=cohort)
    make_action(plan, title="Inventorier les outils")
    return cohort, coach, plan


def _broken_links(client, url):
    content = client.get(url).content.decode()
    broken = []
    for href in sorted(set(HREF.findall(content))):
        if DOWNLOADS.search(href):
            continue
        status = client.get(href).status_code
        if status != 200:
            broken.append((href, status))
    return broken


def test_every_link_of_the_cohort_dashboard_opens_for_its_coach(english):
    cohort, coach, _plan = _coached_plan()
    english.force_login(coach)

    url = reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug})

    assert _broken_links(english, url) == []


def test_the_french_enrolment_page_writes_attendance_the_french_way(client):
    cohort, coach, plan = _coached_plan()
    member = plan.organisation.memberships.get().user
    intervision = Intervision.objects.create(
        cohort=cohort, title="Intervision 1", starts_at=plan.created_at, organised_by=coach
    )
    IntervisionInvitation.objects.create(
        intervision=intervision,
        user=member,
        enrolment=plan.enrolment,
        attendance=IntervisionInvitation.Attendance.PRESENT,
    )
    client.force_login(coach)

    response = client.get(reverse("coaching:enrolment_detail", kwargs={"pk": plan.enrolment.pk}))

    assert f"{member.display_name} : présent" in response.content.decode()


def test_the_english_calendar_page_names_google_calendar_in_english(english):
    _cohort, coach, _plan = _coached_plan()
    CalendarFeed.objects.create(user=coach)
    english.force_login(coach)

    page = english.get(reverse("coaching:calendar_settings")).content.decode()

    assert "<dt>Google Calendar</dt>" in page


def test_the_french_pdf_puts_the_french_space_before_a_steps_note():
    plan = rich_plan()
    report = PlanReport(plan=plan, language="fr", content_stamp="test")

    html = exports.plan_report_html(report)

    assert re.search(r"Réalisée le [^<:]+ : Rapport du diagnostic", html)


def test_a_refused_milestone_keeps_what_was_typed_and_says_which_field(english):
    _cohort, coach, plan = _coached_plan()
    english.force_login(coach)

    response = english.post(
        reverse("coaching:milestone_create", kwargs={"pk": plan.pk}),
        {"title": "Site web en ligne", "due_on": "someday"},
    )

    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="Site web en ligne"' in content
    assert "is-invalid" in content  # the date's field shows its own message
    assert not plan.milestones.exists()


def test_inviting_one_person_is_told_in_the_singular(enrolment, roles, client_for):
    intervision = make_intervision(enrolment.cohort, invite=False)
    url = reverse("coaching:intervision_invite", kwargs={"pk": intervision.pk})

    response = client_for(roles["coach"]).post(
        url, {"who": "chosen", "users": [roles["org_admin"].pk]}, follow=True
    )

    assert "1 personne est invitée et reçoit un e-mail." in response.content.decode()


def test_the_french_selection_table_says_a_told_enterprise_is_informee(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    cohort = selecting_cohort()
    app = application(cohort)
    selection.application_decide(application=app, status="selected", reason="Oui", by=None)
    selection.cohort_notify_applicants(cohort=cohort)
    client.force_login(agency_with_mfa())

    response = client.get(reverse("coaching:cohort_selection", kwargs={"slug": cohort.slug}))

    assert "Sélectionnée" in response.content.decode()
    assert "informée" in response.content.decode()


def test_the_cohort_dashboard_leads_the_coach_to_the_cohorts_intervisions(english):
    cohort, coach, _plan = _coached_plan()
    english.force_login(coach)

    page = english.get(reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}))

    assert (
        reverse("coaching:intervision_list", kwargs={"slug": cohort.slug}) in page.content.decode()
    )


def test_an_empty_cohort_dashboard_offers_the_agency_its_selection(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    cohort = make_cohort()
    client.force_login(agency_with_mfa())
    client.cookies["django_language"] = "en"

    page = client.get(reverse("coaching:cohort_dashboard", kwargs={"slug": cohort.slug}))

    content = page.content.decode()
    assert "No enterprise is enrolled yet." in content
    assert reverse("coaching:cohort_selection", kwargs={"slug": cohort.slug}) in content


def test_a_past_intervision_without_questions_does_not_wait_for_some(enrolment, roles, client_for):
    intervision = make_intervision(enrolment.cohort, days=-3)

    page = client_for(roles["member"]).get(
        reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
    )

    content = page.content.decode().replace("&#x27;", "'")
    assert "Aucune question n'a été posée avant l'intervision." in content
    assert "Aucune question pour l'instant." not in content


def test_the_evaluation_says_coaching_in_english_and_accompagnement_in_french(
    enrolment, roles, client_for
):
    url = reverse("coaching:evaluation_form", kwargs={"slug": enrolment.cohort.slug})
    client = client_for(roles["member"])

    french = client.get(url).content.decode().replace("&#x27;", "'")
    client.cookies["django_language"] = "en"
    english = client.get(url).content.decode().replace("&#x27;", "'")

    assert "Évaluer l'accompagnement" in french and "Dites au programme" in french
    assert "Evaluate the coaching" in english and "accompaniment" not in english


def test_the_members_dashboard_leads_to_their_coaching_page_with_no_session_planned(client):
    _cohort, _coach, plan = _coached_plan()
    client.force_login(plan.organisation.memberships.get().user)

    page = client.get(reverse("dashboard")).content.decode()

    assert reverse("coaching:enrolment_detail", kwargs={"pk": plan.enrolment.pk}) in page


def test_the_methodologys_buttons_name_their_step_in_the_readers_language(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(agency_with_mfa())
    client.cookies["django_language"] = "en"

    page = client.get(reverse("coaching:methodology")).content.decode()

    assert '<span class="visually-hidden"> — Run the self-diagnostic as a team</span>' in page
    assert '<span class="visually-hidden"> — Réaliser' not in page


def test_the_results_chooser_does_not_tell_staff_they_evaluate(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    cohort = make_cohort()
    client.force_login(agency_with_mfa())

    page = client.get(reverse("coaching:evaluation_results", kwargs={"slug": cohort.slug}))

    content = page.content.decode()
    assert "Partie du programme" in content
    assert "Ce que vous évaluez" not in content
