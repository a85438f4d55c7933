"""The agency's pages of grants: the pipeline of applications (filters, overdue screening,
counts per status), its exports, and the de minimis aid the programme granted, as a page
and as files for the public register. Agency staff only (digitalees.roles)."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_safe

from coaching.selectors import pk_url
from digitalees.exports import csv_response, xlsx_response
from digitalees.roles import agency_staff_required

from . import selectors
from .forms import PipelineFilter, RegisterForm

PAGE_SIZE = 50
MONEY_WIDTH = 14


def _query(request) -> str:
    """The filters of the request, without its page: what the pages and exports carry."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def _pipeline_filter(request) -> PipelineFilter:
    return PipelineFilter(request.GET or None, queryset=selectors.pipeline_queryset())


def _invalid(form) -> HttpResponseBadRequest:
    lines = [_("The filters are not valid:")]
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        lines += [f"- {label}: {error}" if label else f"- {error}" for error in errors]
    return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
@agency_staff_required
def pipeline(request):
    filters = _pipeline_filter(request)
    # Invalid filters select nothing: a partial filter would show the wrong set.
    valid = not filters.is_bound or filters.is_valid()
    if valid:
        queryset = filters.qs
        summary = selectors.summary_of(queryset)
        paginator = Paginator(queryset, PAGE_SIZE)
        paginator.count = summary.total  # counted with the statuses: no second count
        page = paginator.get_page(request.GET.get("page"))
    else:
        summary = None
        page = Paginator([], PAGE_SIZE).get_page(1)
    now = timezone.now()
    # Each row's link from one reverse per page (coaching.selectors.pk_url).
    detail_url = pk_url("grants:application_detail")
    for application in page:
        application.days_waiting = selectors.days_waiting(application, now)
        application.url = detail_url(application.pk)
        application.badge = selectors.badge_class(application.status)
    return render(
        request,
        "grants/pipeline/pipeline.html",
        {
            "form": filters.form,
            "page": page,
            "summary": summary,
            "query": _query(request),
            "valid": valid,
        },
    )


def _export_columns() -> list[str]:
    return [
        _("Reference"),
        _("Organisation"),
        _("Enterprise number"),
        _("Province"),
        _("Call"),
        _("Status"),
        _("Submitted on"),
        _("Decided on"),
        _("Total cost excl. VAT (€)"),
        _("Eligible costs (€)"),
        _("Amount requested (€)"),
        _("Amount approved (€)"),
        _("Amount paid (€)"),
    ]


def _export_values(rows):
    for row in rows:
        yield [
            row.reference,
            row.organisation,
            row.enterprise_number,
            row.province,
            row.call,
            row.status,
            row.submitted,
            row.decided,
            row.total_cost,
            row.eligible_total,
            row.requested,
            row.approved,
            row.paid,
        ]


def _export_filename(extension: str) -> str:
    return f"digitalees-grant-applications-{timezone.localdate().isoformat()}.{extension}"


EXPORT_WIDTHS = {1: 14, 2: 36, 3: 14, 4: 18, 5: 32, 6: 22, 7: 12, 8: 12} | dict.fromkeys(
    range(9, 14), MONEY_WIDTH
)


@require_safe
@agency_staff_required
def export_csv(request):
    """The pipeline's filtered applications with their amounts, as a CSV in the reader's
    conventions (in French `;` and decimal commas)."""
    filters = _pipeline_filter(request)
    if filters.is_bound and not filters.is_valid():
        return _invalid(filters.form)
    return csv_response(
        columns=_export_columns(),
        rows=_export_values(selectors.export_rows(filters.qs)),
        filename=_export_filename("csv"),
    )


@require_safe
@agency_staff_required
def export_xlsx(request):
    """The same rows as a workbook: dates as dates, amounts as numbers."""
    filters = _pipeline_filter(request)
    if filters.is_bound and not filters.is_valid():
        return _invalid(filters.form)
    return xlsx_response(
        sheet_title=pgettext("grant applications", "Applications"),
        columns=_export_columns(),
        rows=_export_values(selectors.export_rows(filters.qs)),
        filename=_export_filename("xlsx"),
        widths=EXPORT_WIDTHS,
    )


# --- the de minimis register ------------------------------------------------------------


def _register_form(request) -> RegisterForm:
    return RegisterForm(request.GET or None, years=selectors.register_years())


def _year(form: RegisterForm) -> int | None:
    return form.cleaned_data.get("year") if form.is_bound else None


@require_safe
@agency_staff_required
def de_minimis_register(request):
    """The de minimis aid the programme granted, per beneficiary, with its total."""
    form = _register_form(request)
    valid = not form.is_bound or form.is_valid()
    if valid:
        queryset = selectors.granted_aid(_year(form))
        totals = selectors.register_totals(queryset)
        paginator = Paginator(queryset, PAGE_SIZE)
        paginator.count = totals.grants  # counted with the total: no second count
        page = paginator.get_page(request.GET.get("page"))
    else:
        totals = None
        page = Paginator([], PAGE_SIZE).get_page(1)
    detail_url = pk_url("grants:application_detail")
    for application in page:
        application.url = detail_url(application.pk)
    return render(
        request,
        "grants/pipeline/de_minimis_register.html",
        {
            "form": form,
            "page": page,
            "totals": totals,
            "year": _year(form) if valid else None,
            "query": _query(request),
            "valid": valid,
        },
    )


def _register_columns() -> list[str]:
    return [
        _("Beneficiary"),
        _("Enterprise number"),
        _("Amount (€)"),
        _("Date granted"),
        _("Call"),
        _("Reference"),
    ]


def _register_values(queryset):
    for application in queryset.iterator(chunk_size=2000):
        yield [
            application.organisation.name,
            application.organisation.enterprise_number_display,
            application.approved_amount,
            timezone.localdate(application.decided_at),
            str(application.call),
            application.reference,
        ]


def _register_filename(year: int | None, extension: str) -> str:
    period = year or "all"
    return f"digitalees-de-minimis-{period}-{timezone.localdate().isoformat()}.{extension}"


def _register_export(request):
    """(the year, None), or (None, the 400 answer to an invalid year)."""
    form = _register_form(request)
    if form.is_bound and not form.is_valid():
        return None, _invalid(form)
    return _year(form), None


@require_safe
@agency_staff_required
def de_minimis_csv(request):
    year, invalid = _register_export(request)
    if invalid is not None:
        return invalid
    return csv_response(
        columns=_register_columns(),
        rows=_register_values(selectors.granted_aid(year)),
        filename=_register_filename(year, "csv"),
    )


@require_safe
@agency_staff_required
def de_minimis_xlsx(request):
    year, invalid = _register_export(request)
    if invalid is not None:
        return invalid
    return xlsx_response(
        sheet_title=_("De minimis aid"),
        columns=_register_columns(),
        rows=_register_values(selectors.granted_aid(year)),
        filename=_register_filename(year, "xlsx"),
        widths={1: 36, 2: 14, 3: MONEY_WIDTH, 4: 12, 5: 32, 6: 14},
    )
