"""The plan as a PDF: asked for on the plan's PDF page, rendered by a Celery task, kept.

diagnostic.Report's way (digitalees.jobs): the PlanReport row is the job, written before its
task is queued (on commit), claimed by a conditional update, rendered holding no lock, queued
again by a periodic task when its message or its worker was lost. A plan changes: a report is of the
plan's state when asked (`content_stamp`); asking again for an unchanged plan reuses the
file, asking after a change renders a new one (and the older file of that language goes
once the new one is ready).
"""

import hashlib
import secrets
from functools import partial
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Sum
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from diagnostic.models import Result
from digitalees import jobs
from digitalees.pdf import pdf_render

from ..models import Plan, PlanReport
from . import selectors

TEMPLATE = "coaching/exports/plan_report.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "coaching" / "exports" / "plan_report.css"

# Enqueued by name: coaching.exports.tasks imports this module. The job's claim, failure
# and requeue, and their timeouts, are digitalees.jobs'.
RENDER_TASK = "coaching.exports.tasks.render_plan_report"


def plan_content_stamp(plan: Plan) -> str:
    """What the PDF shows of the plan, as a digest: the plan's own fields (its version and
    update time), its actions (every action write bumps its version and update time; a
    deletion changes their count), its milestones and completed steps (few rows, read
    whole), and the diagnostic results its change per dimension compares."""
    actions = plan.actions.aggregate(
        count=Count("pk"), last=Max("updated_at"), versions=Sum("version"), top=Max("pk")
    )
    milestones = list(plan.milestones.values_list("pk", "title", "due_on", "reached_on"))
    steps = list(plan.step_completions.values_list("step_id", "completed_at", "note"))
    latest = (
        Result.objects.filter(organisation_id=plan.organisation_id, is_latest=True)
        .values_list("pk", flat=True)
        .first()
    )
    state = repr(
        (
            plan.version,
            plan.updated_at,
            plan.vision,
            plan.objectives,
            plan.baseline_result_id,
            plan.final_result_id,
            latest,
            sorted(actions.items()),
            milestones,
            steps,
        )
    )
    return hashlib.sha256(state.encode()).hexdigest()


def plan_report_request(*, plan: Plan, language: str, requested_by=None) -> PlanReport:
    """The PDF of the plan as it is now, in `language`: the stored one when it is ready,
    else a pending one whose rendering is queued once the transaction commits. Takes no
    lock: a render in progress never makes a second click wait."""
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not available."), code="language")
    if requested_by is not None and not requested_by.is_authenticated:
        requested_by = None
    stamp = plan_content_stamp(plan)
    with transaction.atomic():
        report, created = PlanReport.objects.get_or_create(
            plan=plan,
            language=language,
            content_stamp=stamp,
            defaults={"requested_by": requested_by},
        )
        if report.status == PlanReport.Status.READY and jobs.file_exists(report.file):
            return report
        if not created and report.status != PlanReport.Status.PENDING:
            # Failed, or ready but its file was lost: render it again.
            jobs.job_restart(report)
        # A pending report asked for again is queued again: a render claims it first, so a
        # second run does nothing, and a lost message is made up for. Robust: a broker that
        # is down must not fail the request (the periodic task queues it again).
        report_id = report.pk
        transaction.on_commit(lambda: _enqueue(report_id), robust=True)
    return PlanReport.objects.filter(pk=report.pk).first() or report


def plan_report_current(plan: Plan, *, language: str) -> PlanReport | None:
    """The report of the plan as it is now in `language`, if one was asked for."""
    return PlanReport.objects.filter(
        plan=plan, language=language, content_stamp=plan_content_stamp(plan)
    ).first()


def _enqueue(report_id: int) -> None:
    current_app.signature(RENDER_TASK, args=[report_id]).delay()


def plan_report_claim(report_id: int, *, token: str) -> PlanReport | None:
    """Claim a pending report for the render attempt `token` (see jobs.job_claim)."""
    return jobs.job_claim(
        PlanReport.objects.select_related("plan__organisation", "plan__enrolment__cohort"),
        report_id,
        token=token,
    )


def plan_report_render(report: PlanReport, *, token: str = "") -> PlanReport | None:
    """Render the PDF of a report claimed by `token` (outside any transaction, holding no
    lock), store it and mark the report ready; None when it was taken over meanwhile."""
    pdf = plan_report_pdf(report)
    return report if plan_report_finish(report, pdf=pdf, token=token) else None


def plan_report_finish(report: PlanReport, *, pdf: bytes, token: str) -> bool:
    """Store the PDF and mark the report ready if the attempt `token` still holds it (else
    the file is deleted); the plan's older ready PDFs of that language go with their files."""
    name = f"{secrets.token_urlsafe(16)}.pdf"  # unguessable, should media ever be served
    report.file.save(name, ContentFile(pdf), save=False)
    now = timezone.now()
    with transaction.atomic():
        held = PlanReport.objects.filter(
            pk=report.pk, status=PlanReport.Status.PENDING, claim_token=token
        ).update(
            status=PlanReport.Status.READY,
            file=report.file.name,
            ready_at=now,
            error="",
            claim_token="",
            claimed_at=None,
        )
        if held:
            report.status, report.ready_at, report.error = PlanReport.Status.READY, now, ""
            _delete_older(report)
            return True
    if report.file.name:
        report.file.storage.delete(report.file.name)
    return False


def _delete_older(report: PlanReport) -> None:
    """The plan's earlier ready PDFs in the report's language: superseded by this one (a
    render of an earlier state that ends later leaves this one alone)."""
    older = PlanReport.objects.filter(
        plan_id=report.plan_id,
        language=report.language,
        status=PlanReport.Status.READY,
        created_at__lt=report.created_at,
    )
    names = [name for name in older.values_list("file", flat=True) if name]
    older.delete()
    storage = PlanReport._meta.get_field("file").storage
    for name in names:
        transaction.on_commit(partial(storage.delete, name))


def plan_report_fail(report_id: int, *, token: str, error: str, final: bool) -> None:
    """Record why rendering failed (see jobs.job_fail)."""
    jobs.job_fail(PlanReport, report_id, token=token, error=error, final=final)


def plan_report_requeue_stale() -> int:
    """Queue again each pending report that no live worker renders (see
    jobs.job_requeue_stale). Run by the periodic task; returns how many were queued."""
    return jobs.job_requeue_stale(PlanReport, enqueue=_enqueue)


def plan_report_pdf(report: PlanReport) -> bytes:
    return pdf_render(plan_report_html(report), stylesheet=STYLESHEET)


def plan_report_html(report: PlanReport) -> str:
    with translation.override(report.language):
        return render_to_string(
            TEMPLATE, {**selectors.plan_document(report.plan), "report": report}
        )


def plan_report_filename(report: PlanReport) -> str:
    """digitalees-plan-<organisation>-<date>-<language>.pdf"""
    date = timezone.localdate(report.ready_at or report.created_at)
    return f"digitalees-plan-{report.plan.organisation.slug}-{date:%Y-%m-%d}-{report.language}.pdf"
