"""Background jobs of grants: the decision letter's PDF (grants.letters)."""

from celery import shared_task

from digitalees.jobs import RENDER_TASK_OPTIONS, job_run

from . import letters

__all__ = ["render_decision_letter", "requeue_stale_decision_letters"]


@shared_task(**RENDER_TASK_OPTIONS)
def render_decision_letter(self, letter_id: int) -> str:
    """Render a pending decision letter and e-mail it (jobs.job_run: safe to run twice;
    rendered outside any transaction and without a lock, marked ready and e-mailed only if
    this attempt still holds it)."""
    return job_run(
        self,
        letter_id,
        claim=letters.letter_claim,
        render=letters.letter_render,
        fail=letters.letter_fail,
    )


@shared_task(time_limit=60, soft_time_limit=50)
def requeue_stale_decision_letters() -> int:
    """Periodic (CELERY_BEAT_SCHEDULE): queue again the letters left pending by a broker
    outage or a dead worker."""
    return letters.letter_requeue_stale()
