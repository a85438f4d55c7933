"""Background jobs of coaching. The reminders run on celery beat's schedule
(CELERY_BEAT_SCHEDULE in settings); each is safe to run twice or on two workers at once (a
reminder's row decides, see coaching.reminders.services). The plan's PDF jobs live in
coaching/exports/tasks.py, imported here for the workers' autodiscovery."""

from celery import shared_task

from .exports.tasks import render_plan_report, requeue_stale_plan_reports  # noqa: F401
from .reminders import services as reminders

# Well within the broker's visibility timeout; a run stopped by its limit leaves what it
# did committed, and the next run sends the rest.
REMINDER_LIMITS = {"soft_time_limit": 200, "time_limit": 240}


@shared_task(**REMINDER_LIMITS)
def send_action_reminders() -> int:
    """Daily: owners of actions due within 7 days or overdue."""
    return reminders.action_reminders_send()


@shared_task(**REMINDER_LIMITS)
def send_session_reminders() -> int:
    """Hourly: participants of sessions and intervisions starting within 24 hours."""
    return reminders.session_reminders_send()


@shared_task(**REMINDER_LIMITS)
def send_coach_digests() -> int:
    """Mondays: each coach's weekly digest of their enterprises."""
    return reminders.coach_digests_send()
