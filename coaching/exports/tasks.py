"""Background jobs of the exports: the plan's PDF."""

import uuid

from celery import shared_task

from . import services

__all__ = ["render_plan_report", "requeue_stale_plan_reports"]


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    # Every countdown stays below the broker's visibility timeout.
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=60,
    time_limit=90,
    # A worker process killed mid-render: the message goes back to the queue;
    # plan_report_claim gives up after MAX_ATTEMPTS.
    reject_on_worker_lost=True,
)
def render_plan_report(self, report_id: int) -> str:
    """Render a pending plan report's PDF. Safe to run twice: claimed by a conditional
    update (a second run skips it), rendered outside any transaction and without a lock,
    marked ready only if this attempt still holds it."""
    token = self.request.id or uuid.uuid4().hex
    report = services.plan_report_claim(report_id, token=token)
    if report is None:
        return "skipped"
    try:
        rendered = services.plan_report_render(report, token=token)
    except Exception as exc:
        final = not _will_retry(self, exc)
        services.plan_report_fail(
            report_id, token=token, error=f"{type(exc).__name__}: {exc}", final=final
        )
        raise
    return "rendered" if rendered else "stale"


@shared_task(time_limit=60, soft_time_limit=50)
def requeue_stale_plan_reports() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the plan reports left pending by a
    broker outage or a dead worker."""
    return services.plan_report_requeue_stale()


def _will_retry(task, exc: Exception) -> bool:
    """Whether Celery runs the task again after `exc` (see autoretry_for above)."""
    if not isinstance(exc, OSError) or task.request.retries >= task.max_retries:
        return False
    return not (task.request.is_eager and task.app.conf.task_eager_propagates)
