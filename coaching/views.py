"""The transformation plan's pages: creating it, its overview, its board and list of
actions, an action's page and forms, and the writes behind them (status, milestones, the
methodology's steps). Rights are asked of coaching.rules; writes go through the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from digitalees.service_errors import error_text

from . import selectors, services
from .forms import (
    ActionEditForm,
    ActionFilter,
    ActionForm,
    ActionStatusForm,
    MilestoneForm,
    MilestoneReachForm,
    PlanCreateForm,
    PlanEditForm,
    StepCompleteForm,
)
from .models import Action, Milestone, Plan, Step
from .rules import get_action_for, get_enrolment_for, get_plan_for

LIST_LIMIT = 500  # the list shows this many actions at most (a plan has a few dozen)


# --- Creating the plan ------------------------------------------------------------------


def _starting_result(request, results):
    """The diagnostic the new plan starts from: `?result=<pk>` among the organisation's,
    `?result=none` for none, the latest by default."""
    choice = request.POST.get("result", request.GET.get("result"))
    if choice == "none":
        return None, "none"
    by_pk = {str(result.pk): result for result in results}
    if choice in by_pk:
        return by_pk[choice], choice
    if results:
        return results[0], str(results[0].pk)
    return None, "none"


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, pk):
    enrolment, access = get_enrolment_for(request, pk)
    if not access.can_edit_plan:
        raise PermissionDenied
    existing = Plan.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        messages.info(request, _("This enterprise already has its plan."))
        return redirect(existing)
    results = selectors.starting_results(enrolment.organisation)
    result, choice = _starting_result(request, results)
    proposals = selectors.action_proposals(result)
    dimensions = selectors.dimension_titles(result) if result else {}
    form = PlanCreateForm(request.POST or None, proposals=proposals, dimensions=dimensions)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(
                enrolment=enrolment,
                created_by=request.user,
                vision=form.cleaned_data["vision"],
                objectives=form.cleaned_data["objectives"],
                baseline_result=result,
                start_blank=result is None,
                proposals=form.kept_proposals(),
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The transformation plan is created."))
            return redirect(plan)
    return render(
        request,
        "coaching/plans/plan_create.html",
        {
            "enrolment": enrolment,
            "organisation": enrolment.organisation,
            "results": results,
            "result": result,
            "choice": choice,
            "form": form,
            "dimensions": dimensions,
        },
    )


# --- The plan's overview ----------------------------------------------------------------


def _plan_context(plan, access, **extra):
    return {
        "plan": plan,
        "organisation": plan.organisation,
        "can_edit": access.can_edit_plan,
        **extra,
    }


@login_required
@require_GET
def plan_detail(request, pk):
    plan, access = get_plan_for(request, pk)
    return _plan_detail_page(request, plan, access, milestone_form=MilestoneForm())


def _plan_detail_page(request, plan, access, *, milestone_form, status=200):
    context = _plan_context(
        plan,
        access,
        overview=selectors.plan_overview(plan),
        milestone_form=milestone_form,
        today=timezone.localdate(),
    )
    return render(request, "coaching/plans/plan_detail.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, pk):
    plan, access = get_plan_for(request, pk, edit=True)
    form = PlanEditForm(
        request.POST or None,
        initial={"vision": plan.vision, "objectives": plan.objectives, "version": plan.version},
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(
                plan=plan,
                version=form.cleaned_data["version"],
                vision=form.cleaned_data["vision"],
                objectives=form.cleaned_data["objectives"],
            )
        except services.StaleEdit as error:
            # The other person's text is shown; what this one typed stays in the form for
            # them to copy, with the current version, so that they may save it knowingly.
            plan.refresh_from_db()
            stale = True
            data = request.POST.copy()
            data["version"] = plan.version
            form = PlanEditForm(data)
            form.is_valid()
            form.add_error(None, error)
        else:
            messages.success(request, _("The vision and objectives are saved."))
            return redirect(plan)
    status = 409 if stale else 200
    return render(
        request,
        "coaching/plans/plan_edit.html",
        _plan_context(plan, access, form=form, stale=stale),
        status=status,
    )


# --- Milestones and the methodology's steps --------------------------------------------


@login_required
@require_POST
def milestone_create(request, pk):
    plan, access = get_plan_for(request, pk, edit=True)
    form = MilestoneForm(request.POST)
    if form.is_valid():
        try:
            services.milestone_create(plan=plan, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The milestone is added."))
            return redirect(reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) + "#milestones")
    # The plan's page again, with what they typed and the message under its field.
    messages.error(
        request,
        _("The milestone was not added: give it a title and a date (such as 2026-03-31)."),
    )
    return _plan_detail_page(request, plan, access, milestone_form=form, status=400)


@login_required
@require_POST
def milestone_reach(request, pk, milestone_pk):
    plan, _access = get_plan_for(request, pk, edit=True)
    milestone = get_object_or_404(Milestone, pk=milestone_pk, plan=plan)
    form = MilestoneReachForm(request.POST)
    form.is_valid()
    reached = form.cleaned_data.get("reached", False)
    services.milestone_reach(
        milestone=milestone, reached_on=timezone.localdate() if reached else None
    )
    if reached:
        messages.success(request, _("“%(title)s” is reached.") % {"title": milestone.title})
    else:
        messages.success(
            request, _("“%(title)s” is marked as not reached.") % {"title": milestone.title}
        )
    return redirect(reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) + "#milestones")


@login_required
@require_POST
def step_complete(request, pk, step_pk):
    plan, _access = get_plan_for(request, pk, edit=True)
    step = get_object_or_404(Step, pk=step_pk)
    form = StepCompleteForm(request.POST)
    if form.is_valid():
        services.step_complete(plan=plan, step=step, by=request.user, **form.cleaned_data)
        messages.success(request, _("“%(title)s” is done.") % {"title": step.tr("title")})
    else:
        messages.error(request, _("The deliverable's note is too long."))
    return redirect(reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) + "#methodology")


@login_required
@require_GET
def step_reopen_confirm(request, pk, step_pk):
    """Asks before reopening a step: its deliverable's note is forgotten (works without
    JavaScript)."""
    plan, _access = get_plan_for(request, pk, edit=True)
    step = get_object_or_404(Step, pk=step_pk)
    detail = reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) + "#methodology"
    completion = plan.step_completions.filter(step=step).first()
    if completion is None:
        messages.info(
            request, _("“%(title)s” is not done: nothing to reopen.") % {"title": step.tr("title")}
        )
        return redirect(detail)
    return render(
        request,
        "confirm.html",
        {
            "organisation": plan.organisation,
            "title": _("Reopen “%(title)s”?") % {"title": step.tr("title")},
            "explanation": (
                _(
                    "The step is shown as to do again, and the note on its deliverable is "
                    "forgotten: “%(note)s”."
                )
                % {"note": completion.note}
                if completion.note
                else _("The step is shown as to do again.")
            ),
            "action": reverse("coaching:step_reopen", kwargs={"pk": plan.pk, "step_pk": step.pk}),
            "confirm_label": _("Reopen the step"),
            "cancel_url": detail,
        },
    )


@login_required
@require_POST
def step_reopen(request, pk, step_pk):
    plan, _access = get_plan_for(request, pk, edit=True)
    step = get_object_or_404(Step, pk=step_pk)
    services.step_reopen(plan=plan, step=step)
    messages.success(request, _("“%(title)s” is open again.") % {"title": step.tr("title")})
    return redirect(reverse("coaching:plan_detail", kwargs={"pk": plan.pk}) + "#methodology")


# --- The board and the list -------------------------------------------------------------


def _board_context(plan, access, **extra):
    return _plan_context(
        plan,
        access,
        columns=selectors.board_columns(plan),
        dimensions=selectors.plan_dimension_titles(plan),
        # Translated once, not once per card (the labels are lazy).
        statuses=[(value, str(label)) for value, label in Action.Status.choices],
        **extra,
    )


@login_required
@require_GET
def plan_board(request, pk):
    plan, access = get_plan_for(request, pk)
    return render(request, "coaching/plans/plan_board.html", _board_context(plan, access))


@login_required
@require_GET
def plan_actions(request, pk):
    plan, access = get_plan_for(request, pk)
    dimensions = selectors.plan_dimension_titles(plan)
    people = selectors.plan_people(plan)
    queryset = selectors.plan_actions(plan)
    filters = ActionFilter(
        request.GET or None, queryset=queryset, people=people, dimensions=dimensions
    )
    # Invalid filters select nothing: a partial filter would show the wrong set.
    valid = not filters.is_bound or filters.is_valid()
    actions = list(filters.qs[: LIST_LIMIT + 1]) if valid else []
    truncated = len(actions) > LIST_LIMIT
    actions = actions[:LIST_LIMIT]
    today = timezone.localdate()
    for action in actions:
        action.overdue = action.is_overdue(today)
    return render(
        request,
        "coaching/plans/plan_actions.html",
        _plan_context(
            plan,
            access,
            filters=filters,
            form=filters.form,
            actions=actions,
            limit=LIST_LIMIT,
            truncated=truncated,
            dimensions=dimensions,
            filtered=bool(request.GET),
        ),
    )


# --- Actions ----------------------------------------------------------------------------


def _action_fields(cleaned: dict) -> dict:
    return {name: value for name, value in cleaned.items() if name != "version"}


@login_required
@require_http_methods(["GET", "POST"])
def action_create(request, pk):
    plan, access = get_plan_for(request, pk, edit=True)
    form = ActionForm(
        request.POST or None,
        people=selectors.plan_people(plan),
        dimensions=selectors.plan_dimension_titles(plan),
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(
                plan=plan, by=request.user, **_action_fields(form.cleaned_data)
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action is added to the plan."))
            return redirect(action)
    return render(
        request,
        "coaching/plans/action_form.html",
        _plan_context(plan, access, form=form, creating=True),
    )


def _action_initial(action: Action) -> dict:
    return {
        "title": action.title,
        "description": action.description,
        "dimension_code": action.dimension_code,
        "priority": action.priority,
        "owner": action.owner_id,
        "starts_on": action.starts_on,
        "due_on": action.due_on,
        "estimated_budget": action.estimated_budget,
        "progress": action.progress,
        "version": action.version,
    }


@login_required
@require_GET
def action_detail(request, pk):
    action, access = get_action_for(request, pk)
    plan = action.plan
    return render(
        request,
        "coaching/plans/action_detail.html",
        _plan_context(
            plan,
            access,
            action=action,
            overdue=action.is_overdue(),
            timeline=list(selectors.action_timeline(action)),
            dimensions=selectors.plan_dimension_titles(action.plan),
            session=action.from_session,
            status_form=ActionStatusForm(
                initial={"status": action.status, "version": action.version, "back": "detail"}
            ),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit(request, pk):
    action, access = get_action_for(request, pk, edit=True)
    people = selectors.plan_people(action.plan)
    dimensions = selectors.plan_dimension_titles(action.plan)
    form = ActionEditForm(
        request.POST or None, initial=_action_initial(action), people=people, dimensions=dimensions
    )
    stale = False
    if request.method == "POST" and form.is_valid():
        try:
            services.action_update(
                action=action,
                by=request.user,
                version=form.cleaned_data["version"],
                **_action_fields(form.cleaned_data),
            )
        except services.StaleEdit as error:
            action.refresh_from_db()
            stale = True
            data = request.POST.copy()
            data["version"] = action.version
            form = ActionEditForm(data, people=people, dimensions=dimensions)
            form.is_valid()
            form.add_error(None, error)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The action is saved."))
            return redirect(action)
    return render(
        request,
        "coaching/plans/action_form.html",
        _plan_context(action.plan, access, form=form, action=action, stale=stale),
        status=409 if stale else 200,
    )


BACK_TO = {
    "board": "coaching:plan_board",
    "list": "coaching:plan_actions",
    "detail": "coaching:action_detail",
}


def _back_url(form, action) -> str:
    back = form.data.get("back")
    back = back if back in BACK_TO else "board"
    pk = action.pk if back == "detail" else action.plan_id
    url = reverse(BACK_TO[back], kwargs={"pk": pk})
    return url if back == "detail" else f"{url}#action-{action.pk}"


@login_required
@require_POST
def action_status(request, pk):
    """Move an action to another status. Without JavaScript: a message and back to the
    page the form was on. With htmx (the board): the board again, the move announced; a
    stale card (someone moved it meanwhile) gets 409 and the board as it is now, an
    unknown status 400."""
    action, access = get_action_for(request, pk, edit=True)
    form = ActionStatusForm(request.POST)
    message, status_code = None, 200
    if not form.is_valid():
        message = " ".join(" ".join(errors) for errors in form.errors.values())
        status_code = 400
    else:
        previous = action.get_status_display()
        try:
            services.action_set_status(
                action=action,
                status=form.cleaned_data["status"],
                by=request.user,
                version=form.cleaned_data["version"],
                comment=form.cleaned_data["comment"],
            )
        except services.StaleEdit as error:
            message, status_code = error_text(error), 409
        except ValidationError as error:
            message, status_code = error_text(error), 400
        else:
            message = _("“%(title)s” moved from “%(from)s” to “%(to)s”.") % {
                "title": action.title,
                "from": previous,
                "to": action.get_status_display(),
            }
    if request.htmx:
        context = _board_context(
            action.plan,
            access,
            moved=action.pk,
            announcement=message,
            failed=status_code != 200,
        )
        return render(request, "coaching/plans/_board.html", context, status=status_code)
    if status_code == 200:
        messages.success(request, message)
    else:
        messages.error(request, message)
    return redirect(_back_url(form, action))
