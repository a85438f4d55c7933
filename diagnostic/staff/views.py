"""The agency's view of every submitted diagnostic: a filtered list, aggregates per
dimension and a CSV export of the same set."""

import csv
from datetime import datetime

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from digitalees.roles import agency_staff_required

from ..models import Assessment
from . import selectors as staff_selectors
from .forms import StaffAssessmentFilterForm

PAGE_SIZE = 25
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _filters(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}


@require_GET
@agency_staff_required
def assessment_list(request):
    form = StaffAssessmentFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        # Invalid filters select nothing: a partial filter would show the wrong set.
        assessments, figures = Assessment.objects.none(), None
    else:
        filters = _filters(form) if form.is_bound else {}
        assessments = staff_selectors.staff_assessment_list(**filters)
        figures = staff_selectors.cached_aggregates(**filters)
    page = Paginator(assessments, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "diagnostic/staff/assessment_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "figures": figures},
    )


class _Echo:
    """csv.writer writes into this; each row comes back as a string to stream."""

    def write(self, value):
        return value


def _cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


@require_GET
@agency_staff_required
def assessment_export(request):
    form = StaffAssessmentFilterForm(request.GET)
    if not form.is_valid():
        lines = [_("The filters are not valid:")]
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            lines += [f"- {label}: {error}" if label else f"- {error}" for error in errors]
        return HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
    codes = [d.code for d in staff_selectors.current_dimensions()]
    rows = staff_selectors.export_rows(dimension_codes=codes, **_filters(form))
    writer = csv.writer(_Echo())

    def stream():
        # A byte-order mark tells Excel the file is UTF-8 (accents in names).
        yield "\ufeff" + writer.writerow(staff_selectors.export_header(codes))
        for row in rows:
            yield writer.writerow([_cell(value) for value in row])

    today = datetime.now(staff_selectors.BRUSSELS).date().isoformat()
    return StreamingHttpResponse(
        stream(),
        content_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="digitalees-diagnostics-{today}.csv"'
        },
    )
