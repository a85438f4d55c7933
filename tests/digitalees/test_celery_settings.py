"""Celery settings that decide whether a job survives a dead worker or a dead broker."""

from django.conf import settings

from digitalees.celery import app


def _visibility_timeout() -> int:
    # kombu's Redis transport hands an unacknowledged message out again after this; its
    # default is one hour.
    return app.conf.broker_transport_options.get("visibility_timeout", 3600)


def test_a_killed_workers_task_is_handed_to_another_within_minutes():
    assert 60 <= _visibility_timeout() <= 600
    assert app.conf.task_acks_late


def test_no_task_runs_or_waits_for_its_retry_longer_than_the_visibility_timeout():
    """Else the broker hands the message out again while it still runs or waits."""
    for task in app.tasks.values():
        if task.name.startswith("celery."):
            continue
        time_limit = task.time_limit or app.conf.task_time_limit
        assert time_limit < _visibility_timeout(), task.name
        if getattr(task, "autoretry_for", ()):
            assert task.retry_backoff_max < _visibility_timeout(), task.name


def test_beat_runs_tasks_that_exist():
    # Registered in every process (each app imports its tasks when ready), not only workers.
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
