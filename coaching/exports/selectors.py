"""Reads behind the exports: what the plan's PDF shows, and the rows of a cohort's actions.
Each is a fixed number of queries, whatever the number of actions or enterprises."""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils import timezone

from ..models import Action, Cohort, Phase, Plan
from ..selectors import dimension_change, dimension_titles, plan_progress

EXPORT_CHUNK = 2000  # rows read from the database at a time while an export streams


def plan_document(plan: Plan) -> dict:
    """What the plan's PDF shows. Call it in the report's language (dimension and step
    titles, status labels). `plan` comes with its organisation and its enrolment's cohort."""
    today = timezone.localdate()
    titles = dimension_titles()
    actions = list(plan.actions.select_related("owner").order_by("position", "pk"))
    groups = []
    for status, label in Action.Status.choices:
        rows = [
            {
                "action": action,
                "dimension": titles.get(action.dimension_code, action.dimension_code),
                "overdue": action.is_overdue(today),
            }
            for action in actions
            if action.status == status
        ]
        if rows:
            groups.append({"status": status, "label": label, "rows": rows})
    counted = [a for a in actions if a.status != Action.Status.DROPPED]
    budgets = [a.estimated_budget for a in counted if a.estimated_budget is not None]
    completions = {c.step_id: c for c in plan.step_completions.all()}
    phases = []
    steps_total = 0
    for phase in Phase.objects.prefetch_related("steps"):
        steps = [{"step": step, "done": completions.get(step.pk)} for step in phase.steps.all()]
        steps_total += len(steps)
        phases.append({"phase": phase, "steps": steps})
    changes = dimension_change(plan)
    return {
        "plan": plan,
        "organisation": plan.organisation,
        "cohort": plan.enrolment.cohort,
        "objectives": plan.objective_list,
        "progress": plan_progress(plan),
        "groups": groups,
        "action_count": len(actions),
        "overdue_count": sum(1 for a in actions if a.is_overdue(today)),
        "budget_total": sum(budgets, Decimal(0)) if budgets else None,
        "milestones": list(plan.milestones.all()),
        "phases": phases,
        "steps_done": len(completions),
        "steps_total": steps_total,
        "changes": changes,
        "has_later_result": any(row["after"] is not None for row in changes),
        "generated_at": timezone.now(),
    }


@dataclass(frozen=True)
class ActionRow:
    enterprise: str
    title: str
    dimension_code: str
    priority: str
    owner: str
    starts_on: date | None
    due_on: date | None
    status: str
    progress: int
    budget: Decimal | None
    overdue: bool


def cohort_action_rows(cohort: Cohort, *, coach=None, today=None) -> Iterator[ActionRow]:
    """Every action of the cohort's plans, by enterprise then as on the board; with `coach`,
    only those of the enterprises they coach. Read in chunks: an export streams them."""
    today = today or timezone.localdate()
    actions = Action.objects.filter(plan__enrolment__cohort=cohort)
    if coach is not None:
        actions = actions.filter(plan__organisation__coach_assignments__coach=coach)
    closed = (Action.Status.DONE, Action.Status.DROPPED)
    for row in (
        actions.order_by("plan__organisation__name", "plan_id", "position", "pk")
        .values_list(
            "plan__organisation__name",
            "title",
            "dimension_code",
            "priority",
            "owner__first_name",
            "owner__last_name",
            "owner__email",
            "starts_on",
            "due_on",
            "status",
            "progress",
            "estimated_budget",
        )
        .iterator(chunk_size=EXPORT_CHUNK)
    ):
        (name, title, code, priority, first, last, email, starts, due, status, progress, budget) = (
            row
        )
        yield ActionRow(
            enterprise=name,
            title=title,
            dimension_code=code,
            priority=priority,
            owner=f"{first or ''} {last or ''}".strip() or (email or ""),
            starts_on=starts,
            due_on=due,
            status=status,
            progress=progress,
            budget=budget,
            overdue=status not in closed and due is not None and due < today,
        )
