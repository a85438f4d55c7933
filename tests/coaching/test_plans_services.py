"""The plan part's changes to the core services and selectors."""

import datetime

import pytest
from django.db import transaction
from django.utils import timezone

from coaching import selectors, services
from coaching.models import Action
from diagnostic.services import assessment_start, assessment_submit
from tests.coaching.factories import make_action
from tests.diagnostic.conftest import answer_everything
from tests.factories import CoachAssignmentFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_plan_may_start_blank_though_a_diagnostic_exists(organisation, enrolment):
    admin = MembershipFactory(organisation=organisation, role="admin").user
    assessment = assessment_start(respondent=admin, organisation=organisation)
    assessment_submit(assessment=answer_everything(assessment))
    assert services.plan_create(enrolment=enrolment, created_by=None).baseline_result
    enrolment.plan.delete()
    plan = services.plan_create(enrolment=enrolment, created_by=None, start_blank=True)
    assert plan.baseline_result is None


def test_a_stale_move_leaves_the_caller_s_transaction_usable(action):
    services.action_set_status(action=action, status="dropped", by=None, version=1)
    with transaction.atomic():
        with pytest.raises(services.StaleEdit):
            services.action_set_status(action=action, status="done", by=None, version=1)
        # The refusal wrote nothing and broke nothing: the transaction goes on.
        assert Action.objects.get(pk=action.pk).status == "dropped"


def test_the_owners_offered_are_the_enterprise_s_people_only(plan):
    member = MembershipFactory(organisation=plan.organisation).user
    coach = CoachAssignmentFactory(organisation=plan.organisation).coach
    MembershipFactory()  # someone of another organisation
    UserFactory()
    assert set(selectors.plan_people(plan)) == {member, coach}


def test_board_columns_follow_the_statuses_and_mark_overdue(plan):
    late = make_action(plan, due_on=timezone.localdate() - datetime.timedelta(days=1))
    columns = selectors.board_columns(plan)
    assert [c["status"] for c in columns] == Action.Status.values
    assert columns[0]["actions"] == [late] and columns[0]["actions"][0].overdue
