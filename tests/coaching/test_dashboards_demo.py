"""The demo's evaluations: five participants of the pilot cohort, varied verdicts and
comments, written once however often the demo runs."""

import pytest
from django.core.management import call_command

from coaching.models import Evaluation, EvaluationAnswer

pytestmark = pytest.mark.django_db


def test_the_demo_evaluates_the_pilot_cohort_once(settings):
    settings.DEBUG = True
    call_command("seed_demo")
    call_command("seed_demo")

    evaluations = Evaluation.objects.filter(cohort__name="DigitalEES — cohorte pilote 2026")
    assert evaluations.count() == 5
    assert evaluations.values("phase").distinct().count() == 1
    answers = EvaluationAnswer.objects.filter(evaluation__in=evaluations)
    assert answers.values("verdict").distinct().count() == 4
    assert answers.exclude(comment="").exists()
