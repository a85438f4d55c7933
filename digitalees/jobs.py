"""Background render jobs kept as database rows (the diagnostic's PDF reports, the plan's PDF).

A job is a row with the fields `status` (its model's Status: "pending", "ready", "failed"),
`claim_token`, `claimed_at`, `attempts`, `queued_at`, `error`, `ready_at` and `file`. It is
written before its Celery task is queued (on commit), claimed by a conditional update so that
a task run twice acts once, rendered holding no lock, and queued again by a periodic task
when its message or its worker was lost. What a job renders, whom it tells and when it goes
stale stay in its app; this module knows no app's model.
"""

import uuid
from collections.abc import Callable
from datetime import timedelta
from typing import Any, TypeVar

from django.db.models import F, Model, Q, QuerySet
from django.db.models.fields.files import FieldFile
from django.utils import timezone

PENDING, FAILED = "pending", "failed"

# A render claimed longer ago than this is a dead worker's (RENDER_TASK_OPTIONS' hard time
# limit is shorter): another attempt may take the job over.
CLAIM_TIMEOUT = timedelta(minutes=3)
# A pending job that no worker claimed for this long is queued again (job_requeue_stale).
REQUEUE_AFTER = timedelta(minutes=2)
# Renders that killed their worker or ran out of time this often: the job fails, and the
# page offers to try again.
MAX_ATTEMPTS = 5
# The errors a render task is retried after: a passing storage error.
RETRIED = (OSError,)

# The Celery options of a render task (`@shared_task(**RENDER_TASK_OPTIONS)`).
RENDER_TASK_OPTIONS: dict[str, Any] = {
    "bind": True,
    "autoretry_for": RETRIED,
    "retry_backoff": True,
    # Every countdown stays below the broker's visibility timeout (else the waiting message
    # is handed out again meanwhile).
    "retry_backoff_max": 60,
    "max_retries": 3,
    "soft_time_limit": 60,
    "time_limit": 90,
    # A worker process killed mid-render (out of memory): the message goes back to the
    # queue instead of being acknowledged; job_claim gives up after MAX_ATTEMPTS.
    "reject_on_worker_lost": True,
}

M = TypeVar("M", bound=Model)


def job_claim(queryset: QuerySet[M], pk: int, *, token: str) -> M | None:
    """Claim the pending job `pk` for the render attempt `token` (its task id: a message
    redelivered after its worker was killed carries the same one), by a conditional update,
    and read it from `queryset` (with what the render needs): None when another live attempt
    holds it, it is no longer pending, or it has been tried too often (it fails then)."""
    model = queryset.model
    now = timezone.now()
    claimable = (
        Q(claimed_at__isnull=True) | Q(claim_token=token) | Q(claimed_at__lt=now - CLAIM_TIMEOUT)
    )
    claimed = model._default_manager.filter(claimable, pk=pk, status=PENDING).update(
        claim_token=token, claimed_at=now, attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    job = queryset.get(pk=pk)
    if job.attempts > MAX_ATTEMPTS:  # type: ignore[attr-defined]
        job_fail(
            model,
            pk,
            token=token,
            error=f"Gave up after {MAX_ATTEMPTS} attempts (worker killed or out of time).",
            final=True,
        )
        return None
    return job


def job_fail(model: type[Model], pk: int, *, token: str, error: str, final: bool) -> None:
    """Record why rendering failed; `final` when no retry will follow (the page then offers
    to try again), otherwise the job stays pending, released for the retry to claim."""
    changes: dict[str, Any] = {"error": error[:2000], "claim_token": "", "claimed_at": None}
    if final:
        changes["status"] = FAILED
    model._default_manager.filter(pk=pk, status=PENDING, claim_token=token).update(**changes)


def job_restart(job: Model) -> None:
    """Make a failed job, or a ready one whose file was lost, pending again, from the start
    (unless another request just did: conditional on the status and file it had)."""
    type(job)._default_manager.filter(
        pk=job.pk,
        status=job.status,  # type: ignore[attr-defined]
        file=job.file.name,  # type: ignore[attr-defined]
    ).update(
        status=PENDING,
        error="",
        ready_at=None,
        file="",
        claim_token="",
        claimed_at=None,
        attempts=0,
        queued_at=timezone.now(),
    )


def job_requeue_stale(model: type[Model], *, enqueue: Callable[[int], None]) -> int:
    """Queue again (`enqueue(pk)`) each pending job that no live worker renders: never
    claimed since it was queued a while ago (its message was lost: the broker was down), or
    claimed by a worker that died. Run by a periodic task; returns how many were queued."""
    now = timezone.now()
    rows = model._default_manager
    stale = rows.filter(status=PENDING).filter(
        Q(claimed_at__isnull=True, queued_at__lt=now - REQUEUE_AFTER)
        | Q(claimed_at__lt=now - CLAIM_TIMEOUT, queued_at__lt=now - CLAIM_TIMEOUT)
    )
    queued = 0
    for pk, queued_at in stale.values_list("pk", "queued_at")[:100]:
        # Conditional: two periodic runs at once queue it once.
        if rows.filter(pk=pk, queued_at=queued_at).update(queued_at=now):
            enqueue(pk)
            queued += 1
    return queued


def file_exists(file: FieldFile) -> bool:
    """Whether a job's stored file is still there (a storage may lose one)."""
    return file.storage.exists(file.name) if file.name else False


def job_run(
    task,
    pk: int,
    *,
    claim: Callable[..., Any],
    render: Callable[..., Any],
    fail: Callable[..., None],
) -> str:
    """The body of a render task (bound, RENDER_TASK_OPTIONS): claim the job, render it,
    record a failure. Safe to run twice: a second run finds the job claimed and skips it,
    and a render marks the job ready only if its attempt still holds it."""
    token = task.request.id or uuid.uuid4().hex
    job = claim(pk, token=token)
    if job is None:
        return "skipped"
    try:
        rendered = render(job, token=token)
    except Exception as exc:
        # While a retry follows, the job stays pending (the page keeps waiting); after the
        # last one, or an error that is not retried, it fails and the page offers to try again.
        final = not will_retry(task, exc)
        fail(pk, token=token, error=f"{type(exc).__name__}: {exc}", final=final)
        raise
    return "rendered" if rendered else "stale"


def will_retry(task, exc: Exception) -> bool:
    """Whether Celery runs the task again after `exc` (RENDER_TASK_OPTIONS' autoretry_for)."""
    if not isinstance(exc, RETRIED) or task.request.retries >= task.max_retries:
        return False
    # Run in-process with errors propagating (development without Redis), the retry is
    # raised to the caller, never run.
    return not (task.request.is_eager and task.app.conf.task_eager_propagates)
