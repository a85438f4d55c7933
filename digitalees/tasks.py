from celery import shared_task

from .mail import mail_deliver, mail_purge


@shared_task(time_limit=60, soft_time_limit=50)
def deliver_mail(email_ids: list[int]) -> int:
    """Deliver messages just queued (enqueued once their transaction commits)."""
    return mail_deliver(ids=email_ids)


@shared_task(time_limit=60, soft_time_limit=50)
def deliver_queued_mail() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): deliver every message still due, e.g. queued while
    the broker was down, claimed by a worker that died, or refused and due for a retry."""
    return mail_deliver()


@shared_task(time_limit=120, soft_time_limit=100)
def purge_old_mail() -> int:
    """Periodic (daily): delete the messages kept past their use (see mail_purge)."""
    return mail_purge()
