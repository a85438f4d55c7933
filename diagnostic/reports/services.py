"""PDF reports of a results page: asked for on the page, rendered by a Celery task, kept.

A report is one row per (results, language): an assessment's or an organisation result's.
Asking again for the same report reuses the stored file; a campaign's result changes when a
new respondent submits, so its reports are deleted then and rendered again on request.
"""

import secrets
from datetime import datetime
from functools import lru_cache, partial
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from digitalees.tasks import send_mail_task
from network.models import Organisation

from .. import selectors
from ..models import Assessment, Report, Result

TEMPLATE = "diagnostic/report/report.html"
STYLESHEET = Path(settings.BASE_DIR) / "templates" / "diagnostic" / "report" / "report.css"


def report_request(
    *,
    assessment: Assessment | None = None,
    result: Result | None = None,
    language: str,
    requested_by=None,
    notify_email: str = "",
) -> Report:
    """The report of these results in `language`: the stored one when it is ready, else a
    pending one whose rendering is queued once the transaction commits."""
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
        report, created = Report.objects.select_for_update().get_or_create(
            **source,
            language=language,
            defaults={"requested_by": requested_by, "notify_emails": notify},
        )
        if report.status == Report.Status.READY and _file_exists(report):
            return report
        if not created and report.status != Report.Status.PENDING:
            # Failed, or ready but its file was lost: render it again.
            report.status = Report.Status.PENDING
            report.error = ""
            report.ready_at = None
            report.file = ""
            report.save(update_fields=["status", "error", "ready_at", "file"])
        if not created and notify_email and not report.emails(notify_email):
            # Everyone who asks while it is being prepared gets the link.
            report.notify_emails.append(notify_email)
            report.save(update_fields=["notify_emails"])
        # A pending report asked for again is queued again: the task acts only on a pending
        # row it can lock, so a second run does nothing, and a lost message is made up for.
        # Robust: a broker that is down must not fail the request (the report stays pending).
        report_id = report.pk
        transaction.on_commit(lambda: _enqueue(report_id), robust=True)
    return report


def _enqueue(report_id: int) -> None:
    from ..tasks import render_report  # the tasks module imports this one

    render_report.delay(report_id)


def _file_exists(report: Report) -> bool:
    if not report.file.name:
        return False
    return report.file.storage.exists(report.file.name)


def _delete_reports(reports_qs) -> int:
    """Delete reports whose source changed, and their files once that commits."""
    with transaction.atomic():
        # Waits for a rendering in progress, so that its file is deleted too.
        reports = list(reports_qs.select_for_update())
        if not reports:
            return 0
        Report.objects.filter(pk__in=[r.pk for r in reports]).delete()
        for report in reports:
            if report.file:
                transaction.on_commit(partial(report.file.storage.delete, report.file.name))
    return len(reports)


def report_invalidate(result: Result) -> int:
    """A campaign's result changed (a new respondent submitted): its PDFs are stale."""
    return _delete_reports(Report.objects.filter(result=result))


def report_invalidate_for_assessment(assessment) -> int:
    """A visitor's results were claimed: their PDFs named no organisation."""
    return _delete_reports(Report.objects.filter(assessment=assessment))


def report_render(report: Report) -> Report | None:
    """Render the PDF of a pending report, store it and mark the report ready.

    Callers (the task) hold the row's lock; the last update is conditional all the same so
    that a report invalidated or finished meanwhile is left alone (None is returned)."""
    pdf = report_pdf(report)
    name = f"{secrets.token_urlsafe(16)}.pdf"  # unguessable, should media ever be served
    report.file.save(name, ContentFile(pdf), save=False)
    now = timezone.now()
    updated = Report.objects.filter(pk=report.pk, status=Report.Status.PENDING).update(
        status=Report.Status.READY, file=report.file.name, ready_at=now, error=""
    )
    if not updated:
        if report.file.name:
            report.file.storage.delete(report.file.name)
        return None
    report.status, report.ready_at, report.error = Report.Status.READY, now, ""
    return report


def report_fail(report_id: int, *, error: str, final: bool) -> None:
    """Record why rendering failed; `final` when no retry will follow (the page then offers
    to try again), otherwise the report stays pending for the retry to claim."""
    changes = {"error": error[:2000]}
    if final:
        changes["status"] = Report.Status.FAILED
    Report.objects.filter(pk=report_id, status=Report.Status.PENDING).update(**changes)


def report_pdf(report: Report) -> bytes:
    # WeasyPrint takes half a second to import: only workers that render pay for it.
    from weasyprint import HTML

    html = report_html(report)
    font_config, stylesheet = _report_stylesheet(STYLESHEET.stat().st_mtime_ns)
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(
        stylesheets=[stylesheet], font_config=font_config
    )


@lru_cache(maxsize=1)
def _report_stylesheet(modified: int):
    """The report's styles, parsed once per process (a quarter of each render when they were
    inline in the page), again when the file changes (`modified`)."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return font_config, CSS(filename=str(STYLESHEET), font_config=font_config)


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
    return {
        **figures.as_context(),
        "rows": rows,
        "report": report,
        "generated_at": timezone.now(),
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


def report_notify(report: Report) -> None:
    """E-mail the download link of a ready report to each address given when asking for it
    (one message each: colleagues do not see each other's addresses), then forget them."""
    if not report.notify_emails:
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
        from ..services import ACCESS_MAX_AGE, access_token  # services import this module

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
    for address in report.notify_emails:
        send_mail_task.delay(
            template="diagnostic/email/report_ready",
            to=[address],
            context=context,
            language=report.language,
        )
    # (Unless it was asked for again meanwhile, its file lost: that rendering e-mails anew.)
    Report.objects.filter(pk=report.pk, status=Report.Status.READY).update(notify_emails=[])
    report.notify_emails = []
