"""The agency's pages: cohorts (list, creation, edition, status), the coaches of a cohort's
enterprises, and the methodology editor."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees.roles import agency_staff_required
from digitalees.service_errors import add_service_errors, error_text
from network import services as network_services
from network.models import CoachAssignment
from network.selectors import coaches

from .. import services as core_services
from ..models import Cohort, Enrolment, Phase, Step
from ..selection.selectors import selection_counts
from . import selectors
from . import services as staff_services
from .forms import (
    AdvanceForm,
    AreasForm,
    CoachAssignForm,
    CohortForm,
    MoveForm,
    PhaseForm,
    StepForm,
)

# --- Cohorts ---------------------------------------------------------------------------


@require_GET
@agency_staff_required
def cohort_list(request):
    return render(request, "coaching/staff/cohort_list.html", {"cohorts": selectors.cohort_list()})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def cohort_create(request):
    form = CohortForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            cohort = core_services.cohort_create(created_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort “%(name)s” is created.") % {"name": cohort})
            return redirect(cohort)
    return render(request, "coaching/staff/cohort_form.html", {"form": form, "cohort": None})


@agency_staff_required
@require_http_methods(["GET", "POST"])
def cohort_edit(request, slug):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = CohortForm(request.POST or None, instance=cohort)
    if request.method == "POST" and form.is_valid():
        try:
            staff_services.cohort_update(cohort=cohort, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The cohort is saved."))
            return redirect(cohort)
    return render(request, "coaching/staff/cohort_form.html", {"form": form, "cohort": cohort})


@require_GET
@agency_staff_required
def cohort_detail(request, slug):
    cohort = get_object_or_404(Cohort, slug=slug)
    enrolments = selectors.cohort_enrolments(cohort)
    topics = list(selectors.dimension_topics())
    next_status = staff_services.NEXT_STATUS.get(cohort.status)
    return render(
        request,
        "coaching/staff/cohort_detail.html",
        {
            "cohort": cohort,
            "enrolments": enrolments,
            "counts": selection_counts(cohort),
            "next_status": Cohort.Status(next_status) if next_status else None,
            "coaches": list(coaches()),
            "topics": topics,
            "places_left": max(cohort.capacity - len(enrolments), 0),
        },
    )


@agency_staff_required
@require_POST
def cohort_advance(request, slug):
    cohort = get_object_or_404(Cohort, slug=slug)
    form = AdvanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status from the list."))
        return redirect(cohort)
    try:
        staff_services.cohort_advance(cohort=cohort, status=form.cleaned_data["status"])
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("The cohort is now “%(status)s”.") % {"status": cohort.get_status_display()},
        )
    return redirect(cohort)


@agency_staff_required
@require_POST
def enrolment_coach_assign(request, pk):
    enrolment = get_object_or_404(Enrolment.objects.select_related("cohort", "organisation"), pk=pk)
    form = CoachAssignForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(error for errors in form.errors.values() for error in errors),
        )
        return redirect(enrolment.cohort)
    coach = form.cleaned_data["coach"]
    try:
        network_services.coach_assign(
            organisation=enrolment.organisation,
            coach=coach,
            assigned_by=request.user,
            areas=list(form.cleaned_data["areas"]),
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s now coaches %(organisation)s; they and its admins are told by e-mail.")
            % {"name": coach.display_name, "organisation": enrolment.organisation.name},
        )
    return redirect(f"{enrolment.cohort.get_absolute_url()}#enrolment-{enrolment.pk}")


@agency_staff_required
@require_POST
def coach_areas(request, pk):
    assignment = get_object_or_404(
        CoachAssignment.objects.select_related("coach", "organisation"), pk=pk
    )
    # Back to the cohort the agency came from, if it names one the enterprise is in.
    enrolment = (
        Enrolment.objects.filter(
            organisation=assignment.organisation, cohort__slug=request.POST.get("cohort", "")
        )
        .select_related("cohort")
        .first()
    )
    back = (
        f"{enrolment.cohort.get_absolute_url()}#enrolment-{enrolment.pk}"
        if enrolment
        else assignment.organisation.get_absolute_url()
    )
    form = AreasForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose areas from the list."))
        return redirect(back)
    network_services.coach_set_areas(assignment=assignment, areas=list(form.cleaned_data["areas"]))
    messages.success(
        request,
        _("The areas of %(name)s are saved.") % {"name": assignment.coach.display_name},
    )
    return redirect(back)


# --- The methodology -------------------------------------------------------------------


@require_GET
@agency_staff_required
def methodology(request):
    return render(request, "coaching/staff/methodology.html", {"phases": selectors.methodology()})


def _methodology_form(request, form, *, save, title, success, phase=None):
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("coaching:methodology")
    return render(
        request,
        "coaching/staff/methodology_form.html",
        {"form": form, "title": title, "phase": phase},
    )


@agency_staff_required
@require_http_methods(["GET", "POST"])
def phase_create(request):
    return _methodology_form(
        request,
        PhaseForm(request.POST or None),
        save=lambda data: staff_services.phase_create(**data),
        title=_("Add a phase"),
        success=_("The phase is added."),
    )


@agency_staff_required
@require_http_methods(["GET", "POST"])
def phase_edit(request, pk):
    phase = get_object_or_404(Phase, pk=pk)
    return _methodology_form(
        request,
        PhaseForm(request.POST or None, instance=phase),
        save=lambda data: staff_services.phase_update(phase=phase, **data),
        title=_("Edit the phase"),
        success=_("The phase is saved."),
    )


@agency_staff_required
@require_http_methods(["GET", "POST"])
def step_create(request, pk):
    phase = get_object_or_404(Phase, pk=pk)
    return _methodology_form(
        request,
        StepForm(request.POST or None),
        save=lambda data: staff_services.step_create(phase=phase, **data),
        title=_("Add a step to “%(phase)s”") % {"phase": phase.tr("title")},
        success=_("The step is added."),
        phase=phase,
    )


@agency_staff_required
@require_http_methods(["GET", "POST"])
def step_edit(request, pk):
    step = get_object_or_404(Step.objects.select_related("phase"), pk=pk)
    return _methodology_form(
        request,
        StepForm(request.POST or None, instance=step),
        save=lambda data: staff_services.step_update(step=step, **data),
        title=_("Edit the step"),
        success=_("The step is saved."),
        phase=step.phase,
    )


def _move(request, move, obj):
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Move a phase or step up or down."))
    else:
        try:
            move(obj, form.cleaned_data["direction"])
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The order is saved."))
    return redirect(reverse("coaching:methodology"))


@agency_staff_required
@require_POST
def phase_move(request, pk):
    phase = get_object_or_404(Phase, pk=pk)
    return _move(request, lambda p, d: staff_services.phase_move(phase=p, direction=d), phase)


@agency_staff_required
@require_POST
def step_move(request, pk):
    step = get_object_or_404(Step.objects.select_related("phase"), pk=pk)
    return _move(request, lambda s, d: staff_services.step_move(step=s, direction=d), step)


def _confirm(request, *, title, explanation, action, blocked):
    return render(
        request,
        "confirm.html",
        {
            "title": title,
            "explanation": explanation,
            "action": action,
            "confirm_label": _("Remove"),
            "cancel_url": reverse("coaching:methodology"),
            "blocked": blocked,
        },
    )


def _blocked(check) -> str:
    """Why a removal would be refused (the service's own check, run without removing)."""
    try:
        check()
    except ValidationError as error:
        return error_text(error)
    return ""


@require_GET
@agency_staff_required
def phase_delete_confirm(request, pk):
    phase = get_object_or_404(Phase, pk=pk)
    return _confirm(
        request,
        title=_("Remove the phase “%(title)s”?") % {"title": phase.tr("title")},
        explanation=_("The phase and its steps leave the methodology: plans no longer show them."),
        action=reverse("coaching:phase_delete", kwargs={"pk": phase.pk}),
        blocked=_blocked(lambda: staff_services.phase_check_removable(phase=phase)),
    )


@agency_staff_required
@require_POST
def phase_delete(request, pk):
    phase = get_object_or_404(Phase, pk=pk)
    try:
        staff_services.phase_delete(phase=phase)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The phase is removed."))
    return redirect("coaching:methodology")


@require_GET
@agency_staff_required
def step_delete_confirm(request, pk):
    step = get_object_or_404(Step, pk=pk)
    return _confirm(
        request,
        title=_("Remove the step “%(title)s”?") % {"title": step.tr("title")},
        explanation=_("The step leaves the methodology: plans no longer show it."),
        action=reverse("coaching:step_delete", kwargs={"pk": step.pk}),
        blocked=_blocked(lambda: staff_services.step_check_removable(step=step)),
    )


@agency_staff_required
@require_POST
def step_delete(request, pk):
    step = get_object_or_404(Step, pk=pk)
    try:
        staff_services.step_delete(step=step)
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The step is removed."))
    return redirect("coaching:methodology")
