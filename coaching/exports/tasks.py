"""Background jobs of the exports: the plan's PDF."""

from celery import shared_task

from digitalees.jobs import RENDER_TASK_OPTIONS, job_run

from . import services

__all__ = ["render_plan_report", "requeue_stale_plan_reports"]


@shared_task(**RENDER_TASK_OPTIONS)
def render_plan_report(self, report_id: int) -> str:
    """Render a pending plan report's PDF (jobs.job_run: safe to run twice; rendered outside
    any transaction and without a lock, marked ready only if this attempt still holds it)."""
    return job_run(
        self,
        report_id,
        claim=services.plan_report_claim,
        render=services.plan_report_render,
        fail=services.plan_report_fail,
    )


@shared_task(time_limit=60, soft_time_limit=50)
def requeue_stale_plan_reports() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the plan reports left pending by a
    broker outage or a dead worker."""
    return services.plan_report_requeue_stale()
