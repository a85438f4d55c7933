"""The demo's selection: the pilot cohort's applications behind its enrolments, a few
refusals, the coaches' areas, and the 2027 cohort's open call; safe to run twice."""

import pytest
from django.core.management import call_command

from coaching.demo.plans import PILOT_COHORT
from coaching.demo.selection import NEXT_COHORT
from coaching.models import Application, ApplicationScore, Cohort
from network.models import CoachAssignment

pytestmark = pytest.mark.django_db


def test_the_demo_selection_is_complete_and_safe_to_run_twice(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    counts = (Cohort.objects.count(), Application.objects.count(), ApplicationScore.objects.count())
    call_command("seed_demo")
    assert counts == (
        Cohort.objects.count(),
        Application.objects.count(),
        ApplicationScore.objects.count(),
    )

    pilot = Cohort.objects.get(name=PILOT_COHORT)
    assert pilot.enrolments.count() == 15
    assert not pilot.enrolments.filter(application__isnull=True).exists()
    selected = pilot.applications.filter(status="selected")
    assert selected.count() == 15
    assert all(a.decision_reason and a.decided_by and a.notified_at for a in selected)
    refused = pilot.applications.filter(status="not_selected")
    assert refused.count() == 3
    assert not refused.filter(organisation__enrolments__cohort=pilot).exists()
    assert ApplicationScore.objects.filter(application__cohort=pilot).count() == 18 * 4
    assignments = CoachAssignment.objects.filter(organisation__enrolments__cohort=pilot)
    assert all(a.areas.count() == 2 for a in assignments)

    upcoming = Cohort.objects.get(name=NEXT_COHORT)
    assert upcoming.status == "call_open"
    assert Cohort.objects.accepting_applications().filter(pk=upcoming.pk).exists()
    assert list(upcoming.applications.values_list("status", flat=True)) == ["submitted"] * 5
    assert not ApplicationScore.objects.filter(application__cohort=upcoming).exists()
