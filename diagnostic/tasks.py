"""Background jobs of the diagnostic."""

from celery import shared_task
from django.db import transaction

from .models import Report
from .reports import services as reports


@shared_task(
    bind=True,
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=3,
    soft_time_limit=60,
    time_limit=90,
)
def render_report(self, report_id: int) -> str:
    """Render a pending report's PDF, then e-mail its link.

    Safe to run twice: only a pending row that no other worker holds is rendered, and the
    lock is kept while rendering (a second run skips it, then finds it ready)."""
    try:
        with transaction.atomic():
            report = (
                Report.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("assessment__organisation", "result__organisation")
                .filter(pk=report_id, status=Report.Status.PENDING)
                .first()
            )
            if report is None:
                return "skipped"
            report = reports.report_render(report)
    except Exception as exc:
        # While a retry follows, the report stays pending (the page keeps waiting); after the
        # last one, or an error that is not retried, it fails and the page offers to try again.
        final = not _will_retry(self, exc)
        reports.report_fail(report_id, error=f"{type(exc).__name__}: {exc}", final=final)
        raise
    if report is None:
        return "skipped"
    reports.report_notify(report)
    return "rendered"


def _will_retry(task, exc: Exception) -> bool:
    """Whether Celery runs the task again after `exc` (see autoretry_for above)."""
    if not isinstance(exc, OSError) or task.request.retries >= task.max_retries:
        return False
    # Run in-process with errors propagating (development without Redis), the retry is
    # raised to the caller, never run.
    return not (task.request.is_eager and task.app.conf.task_eager_propagates)
