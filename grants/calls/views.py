"""Calls: the public list and page, and the agency's pages (the list with figures, the
form, the criteria, publishing and a call's overview)."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from digitalees.roles import agency_staff_required, is_agency_staff
from digitalees.service_errors import add_service_errors, error_text

from .. import amounts
from .. import services as core_services
from ..models import Call, Criterion
from . import rules, selectors
from . import services as calls_services
from .forms import CallForm, CriterionFormSet

EXAMPLE_COSTS = Decimal("10000.00")


# --- Public pages ---------------------------------------------------------------------


@require_safe
def call_list(request):
    calls = selectors.public_calls()
    return render(
        request,
        "grants/calls/call_list.html",
        {
            "calls": calls,
            "may_apply": bool(calls.open) and rules.may_apply_somewhere(request.user),
        },
    )


@require_safe
def call_detail(request, slug):
    call = rules.check_can_see(request.user, selectors.call_for_page(slug))
    applies_somewhere = request.user.is_authenticated and rules.may_apply_somewhere(request.user)
    return render(
        request,
        "grants/calls/call_detail.html",
        {
            "call": call,
            "state": selectors.call_state(call),
            "criteria": list(call.criteria.all()),
            "total_weight": sum(c.weight for c in call.criteria.all()),
            "example_costs": EXAMPLE_COSTS,
            "example_grant": amounts.max_request(call, EXAMPLE_COSTS),
            "may_apply": rules.may_apply(request.user, call, applies_somewhere=applies_somewhere),
            "is_staff": is_agency_staff(request.user),
        },
    )


# --- The agency's pages ---------------------------------------------------------------


@require_safe
@agency_staff_required
def staff_calls(request):
    return render(request, "grants/calls/staff_calls.html", {"rows": selectors.staff_calls()})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def call_create(request):
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            call = core_services.call_create(created_by=request.user, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("The call “%(title)s” is saved as a draft. Now set its review criteria.")
                % {"title": call},
            )
            return redirect("grants:call_criteria", pk=call.pk)
    return render(request, "grants/calls/call_form.html", {"form": form, "call": None})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def call_edit(request, pk):
    call = get_object_or_404(Call, pk=pk)
    form = CallForm(request.POST or None, instance=call)
    if request.method == "POST" and form.is_valid():
        try:
            # The form leaves the instance as it was read (CallForm._post_clean): the
            # service changes it, or nothing when it refuses.
            core_services.call_update(call, **form.service_fields())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The call is saved."))
            return redirect("grants:call_overview", pk=pk)
    return render(request, "grants/calls/call_form.html", {"form": form, "call": call})


def _criteria_initial(call: Call) -> list[dict]:
    return [
        {
            "id": c.pk,
            "title_fr": c.title_fr,
            "title_en": c.title_en,
            "description_fr": c.description_fr,
            "description_en": c.description_en,
            "weight": c.weight,
            "ORDER": n,
        }
        for n, c in enumerate(Criterion.objects.filter(call=call).order_by("position", "pk"), 1)
    ]


@agency_staff_required
@require_http_methods(["GET", "POST"])
def call_criteria(request, pk):
    call = get_object_or_404(Call, pk=pk)
    initial = _criteria_initial(call)
    formset = CriterionFormSet(request.POST or None, initial=initial, prefix="criteria")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        criteria = [
            calls_services.CriterionInput(
                pk=form.cleaned_data.get("id"),
                title_fr=form.cleaned_data["title_fr"],
                title_en=form.cleaned_data["title_en"],
                description_fr=form.cleaned_data.get("description_fr", ""),
                description_en=form.cleaned_data.get("description_en", ""),
                weight=form.cleaned_data["weight"],
            )
            for form in formset.ordered_forms
        ]
        try:
            calls_services.criteria_save(call, criteria=criteria)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The review criteria are saved."))
            return redirect("grants:call_overview", pk=pk)
    return render(
        request,
        "grants/calls/call_criteria.html",
        {
            "call": call,
            "formset": formset,
            "errors": errors,
            "locked": selectors.has_submitted_reviews(call),
        },
    )


@agency_staff_required
@require_POST
def call_publish(request, pk):
    call = get_object_or_404(Call, pk=pk)
    try:
        core_services.call_publish(call, by=request.user)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The call “%(title)s” is published.") % {"title": call})
    return redirect("grants:call_overview", pk=pk)


@require_safe
@agency_staff_required
def call_overview(request, pk):
    call = get_object_or_404(Call, pk=pk)
    pipeline = reverse("grants:pipeline")
    return render(
        request,
        "grants/calls/call_overview.html",
        {
            "call": call,
            "state": selectors.call_state(call),
            "overview": selectors.call_overview(call),
            "criteria": list(Criterion.objects.filter(call=call).order_by("position", "pk")),
            "pipeline_url": f"{pipeline}?call={call.pk}",
        },
    )
