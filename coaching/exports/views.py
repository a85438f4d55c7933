"""Exports: the plan as a PDF (ask for it, follow its preparation, download it) and a
cohort's actions as a workbook or a CSV.

A plan's PDF is for whoever may see the plan (its enterprise's members, its coaches, the
agency); a cohort's actions are the agency's to export, and each of the cohort's coaches
exports those of the enterprises they coach.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import HttpResponseClientRedirect

from digitalees.exports import csv_response, xlsx_response
from digitalees.service_errors import error_text

from ..models import Action, PlanReport
from ..rules import get_cohort_for_export, get_plan_for, get_plan_report_for
from ..selectors import dimension_titles
from . import selectors
from . import services as exports

PAGE_TEMPLATE = "coaching/exports/plan_pdf.html"
STATUS_TEMPLATE = "coaching/exports/_plan_pdf_status.html"
FORMATS = ("csv", "xlsx")


def _pdf_url(plan) -> str:
    return reverse("coaching:plan_pdf", kwargs={"pk": plan.pk})


# --- the plan's PDF ---------------------------------------------------------------------


@require_GET
@login_required
def plan_pdf(request, pk):
    """The plan's PDF page: the PDF of the plan as it is now, in the reader's language, if
    it was asked for (ready, being prepared, failed), else the button to ask for it."""
    plan, _access = get_plan_for(request, pk)
    report = exports.plan_report_current(plan, language=request.LANGUAGE_CODE)
    return render(request, PAGE_TEMPLATE, {"plan": plan, "report": report})


@require_POST
@login_required
def plan_pdf_request(request, pk):
    """Ask for the plan's PDF: the status block for htmx, else back to the PDF page."""
    plan, _access = get_plan_for(request, pk)
    try:
        report = exports.plan_report_request(
            plan=plan, language=request.LANGUAGE_CODE, requested_by=request.user
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        if request.htmx:
            return HttpResponseClientRedirect(_pdf_url(plan))
        return redirect(_pdf_url(plan))
    if request.htmx:
        return render(request, STATUS_TEMPLATE, {"plan": plan, "report": report})
    if report.status == PlanReport.Status.READY:
        messages.success(request, _("The plan's PDF is ready: download it below."))
    else:
        messages.info(request, _("The plan's PDF is being prepared. Reload this page in a moment."))
    return redirect(_pdf_url(plan))


@require_GET
def plan_pdf_status(request, pk):
    """The PDF's block, polled by htmx every two seconds while it is being prepared."""
    if not request.user.is_authenticated:
        # A poll whose session ended: the whole page goes to the login, then back.
        back = (request.htmx.current_url_abs_path if request.htmx else None) or "/"
        login = redirect_to_login(back)
        return HttpResponseClientRedirect(login.url) if request.htmx else login
    report, _access = get_plan_report_for(request, pk)
    return render(request, STATUS_TEMPLATE, {"plan": report.plan, "report": report})


@require_GET
@login_required
def plan_pdf_download(request, pk):
    """The PDF, as an attachment, once it is ready; until then, back to the PDF page."""
    report, _access = get_plan_report_for(request, pk)
    back = _pdf_url(report.plan)
    if report.status == PlanReport.Status.PENDING:
        messages.info(request, _("This PDF is still being prepared: its link appears below."))
        return redirect(back)
    try:
        if report.status != PlanReport.Status.READY or not report.file:
            raise FileNotFoundError
        pdf = report.file.open("rb")
    except FileNotFoundError:
        messages.info(request, _("This PDF is not available. Ask for it again below."))
        return redirect(back)
    response = FileResponse(
        pdf,
        as_attachment=True,
        filename=exports.plan_report_filename(report),
        content_type="application/pdf",
    )
    # The plan is private: no shared cache may keep it.
    patch_cache_control(response, private=True, no_store=True)
    return response


# --- the cohort's actions ---------------------------------------------------------------


def _columns() -> list[str]:
    return [
        _("Enterprise"),
        _("Cohort"),
        _("Action"),
        _("Dimension"),
        _("Priority"),
        _("Owner"),
        _("Start date"),
        _("Due date"),
        _("Status"),
        _("Progress (%)"),
        _("Estimated budget (€)"),
        _("Overdue"),
    ]


def _rows(cohort, coach):
    """Each action's cells in the order of `_columns`, typed: dates, numbers, labels in the
    reader's language."""
    titles = dimension_titles()
    priorities = {value: str(label) for value, label in Action.Priority.choices}
    statuses = {value: str(label) for value, label in Action.Status.choices}
    yes, no = _("Yes"), _("No")
    for row in selectors.cohort_action_rows(cohort, coach=coach):
        yield [
            row.enterprise,
            cohort.name,
            row.title,
            titles.get(row.dimension_code, row.dimension_code),
            priorities.get(row.priority, row.priority),
            row.owner,
            row.starts_on,
            row.due_on,
            statuses.get(row.status, row.status),
            row.progress,
            row.budget,
            yes if row.overdue else no,
        ]


def _filename(cohort, extension: str) -> str:
    return f"digitalees-actions-{cohort.slug}-{timezone.localdate().isoformat()}.{extension}"


@require_GET
@login_required
def cohort_actions_export(request, slug, format):
    """Every action of the cohort (a coach's: of the enterprises they coach), one row each:
    a CSV in the reader's conventions (in French `;` and decimal commas) or a workbook."""
    cohort, coach = get_cohort_for_export(request, slug)
    if format not in FORMATS:
        raise Http404
    rows = _rows(cohort, coach)
    if format == "csv":
        return _csv_response(cohort, rows)
    return _xlsx_response(cohort, rows)


def _csv_response(cohort, rows):
    return csv_response(columns=_columns(), rows=rows, filename=_filename(cohort, "csv"))


# Characters per column of the workbook (enterprise, cohort, action, dimension, …).
WIDTHS = [32, 24, 44, 24, 10, 22, 12, 12, 14, 10, 14, 10]


def _xlsx_response(cohort, rows):
    return xlsx_response(
        sheet_title=_("Actions"),
        columns=_columns(),
        rows=rows,
        filename=_filename(cohort, "xlsx"),
        widths=dict(enumerate(WIDTHS, start=1)),
    )
