"""Background jobs of the network's events: the day-before reminders and the attendance
certificates' PDFs."""

from celery import shared_task

from digitalees.jobs import RENDER_TASK_OPTIONS, job_run

from . import certificates, services

__all__ = ["render_certificate", "requeue_stale_certificates", "send_event_reminders"]


# Well within the broker's visibility timeout (300 s), retries included: a run stopped by
# its limit leaves what it sent claimed, and the next hourly run sends the rest.
@shared_task(
    autoretry_for=(OSError,),
    retry_backoff=True,
    retry_backoff_max=60,
    max_retries=3,
    soft_time_limit=200,
    time_limit=240,
)
def send_event_reminders() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE, hourly): e-mail each confirmed registration of the
    events starting within 24 hours, once (services.reminders_send claims each row)."""
    return services.reminders_send()


@shared_task(**RENDER_TASK_OPTIONS)
def render_certificate(self, certificate_id: int) -> str:
    """Render a pending certificate and e-mail it (jobs.job_run: safe to run twice)."""
    return job_run(
        self,
        certificate_id,
        claim=certificates.certificate_claim,
        render=certificates.certificate_render,
        fail=certificates.certificate_fail,
    )


@shared_task(time_limit=60, soft_time_limit=50)
def requeue_stale_certificates() -> int:
    """Periodic: queue again the certificates left pending by a broker outage or a dead
    worker."""
    return certificates.certificate_requeue_stale()
