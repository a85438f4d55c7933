"""The agency's view of every submitted diagnostic: a filtered list with the aggregates of
the same rows, a read-only page for a diagnostic of no organisation, and exports of the
same rows (XLSX, and CSV in the reader's conventions)."""

from datetime import datetime

from django.core.paginator import Paginator
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from digitalees.exports import csv_response, xlsx_response
from digitalees.roles import agency_staff_required

from ..models import Assessment
from ..selectors import result_figures
from . import selectors as staff_selectors
from .forms import StaffAssessmentFilterForm

PAGE_SIZE = 25


def _filters(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}


@require_GET
@agency_staff_required
def assessment_list(request):
    form = StaffAssessmentFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # Invalid filters select nothing: a partial filter would show the wrong set.
        rows, figures = [], None
    else:
        filters = _filters(form) if form.is_bound else {}
        rows = staff_selectors.staff_diagnostic_rows(**filters)
        figures = staff_selectors.cached_aggregates(**filters)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "diagnostic/staff/assessment_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "figures": figures},
    )


@require_GET
@agency_staff_required
def assessment_result(request, uuid):
    """A submitted diagnostic outside any campaign, as the agency reads it (a visitor's, or
    one kept by its owner): read-only. A campaign respondent's own answers stay theirs."""
    assessment = (
        Assessment.objects.submitted()
        .filter(uuid=uuid, campaign__isnull=True)
        .select_related("questionnaire", "organisation", "respondent")
        .first()
    )
    if assessment is None:
        raise Http404
    context = {**result_figures(assessment=assessment).as_context(), "assessment": assessment}
    return render(request, "diagnostic/staff/assessment_result.html", context)


def _invalid_filters(form) -> HttpResponseBadRequest:
    lines = [_("The filters are not valid:")]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        lines += [f"- {label}: {error}" if label else f"- {error}" for error in errors]
    return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")


def _columns(dimensions) -> list[str]:
    return [
        _("Date submitted"),
        _("Kind"),
        _("Organisation"),
        _("Enterprise number"),
        _("Sector"),
        _("Province"),
        _("Legal form"),
        _("Staff"),
        _("Respondents"),
        _("Overall score"),
        _("Maturity level"),
        *(d.tr("title") for d in dimensions),
    ]


def _values(row, scores) -> list:
    """A row's cells in the order of `_columns`, typed: a date, numbers, labels."""
    return [
        row.date.astimezone(staff_selectors.BRUSSELS).date(),
        row.kind_label,
        row.organisation_name or "",
        row.enterprise_number or "",
        row.sector_label,
        row.province_label,
        row.legal_form_label,
        row.size_band_label,
        row.respondents,
        row.overall_score,
        row.level_label,
        *scores,
    ]


def _export(request):
    """(form, None) with the rows to export, or (None, the 400 answer to invalid filters)."""
    form = StaffAssessmentFilterForm(request.GET)
    if not form.is_valid():
        return None, _invalid_filters(form)
    dimensions = staff_selectors.current_dimensions()
    rows = staff_selectors.export_rows(
        dimension_codes=[d.code for d in dimensions], **_filters(form)
    )
    return (dimensions, rows), None


def _filename(extension: str) -> str:
    today = datetime.now(staff_selectors.BRUSSELS).date().isoformat()
    return f"digitalees-diagnostics-{today}.{extension}"


@require_GET
@agency_staff_required
def assessment_export(request):
    """CSV in the reader's conventions: in French, `;` between cells and decimal commas (a
    French or Belgian spreadsheet opens it in columns), in English `,` and dots."""
    export, invalid = _export(request)
    if invalid is not None:
        return invalid
    dimensions, rows = export
    return csv_response(
        columns=_columns(dimensions),
        rows=(_values(row, scores) for row, scores in rows),
        filename=_filename("csv"),
    )


# Characters per column of the workbook: the date, then the names (kind, organisation,
# sector, legal form) wider.
WIDTHS = {1: 12, 2: 28, 3: 28, 5: 28, 7: 28}


@require_GET
@agency_staff_required
def assessment_export_xlsx(request):
    """The same rows as a workbook: labelled columns, values in the reader's language,
    dates as dates and scores as numbers."""
    export, invalid = _export(request)
    if invalid is not None:
        return invalid
    dimensions, rows = export
    return xlsx_response(
        sheet_title=_("Diagnostics"),
        columns=_columns(dimensions),
        rows=(_values(row, scores) for row, scores in rows),
        filename=_filename("xlsx"),
        widths=WIDTHS,
        float_format="0.0",
    )
