"""Coaching's core writes: plans, actions, their statuses and history."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from coaching import selectors, services
from coaching.models import Action, ActionStatusChange, Plan
from tests.factories import MembershipFactory, OrganisationFactory, UserFactory

from .factories import enrol, make_action, make_cohort, make_plan

pytestmark = pytest.mark.django_db


def test_a_new_action_starts_its_history(plan):
    user = UserFactory()
    action = make_action(plan, by=user)
    change = action.status_changes.get()
    assert (change.from_status, change.to_status, change.changed_by) == ("", "todo", user)


def test_a_status_change_is_kept_with_who_and_why(action):
    user = UserFactory()
    services.action_set_status(
        action=action, status="blocked", by=user, version=action.version, comment="No budget"
    )
    action.refresh_from_db()
    assert action.status == "blocked"
    change = action.status_changes.last()
    assert (change.from_status, change.to_status, change.comment, change.changed_by) == (
        "todo",
        "blocked",
        "No budget",
        user,
    )


def test_done_means_fully_done(action):
    services.action_set_status(action=action, status="done", by=None, version=action.version)
    action.refresh_from_db()
    assert action.progress == 100


def test_a_stale_status_change_changes_nothing(action):
    read_version = action.version
    services.action_set_status(action=action, status="dropped", by=None, version=read_version)
    stale = Action.objects.get(pk=action.pk)
    stale.status = "todo"  # what the second person's board still shows
    with pytest.raises(services.StaleEdit) as error:
        services.action_set_status(
            action=stale, status="in_progress", by=None, version=read_version
        )
    assert error.value.code == "stale"
    action.refresh_from_db()
    assert action.status == "dropped"
    assert action.status_changes.count() == 2  # creation and the first change only


def test_an_unknown_status_is_refused(action):
    with pytest.raises(ValidationError):
        services.action_set_status(action=action, status="someday", by=None, version=1)
    action.refresh_from_db()
    assert action.status == "todo"
    assert action.status_changes.count() == 1


def test_a_due_date_before_the_start_is_refused(plan):
    with pytest.raises(ValidationError) as error:
        services.action_create(
            plan=plan,
            by=None,
            title="Site",
            starts_on=datetime.date(2026, 5, 1),
            due_on=datetime.date(2026, 4, 1),
        )
    assert "due_on" in error.value.message_dict
    assert not plan.actions.exists()


def test_an_update_checks_the_dates_against_the_stored_ones(plan):
    action = make_action(plan, starts_on=datetime.date(2026, 5, 1))
    with pytest.raises(ValidationError):
        services.action_update(
            action=action, by=None, version=action.version, due_on=datetime.date(2026, 4, 1)
        )
    action.refresh_from_db()
    assert action.due_on is None


def test_a_stale_update_changes_nothing(action):
    services.action_update(action=action, by=None, version=action.version, title="First")
    with pytest.raises(services.StaleEdit):
        services.action_update(action=action, by=None, version=1, title="Second")
    action.refresh_from_db()
    assert action.title == "First"


def test_an_owner_outside_the_enterprise_is_refused(plan):
    with pytest.raises(ValidationError) as error:
        services.action_create(plan=plan, by=None, title="Site", owner=UserFactory())
    assert "owner" in error.value.message_dict


def test_a_member_may_own_an_action(plan):
    member = MembershipFactory(organisation=plan.organisation).user
    assert services.action_create(plan=plan, by=None, title="Site", owner=member).owner == member


def test_progress_is_rolled_up_from_actions_not_dropped(plan):
    make_action(plan, progress=50)
    make_action(plan, progress=100)
    dropped = make_action(plan, progress=0)
    services.action_set_status(action=dropped, status="dropped", by=None, version=1)
    assert selectors.plan_progress(plan) == 75


def test_a_plan_without_actions_is_at_zero(plan):
    assert selectors.plan_progress(plan) == 0


def test_the_cohort_median_needs_three_plans():
    cohort = make_cohort()
    plans = [make_plan(OrganisationFactory(), cohort=cohort) for _ in range(2)]
    make_action(plans[0], progress=80)
    assert selectors.cohort_median_progress(cohort) is None
    third = make_plan(OrganisationFactory(), cohort=cohort)
    make_action(third, progress=20)
    assert selectors.cohort_median_progress(cohort) == 20  # 0, 20, 80


def test_bulk_actions_are_checked_and_kept_in_history(plan):
    ids = services.actions_create_bulk(
        plan=plan,
        by=None,
        rows=[{"title": "A", "status": "done"}, {"title": "B", "progress": 30}],
    )
    assert Action.objects.get(pk=ids[0]).progress == 100
    assert ActionStatusChange.objects.filter(action_id__in=ids).count() == 2
    with pytest.raises(ValidationError):
        services.actions_create_bulk(
            plan=plan,
            by=None,
            rows=[
                {
                    "title": "C",
                    "starts_on": datetime.date(2026, 2, 2),
                    "due_on": datetime.date(2026, 1, 1),
                }
            ],
        )


def test_one_plan_per_enrolment(enrolment):
    services.plan_create(enrolment=enrolment, created_by=None)
    with pytest.raises(ValidationError):
        services.plan_create(enrolment=enrolment, created_by=None)
    assert Plan.objects.count() == 1


def test_a_plan_starts_from_the_organisation_s_own_diagnostic_only(enrolment):
    other = enrol(OrganisationFactory())
    from diagnostic.services import assessment_start, assessment_submit
    from tests.diagnostic.conftest import answer_everything

    admin = MembershipFactory(organisation=other.organisation, role="admin").user
    result = assessment_submit(
        assessment=answer_everything(
            assessment_start(respondent=admin, organisation=other.organisation)
        )
    ).result
    with pytest.raises(ValidationError):
        services.plan_create(enrolment=enrolment, created_by=None, baseline_result=result)


def test_proposals_target_the_weakest_dimensions(organisation):
    from diagnostic.services import assessment_start, assessment_submit
    from tests.diagnostic.conftest import answer_everything

    admin = MembershipFactory(organisation=organisation, role="admin").user
    result = assessment_submit(
        assessment=answer_everything(
            assessment_start(respondent=admin, organisation=organisation), rank=1
        )
    ).result
    proposals = selectors.action_proposals(result)
    scores = {s.dimension_code: s.score for s in result.scores.all()}
    weakest = sorted(scores, key=lambda c: scores[c])[: selectors.PROPOSED_DIMENSIONS]
    assert len(proposals) == selectors.PROPOSED_DIMENSIONS
    assert {p.dimension_code for p in proposals} == set(weakest)
    assert all(p.description for p in proposals)  # the diagnostic's recommendation


# --- sessions in bulk (the bench's fill) -------------------------------------------------


def test_sessions_are_created_in_bulk_for_one_of_the_enterprises_coaches(roles, enrolment):
    from django.utils import timezone

    from coaching.models import CoachingSession

    when = timezone.now() - datetime.timedelta(days=3)
    ids = services.sessions_create_bulk(
        enrolment=enrolment,
        coach=roles["coach"],
        rows=[
            {"starts_at": when, "duration_minutes": 90, "topics": "Outils"},
            {"starts_at": when, "duration_minutes": 60, "topics": "Sécurité", "next_steps": "A"},
        ],
    )
    sessions = CoachingSession.objects.filter(pk__in=ids).order_by("pk")
    assert [(s.coach, s.duration_minutes, s.next_steps) for s in sessions] == [
        (roles["coach"], 90, ""),
        (roles["coach"], 60, "A"),
    ]


@pytest.mark.parametrize(
    "who,row",
    [
        ("unassigned_coach", {"duration_minutes": 90, "topics": "Outils"}),
        ("coach", {"duration_minutes": 0, "topics": "Outils"}),
        ("coach", {"duration_minutes": 90, "topics": "  "}),
    ],
)
def test_bulk_sessions_are_checked_and_nothing_is_written(roles, enrolment, who, row):
    from django.utils import timezone

    from coaching.models import CoachingSession

    with pytest.raises(ValidationError):
        services.sessions_create_bulk(
            enrolment=enrolment,
            coach=roles[who],
            rows=[{"starts_at": timezone.now(), **row}],
        )
    assert not CoachingSession.objects.exists()


@pytest.mark.parametrize(
    "name", ["coaching:action_detail", "coaching:action_status", "coaching:plan_create"]
)
def test_addresses_made_once_per_page_are_the_reversed_ones(name):
    from django.urls import reverse

    make = selectors.pk_url(name)
    for pk in (1, 42, 987654321):
        assert make(pk) == reverse(name, kwargs={"pk": pk})
