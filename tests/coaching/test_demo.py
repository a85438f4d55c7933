"""The demo's pilot cohort, as the issue asks for it: 15 enterprises with plans started from
their first diagnostic, actions in every status, sessions, intervisions with attendance."""

import pytest
from django.core.management import call_command

from coaching.models import Action, CoachingSession, Cohort, IntervisionInvitation, Plan
from coaching.selectors import dimension_change

pytestmark = pytest.mark.django_db


def test_the_pilot_cohort_is_there_to_try_everything(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    cohort = Cohort.objects.get(name="DigitalEES — cohorte pilote 2026")
    assert cohort.status == Cohort.Status.RUNNING
    plans = Plan.objects.filter(enrolment__cohort=cohort)
    assert plans.count() == 15
    actions = Action.objects.filter(plan__in=plans)
    assert set(actions.values_list("status", flat=True)) == set(Action.Status.values)
    assert actions.overdue().exists()
    # Each plan shows how its enterprise moved since the diagnostic it started from.
    for plan in plans:
        assert any(row["change"] is not None for row in dimension_change(plan)), plan
    assert CoachingSession.objects.filter(enrolment__cohort=cohort).count() >= 30
    attendances = IntervisionInvitation.objects.filter(intervision__cohort=cohort)
    assert set(attendances.values_list("attendance", flat=True)) == set(
        IntervisionInvitation.Attendance.values
    )
