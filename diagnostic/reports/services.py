"""PDF reports of a results page: asked for on the page, rendered by a Celery task, kept.

A report is one row per (results, language): an assessment's or an organisation result's.
Asking again for the same report reuses the stored file; a campaign's result changes when a
new respondent submits, so its reports are deleted then and rendered again on request.
"""

import secrets
from datetime import datetime
from functools import partial
from pathlib import Path

from celery import current_app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from digitalees import jobs
from digitalees.mail import send_templated_mail, site_url
from digitalees.pdf import pdf_render
from network.models import Organisation

from .. import selectors
from ..access import ACCESS_MAX_AGE, access_token
from ..models import Assessment, Report, Result

TEMPLATE = "diagnostic/report/report.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "diagnostic" / "report" / "report.css"

# Enqueued by name: diagnostic.tasks imports this module. The job's claim, failure and
# requeue, and their timeouts, are digitalees.jobs'.
RENDER_TASK = "diagnostic.tasks.render_report"


def report_request(
    *,
    assessment: Assessment | None = None,
    result: Result | None = None,
    language: str,
    requested_by=None,
    notify_email: str = "",
) -> Report:
    """The report of these results in `language`: the stored one when it is ready, else a
    pending one whose rendering is queued once the transaction commits.

    Takes no lock: a render in progress never makes a second click wait."""
    if (assessment is None) == (result is None):
        raise ValueError("A report is of an assessment or of a result, not both.")
    if language not in dict(settings.LANGUAGES):
        raise ValidationError(_("This language is not available."))
    if assessment is not None and not assessment.is_submitted:
        raise ValidationError(_("The diagnostic is not submitted yet: it has no results."))
    source = {"assessment": assessment} if assessment is not None else {"result": result}
    if requested_by is not None and not requested_by.is_authenticated:
        requested_by = None
    notify = [notify_email] if notify_email else []
    with transaction.atomic():
        report, created = Report.objects.get_or_create(
            **source,
            language=language,
            defaults={"requested_by": requested_by, "notify_emails": notify},
        )
        if report.status == Report.Status.READY and jobs.file_exists(report.file):
            return report
        if not created and report.status != Report.Status.PENDING:
            # Failed, or ready but its file was lost: render it again.
            jobs.job_restart(report)
        if not created and notify_email:
            # Everyone who asks while it is being prepared gets the link.
            _add_notify_email(report.pk, notify_email)
        # A pending report asked for again is queued again: a render claims the report
        # first, so a second run does nothing, and a lost message is made up for.
        # Robust: a broker that is down must not fail the request (the report stays pending
        # and the periodic task queues it again).
        report_id = report.pk
        transaction.on_commit(lambda: _enqueue(report_id), robust=True)
    # As it is now (another request or a render may have changed it meanwhile).
    return Report.objects.filter(pk=report.pk).first() or report


def _add_notify_email(report_pk: int, address: str) -> None:
    """Add the address to a pending report's list, by a conditional update (the list it
    read is still the list), so that neither a concurrent request nor the render's end,
    which mails and empties the list, loses an address."""
    for _attempt in range(5):
        row = Report.objects.filter(pk=report_pk, status=Report.Status.PENDING).first()
        if row is None or row.emails(address):
            return  # ready meanwhile (the page offers the download), or already listed
        if Report.objects.filter(
            pk=report_pk, status=Report.Status.PENDING, notify_emails=row.notify_emails
        ).update(notify_emails=[*row.notify_emails, address]):
            return


def _enqueue(report_id: int) -> None:
    current_app.signature(RENDER_TASK, args=[report_id]).delay()


def _delete_reports(reports_qs) -> int:
    """Delete reports whose source changed, and their files once that commits. A render in
    progress holds no lock, so this never waits for it: its end finds the row gone and
    deletes its own file (report_finish)."""
    with transaction.atomic():
        # Locked for the instant of the delete only: a render that ends meanwhile cannot
        # store a file that this list would miss.
        reports = list(reports_qs.select_for_update().values_list("pk", "file"))
        if not reports:
            return 0
        Report.objects.filter(pk__in=[pk for pk, _name in reports]).delete()
        storage = Report._meta.get_field("file").storage
        for _pk, name in reports:
            if name:
                transaction.on_commit(partial(storage.delete, name))
    return len(reports)


def report_invalidate(result: Result) -> int:
    """A campaign's result changed (a new respondent submitted): its PDFs are stale."""
    return _delete_reports(Report.objects.filter(result=result))


def report_invalidate_for_assessment(assessment) -> int:
    """A visitor's results were claimed: their PDFs named no organisation."""
    return _delete_reports(Report.objects.filter(assessment=assessment))


def report_claim(report_id: int, *, token: str) -> Report | None:
    """Claim a pending report for the render attempt `token` (see jobs.job_claim)."""
    return jobs.job_claim(
        Report.objects.select_related("assessment__organisation", "result__organisation"),
        report_id,
        token=token,
    )


def report_render(report: Report, *, token: str = "") -> Report | None:
    """Render the PDF of a report claimed by the attempt `token` (outside any transaction,
    holding no lock), store it and mark the report ready; None when the report was
    invalidated or taken over meanwhile (see report_finish)."""
    pdf = report_pdf(report)
    return report if report_finish(report, pdf=pdf, token=token) else None


def report_finish(report: Report, *, pdf: bytes, token: str) -> bool:
    """Store the PDF and mark the report ready, if the attempt `token` still holds it: a
    report invalidated (deleted) or taken over meanwhile is left alone and the file deleted.

    The "ready" e-mails are queued in the same transaction as the ready mark: sent once,
    and only for a report that became ready."""
    name = f"{secrets.token_urlsafe(16)}.pdf"  # unguessable, should media ever be served
    report.file.save(name, ContentFile(pdf), save=False)
    held = Report.objects.filter(pk=report.pk, status=Report.Status.PENDING, claim_token=token)
    for _attempt in range(5):
        notify = held.values_list("notify_emails", flat=True).first()
        if notify is None:
            break  # invalidated or taken over
        now = timezone.now()
        with transaction.atomic():
            # Conditional on the list it read: an address added meanwhile is not lost.
            if held.filter(notify_emails=notify).update(
                status=Report.Status.READY,
                file=report.file.name,
                ready_at=now,
                error="",
                notify_emails=[],
                claim_token="",
                claimed_at=None,
            ):
                report.status, report.ready_at, report.error = Report.Status.READY, now, ""
                report_notify(report, notify)
                return True
    if report.file.name:
        report.file.storage.delete(report.file.name)
    return False


def report_fail(report_id: int, *, token: str, error: str, final: bool) -> None:
    """Record why rendering failed (see jobs.job_fail)."""
    jobs.job_fail(Report, report_id, token=token, error=error, final=final)


def report_requeue_stale() -> int:
    """Queue again each pending report that no live worker renders (see
    jobs.job_requeue_stale). Run by the periodic task; returns how many were queued."""
    return jobs.job_requeue_stale(Report, enqueue=_enqueue)


def report_pdf(report: Report) -> bytes:
    return pdf_render(report_html(report), stylesheet=STYLESHEET)


def report_html(report: Report) -> str:
    with translation.override(report.language):
        return render_to_string(TEMPLATE, report_context(report))


def report_context(report: Report) -> dict:
    """What the PDF shows: the figures of its results page, from the same selector. Call it
    in the report's language: titles, recommendations and chart labels are translated there."""
    if report.assessment_id:
        figures = selectors.result_figures(assessment=report.assessment)
    else:
        figures = selectors.result_figures(result=report.result)
    rows = [
        # The quartile band on the score bar ends this far from the right edge.
        {**row, "peers_right": f"{100 - row['peers'][2]:.0f}" if row["peers"] else None}
        for row in figures.rows
    ]
    # An organisation's report shows its way so far: every result up to this one.
    result = report.result
    history = (
        selectors.results_history(result.organisation, until=result.created_at)
        if result is not None
        else []
    )
    return {
        **figures.as_context(),
        "history": history[::-1],
        "history_chart": selectors.history_chart(history) if len(history) > 1 else None,
        "rows": rows,
        "report": report,
        "generated_at": timezone.now(),
        # The PDF's links to the platform's own pages (resources) are absolute.
        "site_url": site_url(),
    }


def report_filename(report: Report) -> str:
    """The name the PDF is downloaded under: digitalees-diagnostic-<date>-<language>.pdf."""
    date = timezone.localdate(_results_date(report))
    return f"digitalees-diagnostic-{date:%Y-%m-%d}-{report.language}.pdf"


def _result_of(report: Report) -> Result:
    """The result of a report that is not an assessment's (the database allows no third
    case: a report is of exactly one of them)."""
    if report.result is None:
        raise ValueError(f"Report {report.pk} is of neither an assessment nor a result.")
    return report.result


def _results_date(report: Report) -> datetime | None:
    assessment = report.assessment
    return assessment.submitted_at if assessment is not None else _result_of(report).created_at


def report_organisation(report: Report) -> Organisation | None:
    """The organisation whose results the report shows; None for a personal diagnostic."""
    assessment = report.assessment
    return assessment.organisation if assessment is not None else _result_of(report).organisation


def report_notify(report: Report, addresses: list[str]) -> None:
    """Queue the e-mail with the download link of a ready report to each address given when
    asking for it (one message each: colleagues do not see each other's addresses)."""
    if not addresses:
        return
    organisation = report_organisation(report)
    with translation.override(report.language):
        date_text = date_format(timezone.localdate(_results_date(report)), "DATE_FORMAT")
    visitor_assessment = (
        report.assessment if report.assessment and report.assessment.visitor_key else None
    )
    is_visitor = visitor_assessment is not None
    if visitor_assessment is not None:
        # A visitor's diagnostic has no account to log in to: the link is its signed access
        # link (as a resume link), which opens the results, the report ready there, in any
        # browser.
        path = reverse("diagnostic:access", kwargs={"token": access_token(visitor_assessment)})
    else:
        path = reverse("diagnostic_reports:download", kwargs={"pk": report.pk})
    context = {
        "organisation_name": organisation.name if organisation else "",
        "results_date": date_text,
        "download_path": path,
        "is_visitor": is_visitor,
        "expires_days": ACCESS_MAX_AGE.days if is_visitor else None,
    }
    for address in addresses:
        send_templated_mail(
            template="diagnostic/email/report_ready",
            to=[address],
            context=context,
            language=report.language,
        )
