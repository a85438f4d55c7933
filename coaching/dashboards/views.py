"""Where each enterprise stands: the coach's enterprises, and a whole cohort for the agency
(and, narrowed to their own enterprises, for the cohort's coaches)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ..models import Cohort
from ..rules import can_see_coach_dashboard, dashboard_enrolments, get_cohort_for
from . import selectors
from .forms import OrderForm


@login_required
@require_GET
def coach_dashboard(request):
    """The coach's enterprises in cohorts not closed, what needs attention first."""
    if not can_see_coach_dashboard(request.user):
        raise PermissionDenied
    order_form = OrderForm(request.GET)
    rows = selectors.enterprise_rows(
        selectors.coached_enrolments(request.user), order=order_form.ordering()
    )
    return render(
        request,
        "coaching/dashboards/coach.html",
        {
            "rows": rows,
            "totals": selectors.totals_of(rows, median_progress=None),
            "order_form": order_form,
        },
    )


@login_required
@require_GET
def cohort_dashboard(request, slug):
    """A cohort's enterprises with the cohort's totals; the agency sees them all, a coach
    the ones they coach."""
    cohort, access = get_cohort_for(request, slug, organise=True)
    order_form = OrderForm(request.GET)
    rows = selectors.enterprise_rows(dashboard_enrolments(access), order=order_form.ordering())
    median = selectors.median_progress_by_cohort([cohort.pk])[cohort.pk]
    return render(
        request,
        "coaching/dashboards/cohort.html",
        {
            "cohort": cohort,
            "rows": rows,
            "totals": selectors.totals_of(rows, median_progress=median),
            "is_agency": access.is_agency,
            "can_close": access.is_agency and cohort.status == Cohort.Status.RUNNING,
            "is_closed": cohort.status == Cohort.Status.CLOSED,
            "order_form": order_form,
        },
    )
