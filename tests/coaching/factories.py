"""Coaching's test data, written through coaching's services where they exist."""

import datetime
from decimal import Decimal

from django.utils import timezone

from coaching import services
from coaching.models import Cohort

_counter = iter(range(1, 10**9))


def make_cohort(**fields) -> Cohort:
    """A running cohort whose call closed a month ago (override any field)."""
    today = timezone.localdate()
    n = next(_counter)
    defaults = {
        "name": f"Cohorte {n}",
        "call_opens_on": today - datetime.timedelta(days=60),
        "call_closes_on": today - datetime.timedelta(days=30),
        "starts_on": today - datetime.timedelta(days=20),
        "ends_on": today + datetime.timedelta(days=345),
        "capacity": 15,
        "hours_per_enterprise": Decimal("40"),
        "status": Cohort.Status.RUNNING,
    }
    defaults.update(fields)
    return services.cohort_create(**defaults)


def enrol(organisation, cohort=None):
    return services.enrolment_create(cohort=cohort or make_cohort(), organisation=organisation)


def make_plan(organisation, *, cohort=None, by=None, **fields):
    return services.plan_create(enrolment=enrol(organisation, cohort), created_by=by, **fields)


def make_action(plan, *, by=None, **fields):
    fields.setdefault("title", f"Action {next(_counter)}")
    return services.action_create(plan=plan, by=by, **fields)
