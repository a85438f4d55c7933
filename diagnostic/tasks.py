"""Background jobs of the diagnostic."""

from celery import shared_task

from digitalees.jobs import RENDER_TASK_OPTIONS, job_run

from .reports import services as reports


@shared_task(**RENDER_TASK_OPTIONS)
def render_report(self, report_id: int) -> str:
    """Render a pending report's PDF, then e-mail its link (jobs.job_run: safe to run twice;
    rendered outside any transaction and without a lock, marked ready only if this attempt
    still holds it)."""
    return job_run(
        self,
        report_id,
        claim=reports.report_claim,
        render=reports.report_render,
        fail=reports.report_fail,
    )


@shared_task(time_limit=60, soft_time_limit=50)
def requeue_stale_reports() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the reports left pending by a broker
    outage or a dead worker."""
    return reports.report_requeue_stale()
