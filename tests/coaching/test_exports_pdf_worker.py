"""The plan's PDF through a real Celery worker on Redis: asked for while the broker is
down, it waits in its row; once Redis and a worker are back, the beat schedule's periodic
task queues it again and the worker renders it, once."""

import time

import pytest
from django.conf import settings as django_settings
from django.urls import reverse
from django.utils import timezone

from coaching.models import PlanReport
from digitalees import jobs
from digitalees.celery import app
from tests.digitalees.test_celery_worker import redis_celery  # noqa: F401
from tests.digitalees.test_mail_queue import broker_down  # noqa: F401
from tests.factories import MembershipFactory

from .factories import make_action, make_plan


def _wait(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _pdfs():
    return list((django_settings.PRIVATE_MEDIA_ROOT / "plans").rglob("*.pdf"))


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_pdf_asked_for_while_the_broker_is_down_is_rendered_once_it_is_back(client, request):
    member = MembershipFactory().user
    plan = make_plan(member.memberships.get().organisation)
    make_action(plan, title="Sauvegarder les données")
    client.force_login(member)
    request.getfixturevalue("broker_down")
    response = client.post(reverse("coaching:plan_pdf_request", kwargs={"pk": plan.pk}))
    assert response.status_code == 302  # the page answers: the broker being down costs nothing
    report = PlanReport.objects.get(plan=plan)
    assert report.status == PlanReport.Status.PENDING

    # Redis and a worker are back; a couple of minutes later the periodic task queues it.
    request.getfixturevalue("redis_celery")
    PlanReport.objects.update(queued_at=timezone.now() - jobs.REQUEUE_AFTER)
    schedule = django_settings.CELERY_BEAT_SCHEDULE["requeue-stale-plan-reports"]
    app.send_task(schedule["task"])
    assert _wait(lambda: PlanReport.objects.filter(status="ready").exists(), 60)
    app.send_task(schedule["task"])  # a second tick queues nothing
    time.sleep(1)
    report.refresh_from_db()
    assert report.attempts == 1 and len(_pdfs()) == 1
