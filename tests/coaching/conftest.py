import pytest

from .factories import enrol, make_action, make_cohort, make_plan


@pytest.fixture
def cohort(db):
    return make_cohort()


@pytest.fixture
def enrolment(organisation, cohort):
    """`organisation` (the one of the `roles` fixture) enrolled in `cohort`."""
    return enrol(organisation, cohort)


@pytest.fixture
def plan(enrolment):
    from coaching import services

    return services.plan_create(enrolment=enrolment, created_by=None)


@pytest.fixture
def action(plan):
    return make_action(plan)


__all__ = ["make_plan"]
