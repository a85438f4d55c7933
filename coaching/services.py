"""Writes of coaching's core: cohorts, enrolments, plans and their actions.

Selection, sessions and intervisions, evaluation, reminders and exports have their own
`services.py` in their folders; all of them, the demo and the bench write through these.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digitalees.db import insert_rows
from digitalees.figures import figures_changed

from .models import (
    Action,
    ActionStatusChange,
    Cohort,
    Enrolment,
    Milestone,
    Plan,
    Step,
    StepCompletion,
)


class StaleEdit(ValidationError):
    """Someone else changed the object since the form was read: nothing was written."""


# --- Cohorts and enrolments ------------------------------------------------------------


# Paths of their own under coaching/cohorts/ (coaching:cohort_create): never a cohort's slug.
RESERVED_COHORT_SLUGS = {"new"}


def _cohort_slug(name: str) -> str:
    base = slugify(name)[:200] or "cohort"
    slug, n = base, 2
    while slug in RESERVED_COHORT_SLUGS or Cohort.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def cohort_check_dates(*, call_opens_on, call_closes_on, starts_on, ends_on) -> None:
    errors = {}
    if call_opens_on and call_closes_on and call_closes_on < call_opens_on:
        errors["call_closes_on"] = _("The call cannot close before it opens.")
    if starts_on and ends_on and ends_on <= starts_on:
        errors["ends_on"] = _("The coaching must end after it starts.")
    if call_closes_on and starts_on and starts_on < call_closes_on:
        errors["starts_on"] = _("The coaching starts after the call closes.")
    if errors:
        raise ValidationError(errors)


def cohort_create(*, name: str, created_by=None, **fields) -> Cohort:
    cohort_check_dates(
        call_opens_on=fields.get("call_opens_on"),
        call_closes_on=fields.get("call_closes_on"),
        starts_on=fields.get("starts_on"),
        ends_on=fields.get("ends_on"),
    )
    return Cohort.objects.create(
        name=name, slug=_cohort_slug(name), created_by=created_by, **fields
    )


# The public figures' name for enrolments (digitalees.figures): renewed by each new one.
COACHING_DATA = "coaching"


def enrolment_create(*, cohort: Cohort, organisation, application=None) -> Enrolment:
    """Enrol an enterprise in a cohort, with the cohort's hours."""
    try:
        with transaction.atomic():
            figures_changed(COACHING_DATA)
            return Enrolment.objects.create(
                cohort=cohort,
                organisation=organisation,
                application=application,
                hours_allotted=cohort.hours_per_enterprise,
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s is already enrolled in this cohort.") % {"name": organisation.name},
            code="already_enrolled",
        ) from exc


# --- Plans -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionProposal:
    """A first action a new plan proposes, for one of the weakest dimensions."""

    dimension_code: str
    title: str
    description: str
    score: float


def plan_create(
    *,
    enrolment: Enrolment,
    created_by,
    vision: str = "",
    objectives: str = "",
    baseline_result=None,
    start_blank: bool = False,
    proposals: Sequence[ActionProposal] = (),
) -> Plan:
    """The enterprise's plan, started from a diagnostic result (its latest by default, none
    with `start_blank`) and the proposed actions kept (each a to-do action of its
    dimension)."""
    if start_blank:
        baseline_result = None
    elif baseline_result is None:
        baseline_result = enrolment.organisation.results.filter(is_latest=True).first()
    elif baseline_result.organisation_id != enrolment.organisation_id:
        raise ValidationError(_("This diagnostic is another organisation's."), code="invalid")
    try:
        with transaction.atomic():
            plan = Plan.objects.create(
                enrolment=enrolment,
                organisation=enrolment.organisation,
                vision=vision,
                objectives=objectives,
                baseline_result=baseline_result,
                created_by=created_by,
            )
            for position, proposal in enumerate(proposals):
                action_create(
                    plan=plan,
                    by=created_by,
                    title=proposal.title,
                    description=proposal.description,
                    dimension_code=proposal.dimension_code,
                    priority=Action.Priority.HIGH,
                    position=position,
                )
    except IntegrityError as exc:
        raise ValidationError(
            _("%(name)s already has a plan in this cohort.") % {"name": enrolment.organisation},
            code="plan_exists",
        ) from exc
    return plan


def plan_update(*, plan: Plan, version: int, **fields) -> Plan:
    """Change the vision, objectives or closing diagnostic; refused if the plan changed
    since `version` was read."""
    allowed = {"vision", "objectives", "final_result"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"plan_update does not change {unknown}")
    now = timezone.now()
    updated = Plan.objects.filter(pk=plan.pk, version=version).update(
        **fields, updated_at=now, version=F("version") + 1
    )
    if not updated:
        raise StaleEdit(
            _(
                "Someone else changed this plan meanwhile: their changes are shown below, yours "
                "were not saved."
            ),
            code="stale",
        )
    plan.refresh_from_db()
    return plan


# --- Actions ---------------------------------------------------------------------------

ACTION_FIELDS = {
    "title",
    "description",
    "dimension_code",
    "priority",
    "owner",
    "starts_on",
    "due_on",
    "estimated_budget",
    "progress",
    "position",
    "from_session",
}


def clean_action_fields(fields: dict, *, status: str | None = None) -> dict:
    """Check an action's fields as a whole (shared by every write, single or bulk); returns
    them with what follows from the status (a done action is 100 % done)."""
    unknown = set(fields) - ACTION_FIELDS
    if unknown:
        raise ValueError(f"not an action field: {unknown}")
    errors = {}
    if "title" in fields and not str(fields["title"]).strip():
        errors["title"] = _("Give the action a title.")
    priority = fields.get("priority")
    if priority is not None and priority not in Action.Priority.values:
        errors["priority"] = _("Choose a priority from the list.")
    if status is not None and status not in Action.Status.values:
        errors["status"] = _("Choose a status from the list.")
    starts_on, due_on = fields.get("starts_on"), fields.get("due_on")
    if starts_on and due_on and due_on < starts_on:
        errors["due_on"] = _("The due date cannot be before the start date.")
    progress = fields.get("progress")
    if progress is not None and not 0 <= int(progress) <= 100:
        errors["progress"] = _("Progress is a percentage, from 0 to 100.")
    budget = fields.get("estimated_budget")
    if budget is not None and Decimal(budget) < 0:
        errors["estimated_budget"] = _("A budget cannot be negative.")
    if errors:
        raise ValidationError(errors)
    cleaned = dict(fields)
    if status == Action.Status.DONE:
        cleaned["progress"] = 100
    return cleaned


@transaction.atomic
def action_create(*, plan: Plan, by, status: str = Action.Status.TODO, **fields) -> Action:
    fields = clean_action_fields(fields, status=status)
    if fields.get("owner") is not None:
        _check_owner(plan, fields["owner"])
    action = Action.objects.create(plan=plan, status=status, **fields)
    ActionStatusChange.objects.create(action=action, changed_by=by, to_status=status)
    return action


def _check_owner(plan: Plan, owner) -> None:
    """An action's owner is one of the enterprise's people or one of its coaches."""
    from network.models import CoachAssignment, Membership

    organisation_id = plan.organisation_id
    if not (
        Membership.objects.filter(user=owner, organisation_id=organisation_id).exists()
        or CoachAssignment.objects.filter(coach=owner, organisation_id=organisation_id).exists()
    ):
        raise ValidationError(
            {"owner": _("The owner is a member of the enterprise or one of its coaches.")}
        )


def actions_create_bulk(*, plan: Plan, by, rows: list[dict]) -> list[int]:
    """Many actions at once (demo, bench): the same checks as `action_create`, each row's
    creation kept in its history. Each row may carry a `status`."""
    now = timezone.now()
    action_rows = []
    for row in rows:
        row = dict(row)
        status = row.pop("status", Action.Status.TODO)
        cleaned = clean_action_fields(row, status=status)
        owner = cleaned.pop("owner", None)
        session = cleaned.pop("from_session", None)
        action_rows.append(
            {
                "plan_id": plan.pk,
                "status": status,
                "owner_id": getattr(owner, "pk", owner),
                "from_session_id": getattr(session, "pk", session),
                "description": "",
                "dimension_code": "",
                "priority": Action.Priority.MEDIUM,
                "progress": 0,
                "position": 0,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                **cleaned,
            }
        )
    with transaction.atomic():
        ids = insert_rows(Action, action_rows)
        insert_rows(
            ActionStatusChange,
            [
                {
                    "action_id": pk,
                    "changed_by_id": getattr(by, "pk", by),
                    "changed_at": now,
                    "from_status": "",
                    "to_status": row["status"],
                    "comment": "",
                }
                for pk, row in zip(ids, action_rows, strict=True)
            ],
        )
    return ids


def _stale(action_pk: int) -> StaleEdit:
    current = Action.objects.filter(pk=action_pk).only("status").first()
    if current is None:
        return StaleEdit(_("This action no longer exists."), code="gone")
    return StaleEdit(
        _(
            "Someone else changed this action meanwhile (it is now “%(status)s”): nothing "
            "was changed. Look at it again and redo your change if it still applies."
        )
        % {"status": current.get_status_display()},
        code="stale",
    )


def action_update(*, action: Action, by, version: int, **fields) -> Action:
    """Change an action's fields (not its status: `action_set_status`); refused if it
    changed since `version` was read."""
    fields = clean_action_fields(fields)
    merged_start = fields.get("starts_on", action.starts_on)
    merged_due = fields.get("due_on", action.due_on)
    if merged_start and merged_due and merged_due < merged_start:
        raise ValidationError({"due_on": _("The due date cannot be before the start date.")})
    if fields.get("owner") is not None:
        _check_owner(action.plan, fields["owner"])
    if action.status == Action.Status.DONE:
        fields["progress"] = 100
    with transaction.atomic():
        updated = Action.objects.filter(pk=action.pk, version=version).update(
            **fields, updated_at=timezone.now(), version=F("version") + 1
        )
        if not updated:
            raise _stale(action.pk)
        Plan.objects.filter(pk=action.plan_id).update(updated_at=timezone.now())
    action.refresh_from_db()
    return action


def action_set_status(
    *,
    action: Action,
    status: str,
    by,
    version: int,
    comment: str = "",
    position: int | None = None,
) -> Action:
    """Move an action to another status (the board, the action's page), kept in its
    history. Refused if the action changed since `version` was read (a stale board or
    form: nothing is overwritten silently). Three queries: the conditional update, the
    history row, the plan's stamp."""
    if status not in Action.Status.values:
        raise ValidationError({"status": _("Choose a status from the list.")}, code="invalid")
    if status == action.status and position is None:
        raise ValidationError(
            _("This action is already “%(status)s”.") % {"status": action.get_status_display()},
            code="unchanged",
        )
    now = timezone.now()
    changes: dict = {"status": status, "updated_at": now, "version": F("version") + 1}
    if status == Action.Status.DONE:
        changes["progress"] = 100
    if position is not None:
        changes["position"] = position
    # No savepoint of its own (the board's move is counted to the query): the block writes
    # nothing unless the conditional update claimed the row, and raises nothing itself.
    with transaction.atomic(savepoint=False):
        updated = Action.objects.filter(pk=action.pk, version=version).update(**changes)
        if updated:
            if status != action.status:
                ActionStatusChange.objects.create(
                    action_id=action.pk,
                    changed_by=by,
                    changed_at=now,
                    from_status=action.status,
                    to_status=status,
                    comment=comment,
                )
            Plan.objects.filter(pk=action.plan_id).update(updated_at=now)
    if not updated:
        raise _stale(action.pk)
    action.status, action.version, action.updated_at = status, version + 1, now
    if status == Action.Status.DONE:
        action.progress = 100
    if position is not None:
        action.position = position
    return action


# --- Milestones and methodology steps ---------------------------------------------------


def milestone_create(*, plan: Plan, title: str, due_on: datetime.date) -> Milestone:
    if not title.strip():
        raise ValidationError({"title": _("Give the milestone a title.")})
    return Milestone.objects.create(plan=plan, title=title.strip(), due_on=due_on)


def milestone_reach(*, milestone: Milestone, reached_on: datetime.date | None) -> Milestone:
    milestone.reached_on = reached_on
    milestone.save(update_fields=["reached_on"])
    return milestone


def step_complete(*, plan: Plan, step: Step, by, note: str = "") -> StepCompletion:
    completion, _created = StepCompletion.objects.update_or_create(
        plan=plan, step=step, defaults={"completed_by": by, "note": note}
    )
    return completion


def step_reopen(*, plan: Plan, step: Step) -> None:
    StepCompletion.objects.filter(plan=plan, step=step).delete()


# --- exports/bench: sessions in bulk -----------------------------------------------------


def sessions_create_bulk(*, enrolment: Enrolment, coach, rows: list[dict]) -> list[int]:
    """Many logged sessions of one enterprise with one of its coaches at once (the bench's
    fill): each row has `starts_at`, `duration_minutes`, `topics`, and optionally the notes
    and next steps. The checks of a logged session: one of the enterprise's coaches, a
    positive duration, topics."""
    from network.models import CoachAssignment

    from .models import CoachingSession

    coach_id = getattr(coach, "pk", coach)
    if not CoachAssignment.objects.filter(
        coach_id=coach_id, organisation_id=enrolment.organisation_id
    ).exists():
        raise ValidationError({"coach": _("The coach is not assigned to this enterprise.")})
    now = timezone.now()
    session_rows = []
    for row in rows:
        if int(row.get("duration_minutes", 0)) < 1:
            raise ValidationError({"duration_minutes": _("A session lasts at least a minute.")})
        if not str(row.get("topics", "")).strip():
            raise ValidationError({"topics": _("Say what the session was about.")})
        # Every row with the same keys in the same order (insert_rows' COPY).
        session_rows.append(
            {
                "enrolment_id": enrolment.pk,
                "coach_id": coach_id,
                "starts_at": row["starts_at"],
                "duration_minutes": int(row["duration_minutes"]),
                "topics": row["topics"].strip(),
                "shared_notes": row.get("shared_notes", ""),
                "private_notes": row.get("private_notes", ""),
                "next_steps": row.get("next_steps", ""),
                "created_at": now,
            }
        )
    with transaction.atomic():
        return insert_rows(CoachingSession, session_rows)
