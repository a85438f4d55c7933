"""Reminders through the real machinery: two runs at once on PostgreSQL, the broker down,
and celery beat with a worker on Redis (the test marked celery_worker)."""

import datetime
import threading
import time

import pytest
from celery import beat, signals
from django.conf import settings as django_settings
from django.db import connection, connections
from django.utils import timezone
from post_office.models import STATUS, Email

from coaching import services as core
from coaching.models import ReminderSent
from coaching.reminders import services
from digitalees import mail as outbox
from digitalees.celery import app
from tests.digitalees.test_celery_worker import redis_celery  # noqa: F401
from tests.digitalees.test_mail_queue import broker_down  # noqa: F401
from tests.factories import MembershipFactory

from .factories import enrol, make_action


def _action_due_soon(owner=None, days=3):
    membership = MembershipFactory(user=owner) if owner else MembershipFactory()
    plan = core.plan_create(enrolment=enrol(membership.organisation), created_by=None)
    return make_action(
        plan,
        owner=membership.user,
        due_on=timezone.localdate() + datetime.timedelta(days=days),
        title="Migrer la messagerie",
    )


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_reminder_once(monkeypatch, mailoutbox):
    """Two workers run the task at the same moment, each on its own connection: the second
    one's insert waits on the unique index for the first's transaction, then is refused."""
    actions = [_action_due_soon() for _n in range(3)]
    both_read = threading.Barrier(2, timeout=20)
    real_not_sent = services._not_sent
    real_send = outbox.send_templated_mail

    def not_sent_then_wait(kind, pending):
        result = real_not_sent(kind, pending)
        both_read.wait()  # both runs have read that nothing was sent yet
        return result

    def slow_send(**kwargs):
        time.sleep(0.2)  # the other run reaches its insert while this one's is uncommitted
        return real_send(**kwargs)

    monkeypatch.setattr(services, "_not_sent", not_sent_then_wait)
    monkeypatch.setattr(services, "send_templated_mail", slow_send)
    results, errors = [], []

    def run():
        try:
            results.append(services.action_reminders_send())
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    # Only the due-soon kind has reminders here; the overdue read must not wait.
    monkeypatch.setattr(
        services.selectors,
        "actions_overdue",
        lambda today: services.selectors.actions_due_soon(today).none(),
    )
    threads = [threading.Thread(target=run) for _n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    # Both read that nothing was sent; between them they sent each reminder once.
    assert len(results) == 2 and sum(results) == 3
    assert ReminderSent.objects.count() == 3
    assert Email.objects.count() == 3
    assert sorted(m.to[0] for m in mailoutbox) == sorted(a.owner.email for a in actions)


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_reminders_are_kept_and_delivered_later(request, mailoutbox):
    action = _action_due_soon()
    request.getfixturevalue("broker_down")
    assert services.action_reminders_send() == 1
    # Written with its reminder row; the broker could not be told: nothing left yet.
    email = Email.objects.get()
    assert email.status == STATUS.queued and email.to == [action.owner.email]
    assert ReminderSent.objects.filter(recipient=action.owner).exists()
    assert not mailoutbox
    # The periodic delivery (what beat runs once the broker is back) sends it, once.
    assert outbox.mail_deliver() == 1
    assert outbox.mail_deliver() == 0
    assert [m.to for m in mailoutbox] == [[action.owner.email]]
    assert "Migrer la messagerie" in mailoutbox[0].subject
    assert services.action_reminders_send() == 0


# --- celery beat and a worker on Redis ----------------------------------------------------

ENTRY = "coaching-action-reminders"


class EveryTickADayLater(beat.ScheduleEntry):
    """The project's entry (its task, options and crontab), asked on every tick as if its
    last run were a day earlier: due at once, as it is each morning at 07:00."""

    def is_due(self):
        due, _next = self.schedule.is_due(self.last_run_at - datetime.timedelta(days=1, hours=1))
        return due, 1.0


class ProjectEntryScheduler(beat.Scheduler):
    Entry = EveryTickADayLater

    def setup_schedule(self):
        self.merge_inplace({ENTRY: django_settings.CELERY_BEAT_SCHEDULE[ENTRY]})


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_beat_and_a_worker_send_an_action_reminder_once(redis_celery, mailoutbox, tmp_path):  # noqa: F811
    action = _action_due_soon()
    runs = []

    def count_run(sender=None, **kwargs):
        if sender is not None and sender.name == "coaching.tasks.send_action_reminders":
            runs.append(kwargs.get("retval"))

    signals.task_postrun.connect(count_run, weak=False)
    service = beat.Service(
        app,
        max_interval=1,
        scheduler_cls=ProjectEntryScheduler,
        schedule_filename=str(tmp_path / "beat-schedule"),
    )
    thread = threading.Thread(target=service.start, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 40
        # The first tick's run sends the reminder; at least two more ticks' runs follow.
        while (len(runs) < 3 or not mailoutbox) and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        service.stop(wait=True)
        thread.join(timeout=10)
        app.control.purge()  # a tick sent as beat stopped is for no later test
        signals.task_postrun.disconnect(count_run)
    assert len(runs) >= 3, runs
    assert runs[0] == 1 and set(runs[1:]) == {0}
    assert [m.to for m in mailoutbox] == [[action.owner.email]]
    assert "Migrer la messagerie" in mailoutbox[0].subject
    assert ReminderSent.objects.count() == 1
    assert Email.objects.get().status == STATUS.sent
