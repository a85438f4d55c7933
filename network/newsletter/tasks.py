"""The newsletter's monthly digest (CELERY_BEAT_SCHEDULE, the 1st of each month)."""

import datetime

from celery import shared_task
from django.db import DatabaseError, transaction

from . import services


# Well within the broker's visibility timeout; the service stops itself earlier (its time
# budget) and the task queues itself again for the subscribers left. A database that fails
# for a moment: tried again, which resends nothing (the claims are committed with the mail).
@shared_task(
    soft_time_limit=200,
    time_limit=240,
    autoretry_for=(DatabaseError,),
    max_retries=3,
    retry_backoff=30,
    retry_backoff_max=120,
)
def send_monthly_digest(month: str | None = None) -> int:
    """Send last month's digest (`month`: its first day, ISO) to those who have not had it.
    Safe to run twice: each subscriber is claimed before their e-mail is queued."""
    first_day = datetime.date.fromisoformat(month) if month else services.previous_month()
    run = services.digest_send(month=first_day)
    if not run.finished:
        transaction.on_commit(lambda: send_monthly_digest.delay(first_day.isoformat()))
    return run.sent
