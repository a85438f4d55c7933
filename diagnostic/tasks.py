"""Background jobs of the diagnostic."""

import uuid

from celery import shared_task

from .reports import services as reports


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    # Every countdown stays below the broker's visibility timeout (else the waiting message
    # is handed out again meanwhile).
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=60,
    time_limit=90,
    # A worker process killed mid-render (out of memory): the message goes back to the
    # queue instead of being acknowledged; report_claim gives up after MAX_ATTEMPTS.
    reject_on_worker_lost=True,
)
def render_report(self, report_id: int) -> str:
    """Render a pending report's PDF, then e-mail its link.

    Safe to run twice: the report is claimed by a conditional update (a second run skips
    it), rendered outside any transaction and without a lock, and marked ready only if this
    attempt still holds it."""
    token = self.request.id or uuid.uuid4().hex
    report = reports.report_claim(report_id, token=token)
    if report is None:
        return "skipped"
    try:
        rendered = reports.report_render(report, token=token)
    except Exception as exc:
        # While a retry follows, the report stays pending (the page keeps waiting); after the
        # last one, or an error that is not retried, it fails and the page offers to try again.
        final = not _will_retry(self, exc)
        reports.report_fail(
            report_id, token=token, error=f"{type(exc).__name__}: {exc}", final=final
        )
        raise
    return "rendered" if rendered else "stale"


@shared_task(time_limit=60, soft_time_limit=50)
def requeue_stale_reports() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the reports left pending by a broker
    outage or a dead worker."""
    return reports.report_requeue_stale()


def _will_retry(task, exc: Exception) -> bool:
    """Whether Celery runs the task again after `exc` (see autoretry_for above)."""
    if not isinstance(exc, OSError) or task.request.retries >= task.max_retries:
        return False
    # Run in-process with errors propagating (development without Redis), the retry is
    # raised to the caller, never run.
    return not (task.request.is_eager and task.app.conf.task_eager_propagates)
