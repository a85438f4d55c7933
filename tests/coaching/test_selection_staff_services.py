"""The agency's writes on cohorts (dates, status) and the methodology; the methodology's
data migration; coach assignments and their e-mails."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from coaching import services
from coaching.models import Application, Cohort, EvaluationTheme, Phase, Step
from coaching.staff import services as staff
from network import services as network_services
from network.models import CoachAssignment, Topic
from tests.factories import CoachFactory, MembershipFactory, OrganisationFactory, UserFactory

from .factories import enrol, make_cohort, make_plan
from .test_selection_services import application

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

TODAY = datetime.date(2026, 12, 1)


def cohort_on(status, *, closes_in: int = 20, **fields) -> Cohort:
    closes = TODAY + datetime.timedelta(days=closes_in)
    return make_cohort(
        status=status,
        call_opens_on=closes - datetime.timedelta(days=30),
        call_closes_on=closes,
        starts_on=closes + datetime.timedelta(days=10),
        ends_on=closes + datetime.timedelta(days=370),
        **fields,
    )


# --- Dates -------------------------------------------------------------------------------


def test_a_cohort_s_dates_are_checked_when_edited():
    cohort = cohort_on(Cohort.Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        staff.cohort_update(cohort=cohort, ends_on=cohort.starts_on - datetime.timedelta(days=1))
    assert error.value.message_dict == {"ends_on": ["The coaching must end after it starts."]}
    with pytest.raises(ValidationError) as error:
        staff.cohort_update(cohort=cohort, starts_on=cohort.call_closes_on - datetime.timedelta(1))
    assert "starts_on" in error.value.message_dict
    cohort.refresh_from_db()
    assert cohort.ends_on > cohort.starts_on > cohort.call_closes_on


def test_a_cohort_keeps_at_least_a_place_per_enrolled_enterprise():
    cohort = make_cohort(capacity=5)
    enrol(OrganisationFactory(), cohort)
    enrol(OrganisationFactory(), cohort)
    with pytest.raises(ValidationError) as error:
        staff.cohort_update(cohort=cohort, capacity=1)
    assert error.value.message_dict["capacity"] == [
        "2 enterprises are already enrolled: the cohort needs at least as many places."
    ]
    staff.cohort_update(cohort=cohort, capacity=2, name="Cohorte renommée")
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.name) == (2, "Cohorte renommée")


# --- Status, one step at a time ------------------------------------------------------------


def test_the_call_opens_then_the_selection_then_the_coaching():
    cohort = cohort_on(Cohort.Status.DRAFT, closes_in=-1)
    Cohort.objects.filter(pk=cohort.pk).update(call_closes_on=TODAY + datetime.timedelta(5))
    cohort.refresh_from_db()
    staff.cohort_advance(cohort=cohort, status="call_open", today=TODAY)
    app = application(cohort)
    staff.cohort_advance(cohort=cohort, status="selection", today=TODAY + datetime.timedelta(6))
    services.enrolment_create(cohort=cohort, organisation=app.organisation, application=app)
    Application.objects.filter(pk=app.pk).update(status="selected", notified_at=timezone.now())
    staff.cohort_advance(cohort=cohort, status="running", today=TODAY + datetime.timedelta(7))
    cohort.refresh_from_db()
    assert cohort.status == "running"


@pytest.mark.parametrize(
    "status,wanted",
    [
        ("draft", "selection"),
        ("draft", "running"),
        ("call_open", "running"),
        ("running", "call_open"),  # never back
        ("running", "closed"),  # closing is the dashboard's
        ("closed", "running"),
    ],
)
def test_no_status_is_skipped(status, wanted):
    cohort = cohort_on(status)
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status=wanted, today=TODAY)
    assert error.value.code == "not_next"
    cohort.refresh_from_db()
    assert cohort.status == status


def test_an_unknown_status_is_refused():
    cohort = cohort_on("draft")
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status="paused", today=TODAY)
    assert error.value.code == "invalid"


def test_a_call_whose_closing_date_passed_does_not_open():
    cohort = cohort_on("draft", closes_in=-1)
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status="call_open", today=TODAY)
    assert error.value.code == "call_dates"
    cohort.refresh_from_db()
    assert cohort.status == "draft"


def test_the_selection_waits_for_the_call_to_close():
    cohort = cohort_on("call_open", closes_in=3)
    application(cohort)
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status="selection", today=TODAY)
    assert error.value.code == "call_open"


def test_no_selection_without_an_application():
    cohort = cohort_on("call_open", closes_in=-1)
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status="selection", today=TODAY)
    assert error.value.code == "no_application"


def test_coaching_cannot_start_with_no_enrolment():
    cohort = cohort_on("selection", closes_in=-1)
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status="running", today=TODAY)
    assert error.value.messages == [
        "No enterprise is enrolled: select at least one before the coaching starts."
    ]
    cohort.refresh_from_db()
    assert cohort.status == "selection"


def test_coaching_waits_until_every_applicant_is_told():
    cohort = cohort_on("selection", closes_in=-1)
    enrol(OrganisationFactory(), cohort)
    application(cohort)  # awaits a decision
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=cohort, status="running", today=TODAY)
    assert error.value.code == "applicants_waiting"
    assert "1 applications await a decision, 0 decisions" in error.value.messages[0]


def test_a_stale_status_change_changes_nothing():
    cohort = cohort_on("draft")
    stale = Cohort.objects.get(pk=cohort.pk)
    staff.cohort_advance(cohort=cohort, status="call_open", today=TODAY)
    application(cohort)
    Cohort.objects.filter(pk=cohort.pk).update(status="selection")
    stale.status = "call_open"  # what the second tab still shows
    with pytest.raises(ValidationError) as error:
        staff.cohort_advance(cohort=stale, status="selection", today=TODAY + datetime.timedelta(30))
    assert error.value.code == "stale"


# --- The methodology -----------------------------------------------------------------------


def test_the_migration_loads_the_programme_s_five_phases_and_themes():
    phases = list(Phase.objects.order_by("position"))
    assert [p.title_en for p in phases] == [
        "Diagnostic",
        "Vision and priorities",
        "Action plan",
        "Implementation",
        "Evaluation",
    ]
    for phase in phases:
        steps = list(phase.steps.all())
        assert 2 <= len(steps) <= 4
        assert all(
            s.title_fr and s.title_en and s.deliverable_fr and s.deliverable_en for s in steps
        )
    assert list(EvaluationTheme.objects.values_list("code", flat=True)) == [
        "selection",
        "coaching",
        "intervisions",
        "tools",
        "plan",
    ]


def test_a_phase_is_added_last_and_moved():
    added = staff.phase_create(title_fr="Essaimage", title_en="Spreading", description_fr="")
    assert added.position == Phase.objects.count()
    before = Phase.objects.get(position=added.position - 1)
    staff.phase_move(phase=added, direction="up")
    before.refresh_from_db()
    added.refresh_from_db()
    assert added.position < before.position
    first = Phase.objects.order_by("position").first()
    with pytest.raises(ValidationError) as error:
        staff.phase_move(phase=first, direction="up")
    assert error.value.messages == ["This phase is already the first."]


def test_a_phase_needs_its_titles_in_both_languages():
    with pytest.raises(ValidationError) as error:
        staff.phase_create(title_fr="Essaimage", title_en=" ")
    assert list(error.value.message_dict) == ["title_en"]


def test_steps_are_added_edited_and_reordered_within_their_phase():
    phase = Phase.objects.order_by("position").first()
    step = staff.step_create(
        phase=phase,
        title_fr="Atelier",
        title_en="Workshop",
        deliverable_fr="CR",
        deliverable_en="Notes",
    )
    assert step.position == phase.steps.count()
    staff.step_update(
        step=step,
        title_fr="Atelier",
        title_en="Workshop",
        deliverable_fr="Compte rendu",
        deliverable_en="Minutes",
    )
    staff.step_move(step=step, direction="up")
    positions = list(phase.steps.order_by("position").values_list("title_en", flat=True))
    assert positions[-2] == "Workshop"
    step.refresh_from_db()
    assert step.deliverable_en == "Minutes"


def test_a_step_plans_completed_is_not_removed():
    step = Step.objects.order_by("phase__position", "position").first()
    plan = make_plan(OrganisationFactory())
    services.step_complete(plan=plan, step=step, by=None)
    with pytest.raises(ValidationError) as error:
        staff.step_delete(step=step)
    assert error.value.messages == [
        "1 plan has completed this step: it cannot be removed. Change its text instead."
    ]
    with pytest.raises(ValidationError):
        staff.phase_delete(phase=step.phase)
    assert Step.objects.filter(pk=step.pk).exists()


def test_a_step_no_plan_completed_is_removed():
    step = Step.objects.order_by("phase__position", "position").last()
    staff.step_delete(step=step)
    assert not Step.objects.filter(pk=step.pk).exists()


# --- Coach assignments ---------------------------------------------------------------------


def test_an_assignment_e_mails_the_coach_and_the_admins(
    mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory(name="Atelier Vert")
    admins = [MembershipFactory(organisation=organisation, role="admin").user for _ in range(2)]
    MembershipFactory(organisation=organisation, role="member")
    coach = CoachFactory(first_name="Nadia", last_name="Coach", email="nadia@example.be")
    security = Topic.objects.get(code="security")
    with django_capture_on_commit_callbacks(execute=True):
        assignment = network_services.coach_assign(
            organisation=organisation, coach=coach, assigned_by=None, areas=[security]
        )
    assert list(assignment.areas.all()) == [security]
    by_recipient = {m.to[0]: m for m in mailoutbox}
    assert set(by_recipient) == {coach.email, *(a.email for a in admins)}
    to_coach = by_recipient[coach.email]
    assert to_coach.subject == "You now coach Atelier Vert on DigitalEES"
    assert "Your areas of expertise for this enterprise:\n- Cybersecurity" in to_coach.body
    assert f"/organisations/{organisation.slug}/" in to_coach.body
    to_admin = by_recipient[admins[0].email]
    assert to_admin.subject == "Nadia Coach is now a coach of Atelier Vert"
    assert "Nadia Coach (nadia@example.be)" in to_admin.body
    assert "What they bring to your enterprise:\n- Cybersecurity" in to_admin.body


def test_an_assignment_without_areas_says_so(mailoutbox, django_capture_on_commit_callbacks):
    organisation = OrganisationFactory()
    with django_capture_on_commit_callbacks(execute=True):
        network_services.coach_assign(
            organisation=organisation, coach=CoachFactory(), assigned_by=None
        )
    (message,) = mailoutbox  # no admin: the coach only
    assert "No area of expertise has been set for you yet" in message.body


def test_a_second_assignment_of_the_same_coach_sends_nothing(
    mailoutbox, django_capture_on_commit_callbacks
):
    organisation = OrganisationFactory()
    coach = CoachFactory()
    network_services.coach_assign(organisation=organisation, coach=coach, assigned_by=None)
    with pytest.raises(ValidationError), django_capture_on_commit_callbacks(execute=True):
        network_services.coach_assign(organisation=organisation, coach=coach, assigned_by=None)
    assert mailoutbox == []
    assert CoachAssignment.objects.count() == 1


def test_one_who_is_not_a_coach_is_not_assigned(mailoutbox):
    with pytest.raises(ValidationError):
        network_services.coach_assign(
            organisation=OrganisationFactory(), coach=UserFactory(), assigned_by=None
        )
    assert not CoachAssignment.objects.exists()


def test_the_last_step_of_a_phase_does_not_move_down():
    phase = Phase.objects.order_by("position").first()
    last = phase.steps.order_by("position").last()
    with pytest.raises(ValidationError) as error:
        staff.step_move(step=last, direction="down")
    assert error.value.messages == ["This step is already the last of its phase."]
    assert phase.steps.order_by("position").last() == last


def test_a_cohort_keeps_a_place_and_hours_of_zero_or_more():
    cohort = cohort_on(Cohort.Status.DRAFT)
    with pytest.raises(ValidationError) as error:
        staff.cohort_update(cohort=cohort, capacity=0)
    assert error.value.message_dict == {"capacity": ["A cohort has at least one place."]}
    with pytest.raises(ValidationError) as error:
        staff.cohort_update(cohort=cohort, hours_per_enterprise=-1)
    assert error.value.message_dict == {"hours_per_enterprise": ["Hours cannot be negative."]}


def test_a_cohort_named_new_does_not_hide_behind_the_creation_page():
    cohort = make_cohort(name="New")
    assert cohort.slug == "new-2"
