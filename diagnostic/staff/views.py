"""The agency's view of every submitted diagnostic: a filtered list, aggregates per
dimension and a CSV export of the same set."""

import csv
from datetime import datetime
from typing import TypedDict

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import dateformat, formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from digitalees.roles import agency_staff_required
from digitalees.templatetags.digitalees_tags import one_decimal
from network.models import Organisation

from ..models import Assessment
from ..scoring import LEVELS
from . import selectors as staff_selectors
from .forms import StaffAssessmentFilterForm

PAGE_SIZE = 25
SLUG_MARK = "__slug__"
# Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _filters(form) -> dict:
    return {name: value for name, value in form.cleaned_data.items() if value not in ("", None)}


class StaffRow(TypedDict):
    """One line of the list, every cell ready to show (a dict: the template engine looks a
    key up faster than an attribute)."""

    pk: int
    submitted_at: str  # ISO 8601, Brussels time, for <time datetime>
    submitted_on: str  # the date as the reader's language writes it
    organisation: str  # empty for a visitor's diagnostic
    organisation_url: str
    sector: str
    province: str
    legal_form: str
    score: str
    level: str


def _rows(values) -> list[StaffRow]:
    """The page's rows from `staff_selectors.LIST_FIELDS` dicts. Labels, formats and the
    link's pattern are looked up once per page: get_FOO_display, the date filter and
    reverse() redo that work at each call, which costs more over 25 rows than the page's
    queries."""
    labels = {
        field: {code: str(label) for code, label in choices}
        for field, choices in (
            ("sector", Organisation.Sector.choices),
            ("province", Organisation.Province.choices),
            ("legal_form", Organisation.LegalForm.choices),
        )
    }
    levels = {level.number: f"{level.number} – {level.name}" for level in LEVELS}
    date_format = formats.get_format("SHORT_DATE_FORMAT")
    decimal_separator = formats.get_format("DECIMAL_SEPARATOR")
    # Slugs match the URL's own pattern: each link is the pattern with its slug put in.
    url_pattern = reverse("network:organisation_detail", kwargs={"slug": SLUG_MARK})
    dates = {}  # a page often shows several diagnostics of one day
    rows = []
    for value in values:
        submitted_at = timezone.localtime(value["submitted_at"])
        day = submitted_at.date()
        if day not in dates:
            dates[day] = dateformat.format(day, date_format)
        slug = value["organisation__slug"]
        rows.append(
            StaffRow(
                pk=value["pk"],
                submitted_at=submitted_at.isoformat(),
                submitted_on=dates[day],
                organisation=value["organisation__name"] or "",
                organisation_url=url_pattern.replace(SLUG_MARK, slug) if slug else "",
                **{
                    field: labels[field].get(value[f"organisation__{field}"], "—")
                    for field in labels
                },
                score=one_decimal(value["overall_score"], decimal_separator),
                level=levels.get(value["level"], "—"),
            )
        )
    return rows


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
        {
            "form": form,
            "page": page,
            "rows": _rows(page.object_list.values(*staff_selectors.LIST_FIELDS)),
            "query": query.urlencode(),
            "overall": figures.overall if figures else None,
            "aggregates": figures.dimensions if figures else [],
            "computed_at": figures.computed_at if figures else None,
        },
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
