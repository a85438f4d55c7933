"""Permission-matrix rows of the transformation plan's pages (merged by
test_permission_matrix).

A plan is the organisation's: whoever may see the organisation (its members, its assigned
coaches, the agency with its second factor) sees it and works on it (`can_edit_plan`);
strangers get 404. Each action that changes something redirects once done (302).
"""

from coaching import services
from coaching.models import Phase, Plan, Step
from tests.coaching.factories import enrol, make_action
from tests.test_permission_matrix import (
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ORG_VIEW,
    Row,
)

# Those who may see the plan change it: the action succeeds and redirects.
ORG_VIEW_ACTION = {
    role: OK_REDIRECT if status == 200 else status for role, status in ORG_VIEW.items()
}


def _enrolment_kwargs(org, p):
    return {"pk": enrol(org).pk}


def _plan(org):
    return services.plan_create(enrolment=enrol(org), created_by=None)


def _plan_kwargs(org, p):
    return {"pk": _plan(org).pk}


def _action_kwargs(org, p):
    return {"pk": make_action(_plan(org)).pk}


def _milestone_kwargs(org, p):
    plan = _plan(org)
    milestone = services.milestone_create(plan=plan, title="Site", due_on=plan.created_at.date())
    return {"pk": plan.pk, "milestone_pk": milestone.pk}


def _step_kwargs(org, p):
    Phase.objects.all().delete()  # one step of its own, in place of the programme's
    phase = Phase.objects.create(position=1, title_fr="Diagnostic", title_en="Diagnostic")
    step = Step.objects.create(
        phase=phase,
        position=1,
        title_fr="Restitution",
        title_en="Debrief",
        deliverable_fr="Compte rendu",
        deliverable_en="Minutes",
    )
    return {"pk": _plan(org).pk, "step_pk": step.pk}


def _done_step_kwargs(org, p):
    kwargs = _step_kwargs(org, p)
    services.step_complete(
        plan=Plan.objects.get(pk=kwargs["pk"]),
        step=Step.objects.get(pk=kwargs["step_pk"]),
        by=None,
        note="Compte rendu",
    )
    return kwargs


def _plan_edit_data(org, p):
    return {"vision": "Une vision", "objectives": "", "version": 1}


def _action_data(org, p):
    return {"title": "Sauvegardes", "priority": "high", "progress": "0"}


def _action_edit_data(org, p):
    return {**_action_data(org, p), "version": 1}


MATRIX = {
    ("coaching:plan_create", "get"): Row(_enrolment_kwargs, ORG_VIEW),
    ("coaching:plan_create", "post"): Row(
        _enrolment_kwargs, ORG_VIEW_ACTION, lambda org, p: {"result": "none"}
    ),
    ("coaching:plan_detail", "get"): Row(_plan_kwargs, ORG_VIEW),
    ("coaching:plan_detail", "post"): Row(_plan_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:plan_edit", "get"): Row(_plan_kwargs, ORG_VIEW),
    ("coaching:plan_edit", "post"): Row(_plan_kwargs, ORG_VIEW_ACTION, _plan_edit_data),
    ("coaching:plan_board", "get"): Row(_plan_kwargs, ORG_VIEW),
    ("coaching:plan_board", "post"): Row(_plan_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:plan_actions", "get"): Row(_plan_kwargs, ORG_VIEW),
    ("coaching:plan_actions", "post"): Row(_plan_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:action_create", "get"): Row(_plan_kwargs, ORG_VIEW),
    ("coaching:action_create", "post"): Row(_plan_kwargs, ORG_VIEW_ACTION, _action_data),
    ("coaching:milestone_create", "get"): Row(_plan_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:milestone_create", "post"): Row(
        _plan_kwargs, ORG_VIEW_ACTION, lambda org, p: {"title": "Site", "due_on": "2026-06-30"}
    ),
    ("coaching:milestone_reach", "get"): Row(_milestone_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:milestone_reach", "post"): Row(
        _milestone_kwargs, ORG_VIEW_ACTION, lambda org, p: {"reached": "on"}
    ),
    ("coaching:step_complete", "get"): Row(_step_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:step_complete", "post"): Row(
        _step_kwargs, ORG_VIEW_ACTION, lambda org, p: {"note": "Compte rendu"}
    ),
    ("coaching:step_reopen_confirm", "get"): Row(_done_step_kwargs, ORG_VIEW),
    ("coaching:step_reopen_confirm", "post"): Row(_done_step_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:step_reopen", "get"): Row(_step_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:step_reopen", "post"): Row(_step_kwargs, ORG_VIEW_ACTION),
    ("coaching:action_detail", "get"): Row(_action_kwargs, ORG_VIEW),
    ("coaching:action_detail", "post"): Row(_action_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:action_edit", "get"): Row(_action_kwargs, ORG_VIEW),
    ("coaching:action_edit", "post"): Row(_action_kwargs, ORG_VIEW_ACTION, _action_edit_data),
    ("coaching:action_status", "get"): Row(_action_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("coaching:action_status", "post"): Row(
        _action_kwargs, ORG_VIEW_ACTION, lambda org, p: {"status": "in_progress", "version": 1}
    ),
}
