"""Cohorts, selection and the methodology through the browser's requests: what each role
sees, the bad inputs and their messages, and the number of queries of each list."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from coaching import services
from coaching.models import Application, ApplicationScore, Cohort, Enrolment, Phase, Step
from coaching.selection import services as selection
from diagnostic.services import assessment_start, assessment_submit
from network.models import CoachAssignment, Topic
from tests.conftest import agency_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachFactory, MembershipFactory, OrganisationFactory

from .factories import make_cohort, make_plan
from .test_selection_services import (
    GOOD,
    MOTIVATION,
    admin_of,
    application,
    open_cohort,
    selecting_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, settings):
    settings.STAFF_REQUIRE_MFA = True
    client.force_login(agency_with_mfa())
    client.cookies["django_language"] = "en"
    return client


def _as(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _text(response) -> str:
    return response.content.decode()


# --- Applying ----------------------------------------------------------------------------


def test_an_admin_applies_and_is_acknowledged(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = open_cohort(name="Cohorte 2027")
    organisation = OrganisationFactory(name="Atelier Vert")
    admin = admin_of(organisation)
    _as(client, admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug}),
            {"organisation": organisation.pk, "motivation": MOTIVATION},
            follow=True,
        )
    assert response.redirect_chain[-1][0] == reverse("coaching:call_list")
    assert "The application of Atelier Vert is sent." in _text(response)
    saved = Application.objects.get()
    assert (saved.organisation, saved.submitted_by, saved.motivation) == (
        organisation,
        admin,
        MOTIVATION,
    )
    assert [m.to for m in mailoutbox] == [[admin.email]]
    # The open calls now say so.
    assert "Your organisations have applied." in _text(response)


def test_applying_twice_is_told_and_changes_nothing(client):
    cohort = open_cohort()
    organisation = OrganisationFactory(name="Atelier Vert")
    _as(client, admin_of(organisation))
    url = reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug})
    client.post(url, {"organisation": organisation.pk, "motivation": MOTIVATION})
    response = client.post(url, {"organisation": organisation.pk, "motivation": "Encore " * 10})
    assert response.status_code == 200
    assert "Atelier Vert has already applied to this cohort." in _text(response)
    assert Application.objects.get().motivation == MOTIVATION


def test_applying_after_the_call_closed_is_refused(client):
    today = timezone.localdate()
    cohort = open_cohort(
        call_opens_on=today - datetime.timedelta(days=30),
        call_closes_on=today - datetime.timedelta(days=1),
    )
    organisation = OrganisationFactory()
    _as(client, admin_of(organisation))
    url = reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug})
    page = client.get(url)
    assert "The call of this cohort is not open" in _text(page)
    assert 'name="motivation"' not in _text(page)
    response = client.post(url, {"organisation": organisation.pk, "motivation": MOTIVATION})
    assert "The call of this cohort is not open: applications are not accepted." in _text(response)
    assert not Application.objects.exists()


def test_applying_for_an_organisation_one_does_not_admin_is_refused(client):
    cohort = open_cohort()
    mine = admin_of()
    theirs = OrganisationFactory()
    _as(client, mine)
    response = client.post(
        reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug}),
        {"organisation": theirs.pk, "motivation": MOTIVATION},
    )
    assert response.status_code == 200
    assert "Choose one of the organisations you are admin of." in _text(response)
    assert not Application.objects.exists()


def test_a_member_who_is_not_admin_cannot_apply(client):
    cohort = open_cohort()
    membership = MembershipFactory(role="member")
    _as(client, membership.user)
    url = reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug})
    assert "Only an admin of an organisation applies for it." in _text(client.get(url))
    response = client.post(
        url, {"organisation": membership.organisation.pk, "motivation": MOTIVATION}
    )
    assert response.status_code == 403
    assert not Application.objects.exists()


def test_a_cohort_in_preparation_is_not_shown_to_applicants(client):
    cohort = make_cohort(status=Cohort.Status.DRAFT)
    _as(client, admin_of())
    response = client.get(reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug}))
    assert response.status_code == 404


def test_the_calls_show_only_open_calls(client):
    open_cohort(name="Cohorte ouverte")
    make_cohort(name="Cohorte en cours")  # running
    make_cohort(name="Cohorte en préparation", status=Cohort.Status.DRAFT)
    text = _text(client.get(reverse("coaching:call_list")))
    assert "Cohorte ouverte" in text
    assert "Cohorte en cours" not in text
    assert "Cohorte en préparation" not in text


# --- The selection -----------------------------------------------------------------------


def test_the_selection_table_shows_each_criterion_side_by_side(staff_client):
    cohort = selecting_cohort()
    app = application(cohort, OrganisationFactory(name="Atelier Vert"))
    selection.application_score(application=app, scores=GOOD, by=None)
    text = _text(
        staff_client.get(reverse("coaching:cohort_selection", kwargs={"slug": cohort.slug}))
    )
    assert "Transformational aim" in text
    assert '<td class="text-end fw-semibold">14</td>' in text  # 4 + 3 + 5 + 2
    assert MOTIVATION.replace("'", "&#x27;") in text


def test_a_score_out_of_range_is_told_and_nothing_is_saved(staff_client):
    app = application(selecting_cohort(), OrganisationFactory(name="Atelier Vert"))
    data = {f"a{app.pk}-{c}": s for c, s in {**GOOD, "human": 9}.items()}
    response = staff_client.post(
        reverse("coaching:application_score", kwargs={"pk": app.pk}), data, follow=True
    )
    assert "The scores of Atelier Vert are not saved: Human resources: Score from 0 to 5." in (
        _text(response)
    )
    assert not ApplicationScore.objects.exists()


def test_scores_are_saved_from_the_table(staff_client):
    app = application(selecting_cohort())
    data = {f"a{app.pk}-{c}": s for c, s in GOOD.items()}
    staff_client.post(reverse("coaching:application_score", kwargs={"pk": app.pk}), data)
    assert dict(app.scores.values_list("criterion", "score")) == GOOD


def test_selecting_beyond_the_places_is_told_and_enrols_nobody_more(staff_client):
    cohort = selecting_cohort(capacity=1)
    first, second = application(cohort), application(cohort)
    for app in (first, second):
        response = staff_client.post(
            reverse("coaching:application_decide", kwargs={"pk": app.pk}),
            {f"d{app.pk}-status": "selected", f"d{app.pk}-reason": "Projet solide."},
            follow=True,
        )
    assert "The cohort&#x27;s 1 places are taken" in _text(response)
    assert list(Enrolment.objects.values_list("application", flat=True)) == [first.pk]
    second.refresh_from_db()
    assert second.status == "submitted"


def test_a_decision_without_reasons_is_told(staff_client):
    app = application(selecting_cohort())
    response = staff_client.post(
        reverse("coaching:application_decide", kwargs={"pk": app.pk}),
        {f"d{app.pk}-status": "selected"},
        follow=True,
    )
    assert "The decision on" in _text(response)
    assert "Reasons for the decision: This field is required." in _text(response)
    app.refresh_from_db()
    assert app.status == "submitted"


def test_notifying_twice_sends_each_e_mail_once(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    cohort = selecting_cohort()
    app = application(cohort)
    selection.application_decide(application=app, status="selected", reason="Oui", by=None)
    url = reverse("coaching:cohort_notify", kwargs={"slug": cohort.slug})
    with django_capture_on_commit_callbacks(execute=True):
        first = staff_client.post(url, follow=True)
    with django_capture_on_commit_callbacks(execute=True):
        second = staff_client.post(url, follow=True)
    assert "The decision is sent to 1 applicant." in _text(first)
    assert "Every applicant has already been told: nothing was sent." in _text(second)
    assert len(mailoutbox) == 1


# --- Cohorts ------------------------------------------------------------------------------


def test_a_cohort_with_dates_out_of_order_is_not_created(staff_client):
    response = staff_client.post(
        reverse("coaching:cohort_create"),
        {
            "name": "Cohorte 2028",
            "call_opens_on": "2027-09-01",
            "call_closes_on": "2027-08-15",
            "starts_on": "2028-01-10",
            "ends_on": "2028-12-20",
            "capacity": 15,
            "hours_per_enterprise": "40",
        },
    )
    assert response.status_code == 200
    assert "The call cannot close before it opens." in _text(response)
    assert not Cohort.objects.filter(name="Cohorte 2028").exists()


def test_a_cohort_is_created_as_a_draft(staff_client):
    response = staff_client.post(
        reverse("coaching:cohort_create"),
        {
            "name": "Cohorte 2028",
            "call_opens_on": "2027-09-01",
            "call_closes_on": "2027-10-15",
            "starts_on": "2028-01-10",
            "ends_on": "2028-12-20",
            "capacity": 12,
            "hours_per_enterprise": "36",
        },
    )
    cohort = Cohort.objects.get(name="Cohorte 2028")
    assert response.url == cohort.get_absolute_url()
    assert (cohort.status, cohort.capacity, cohort.slug) == ("draft", 12, "cohorte-2028")


def test_coaching_does_not_start_with_no_enrolment(staff_client):
    cohort = selecting_cohort()
    response = staff_client.post(
        reverse("coaching:cohort_advance", kwargs={"slug": cohort.slug}),
        {"status": "running"},
        follow=True,
    )
    assert "No enterprise is enrolled: select at least one before the coaching starts." in (
        _text(response)
    )
    cohort.refresh_from_db()
    assert cohort.status == "selection"


def test_the_cohort_page_offers_the_next_step_only(staff_client):
    cohort = make_cohort(status=Cohort.Status.DRAFT)
    text = _text(staff_client.get(cohort.get_absolute_url()))
    assert 'value="call_open"' in text
    assert 'value="selection"' not in text
    assert 'value="running"' not in text


def test_a_coach_assigned_from_the_cohort_page_is_told_with_the_admins(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Atelier Vert")
    admin = admin_of(organisation)
    enrolment = services.enrolment_create(cohort=make_cohort(), organisation=organisation)
    coach = CoachFactory()
    data = Topic.objects.get(code="data")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("coaching:enrolment_coach_assign", kwargs={"pk": enrolment.pk}),
            {"coach": coach.pk, "areas": [data.pk]},
            follow=True,
        )
    assignment = CoachAssignment.objects.get(organisation=organisation)
    assert (assignment.coach, list(assignment.areas.all())) == (coach, [data])
    assert {m.to[0] for m in mailoutbox} == {coach.email, admin.email}
    assert "Data and GDPR" in _text(response)  # the area shown beside the coach


def test_the_organisation_page_s_assignment_e_mails_too(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    admin = admin_of(organisation)
    coach = CoachFactory()
    with django_capture_on_commit_callbacks(execute=True):
        staff_client.post(
            reverse("network:coach_assign", kwargs={"slug": organisation.slug}),
            {"coach": coach.pk},
        )
    assert {m.to[0] for m in mailoutbox} == {coach.email, admin.email}


def test_a_coach_s_areas_change_without_an_e_mail(
    staff_client, mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    enrolment = services.enrolment_create(cohort=make_cohort(), organisation=organisation)
    assignment = CoachAssignment.objects.create(organisation=organisation, coach=CoachFactory())
    tools, security = Topic.objects.get(code="tools"), Topic.objects.get(code="security")
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse("coaching:coach_areas", kwargs={"pk": assignment.pk}),
            {"areas": [tools.pk, security.pk], "cohort": enrolment.cohort.slug},
        )
    assert response.url == f"{enrolment.cohort.get_absolute_url()}#enrolment-{enrolment.pk}"
    assert set(assignment.areas.all()) == {tools, security}
    assert mailoutbox == []


# --- The methodology -----------------------------------------------------------------------


def test_removing_a_completed_step_is_refused_with_a_message(staff_client):
    step = Step.objects.order_by("phase__position", "position").first()
    services.step_complete(plan=make_plan(OrganisationFactory()), step=step, by=None)
    confirm = staff_client.get(reverse("coaching:step_delete_confirm", kwargs={"pk": step.pk}))
    assert "1 plan has completed this step: it cannot be removed." in _text(confirm)
    assert reverse("coaching:step_delete", kwargs={"pk": step.pk}) not in _text(confirm)
    response = staff_client.post(
        reverse("coaching:step_delete", kwargs={"pk": step.pk}), follow=True
    )
    assert "1 plan has completed this step: it cannot be removed." in _text(response)
    assert Step.objects.filter(pk=step.pk).exists()


def test_a_phase_is_edited_in_both_languages(staff_client):
    phase = Phase.objects.order_by("position").first()
    staff_client.post(
        reverse("coaching:phase_edit", kwargs={"pk": phase.pk}),
        {"title_fr": "Diagnostic partagé", "title_en": "Shared diagnostic"},
    )
    phase.refresh_from_db()
    assert (phase.title_fr, phase.title_en) == ("Diagnostic partagé", "Shared diagnostic")


def test_a_step_is_moved_down(staff_client):
    phase = Phase.objects.order_by("position").first()
    first, second = phase.steps.order_by("position")[:2]
    staff_client.post(reverse("coaching:step_move", kwargs={"pk": first.pk}), {"direction": "down"})
    assert list(phase.steps.order_by("position")[:2]) == [second, first]


# --- Queries that do not grow ---------------------------------------------------------------


def _many_applications(cohort, count):
    for n in range(count):
        app = application(cohort)
        selection.application_score(application=app, scores=GOOD, by=None)
        if n % 2:
            selection.application_decide(application=app, status="selected", reason="Oui", by=None)
        if n % 3 == 0:  # a latest diagnostic for some: the table's column
            assessment_submit(
                assessment=answer_everything(
                    assessment_start(respondent=app.submitted_by, organisation=app.organisation)
                )
            )


@pytest.mark.parametrize("count", [1, 12])
def test_the_selection_table_takes_the_same_queries_whatever_the_applicants(
    staff_client, count, django_assert_max_num_queries
):
    cohort = selecting_cohort()
    _many_applications(cohort, count)
    url = reverse("coaching:cohort_selection", kwargs={"slug": cohort.slug})
    with django_assert_max_num_queries(SELECTION_QUERIES):
        response = staff_client.get(url)
    text = response.content.decode()
    assert text.count('<article id="application-') == count
    assert text.count(" / 100</td>") == len(range(0, count, 3))  # those with a diagnostic


@pytest.mark.parametrize("count", [1, 12])
def test_the_cohort_list_takes_the_same_queries_whatever_the_cohorts(
    staff_client, count, django_assert_max_num_queries
):
    for _ in range(count):
        cohort = selecting_cohort()
        application(cohort)
        services.enrolment_create(cohort=cohort, organisation=OrganisationFactory())
    with django_assert_max_num_queries(LIST_QUERIES):
        response = staff_client.get(reverse("coaching:cohort_list"))
    assert response.content.decode().count("<tr>") == count + 1  # and the header


@pytest.mark.parametrize("count", [1, 12])
def test_the_cohort_page_takes_the_same_queries_whatever_the_enterprises(
    staff_client, count, django_assert_max_num_queries
):
    cohort = make_cohort()
    for _ in range(count):
        organisation = OrganisationFactory()
        services.enrolment_create(cohort=cohort, organisation=organisation)
        assignment = CoachAssignment.objects.create(organisation=organisation, coach=CoachFactory())
        assignment.areas.set(Topic.objects.filter(code__in=["data", "tools"]))
    with django_assert_max_num_queries(DETAIL_QUERIES):
        response = staff_client.get(cohort.get_absolute_url())
    assert response.content.decode().count('id="enrolment-') >= count


@pytest.mark.parametrize("count", [1, 12])
def test_the_open_calls_take_the_same_queries_whatever_the_calls(
    client, count, django_assert_max_num_queries
):
    admin = admin_of()
    for _ in range(count):
        open_cohort()
    _as(client, admin)
    with django_assert_max_num_queries(CALLS_QUERIES):
        response = client.get(reverse("coaching:call_list"))
    assert response.content.decode().count("Apply until") == count


def test_the_methodology_takes_the_same_queries_whatever_the_steps(
    staff_client, django_assert_max_num_queries
):
    with django_assert_max_num_queries(METHODOLOGY_QUERIES):
        staff_client.get(reverse("coaching:methodology"))
    phase = Phase.objects.order_by("position").first()
    for n in range(6):
        step = Step.objects.create(
            phase=phase,
            position=100 + n,
            title_fr="É",
            title_en="S",
            deliverable_fr="L",
            deliverable_en="D",
        )
        services.step_complete(plan=make_plan(OrganisationFactory()), step=step, by=None)
    with django_assert_max_num_queries(METHODOLOGY_QUERIES):
        staff_client.get(reverse("coaching:methodology"))


# Measured, the session and the user included: the same at 1 and at 12 rows. The selection:
# the cohort, its applications with their people, their scores, the latest results, the
# counts. The cohort's page: the cohort, enrolments, assignments with coaches, their areas,
# the topics, the coaches to choose from, the counts.
SELECTION_QUERIES = 7
LIST_QUERIES = 3
DETAIL_QUERIES = 9
CALLS_QUERIES = 4
METHODOLOGY_QUERIES = 4


def test_a_cohort_with_no_place_is_not_created(staff_client):
    response = staff_client.post(
        reverse("coaching:cohort_create"),
        {
            "name": "Cohorte 2028",
            "call_opens_on": "2027-09-01",
            "call_closes_on": "2027-10-15",
            "starts_on": "2028-01-10",
            "ends_on": "2028-12-20",
            "capacity": 0,
            "hours_per_enterprise": "-4",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"capacity", "hours_per_enterprise"}
    assert not Cohort.objects.filter(name="Cohorte 2028").exists()


def test_the_organisation_page_shows_what_each_coach_brings(client):
    organisation = OrganisationFactory()
    member = MembershipFactory(organisation=organisation).user
    assignment = CoachAssignment.objects.create(organisation=organisation, coach=CoachFactory())
    assignment.areas.set(Topic.objects.filter(code__in=["security", "data"]))
    text = _text(_as(client, member).get(organisation.get_absolute_url()))
    assert "Areas of expertise: Data and GDPR, Cybersecurity" in text


def test_a_member_who_is_not_admin_is_not_offered_to_apply(client):
    cohort = open_cohort(name="Cohorte ouverte")
    _as(client, MembershipFactory(role="member").user)
    text = _text(client.get(reverse("coaching:call_list")))
    assert "Cohorte ouverte" in text
    assert "Only an admin of an organisation applies for it." in text
    assert reverse("coaching:cohort_apply", kwargs={"slug": cohort.slug}) not in text
