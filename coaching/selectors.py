"""Reads of coaching's core that several views, the dashboards and other apps need."""

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, F, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from diagnostic.models import Dimension, Result, ResultScore
from diagnostic.selectors import DIAGNOSTIC_DATA, questionnaire_structure
from digitalees.db import interpolated_percentile
from digitalees.figures import Change, cached_figures, group_change
from network.selectors import ORGANISATIONS_DATA

from .models import Action, Enrolment, Plan
from .services import COACHING_DATA, ActionProposal

PROPOSED_DIMENSIONS = 3  # a new plan proposes actions for this many weakest dimensions
PROPOSE_BELOW = 70  # … among those scoring below this


def dimension_titles(result: Result | None = None) -> dict[str, str]:
    """Dimension code → title in the active language (of the result's questionnaire, or of
    every version, the latest title winning)."""
    dimensions = Dimension.objects.order_by("questionnaire_id", "position")
    if result is not None:
        dimensions = dimensions.filter(questionnaire_id=result.questionnaire_id)
    return {d.code: d.tr("title") for d in dimensions}


def plan_dimension_titles(plan: Plan) -> dict[str, str]:
    """The dimension titles a plan's pages show: those of its starting diagnostic's
    questionnaire version, read from the diagnostic's per-process structure (a published
    version never changes: no query once warm; the rules fetch the plan with its starting
    result). A plan started blank takes every version's (one query)."""
    baseline = plan.baseline_result
    if baseline is None:
        return dimension_titles()
    structure = questionnaire_structure(baseline.questionnaire_id)
    return {d.code: d.tr("title") for d in structure.dimensions}


def action_proposals(result: Result | None) -> list[ActionProposal]:
    """First actions for the weakest dimensions of a result: up to three dimensions scoring
    below 70, weakest first, each with the diagnostic's recommendation for its score."""
    if result is None:
        return []
    scores = {s.dimension_code: s.score for s in result.scores.all()}
    dimensions = {
        d.code: d for d in Dimension.objects.filter(questionnaire_id=result.questionnaire_id)
    }
    weakest = sorted(
        (code for code, score in scores.items() if score < PROPOSE_BELOW and code in dimensions),
        key=lambda code: (scores[code], dimensions[code].position),
    )[:PROPOSED_DIMENSIONS]
    return [
        ActionProposal(
            dimension_code=code,
            title=_("Improve: %(dimension)s") % {"dimension": dimensions[code].tr("title")},
            description=dimensions[code].recommendation_for(scores[code]),
            score=scores[code],
        )
        for code in weakest
    ]


def progress_by_plan(plan_ids) -> dict[int, int]:
    """Each plan's progress, rolled up from its actions (the mean progress of those not
    dropped; 0 for a plan without any), in one query."""
    rows = (
        Action.objects.counted()
        .filter(plan_id__in=plan_ids)
        .values("plan_id")
        .annotate(mean=Avg("progress"))
    )
    progress = dict.fromkeys(plan_ids, 0)
    progress.update({row["plan_id"]: round(row["mean"] or 0) for row in rows})
    return progress


def plan_progress(plan: Plan) -> int:
    return progress_by_plan([plan.pk])[plan.pk]


def action_counts_by_plan(plan_ids, today=None) -> dict[int, dict[str, int]]:
    """Per plan: actions per status, and open actions overdue, in one query."""
    today = today or timezone.localdate()
    annotations = {status: Count("pk", filter=Q(status=status)) for status in Action.Status.values}
    rows = (
        Action.objects.filter(plan_id__in=plan_ids)
        .values("plan_id")
        .annotate(
            **annotations,
            overdue=Count(
                "pk",
                filter=Q(due_on__lt=today)
                & ~Q(status__in=[Action.Status.DONE, Action.Status.DROPPED]),
            ),
        )
    )
    empty = {**dict.fromkeys(Action.Status.values, 0), "overdue": 0}
    counts = {pk: dict(empty) for pk in plan_ids}
    for row in rows:
        found: dict = dict(row)  # the statuses' keys are annotations the stubs cannot type
        counts[found["plan_id"]] = {key: found[key] for key in empty}
    return counts


def cohort_median_progress(cohort) -> int | None:
    """The median progress of a cohort's plans (never one plan's figure: a member sees
    where their plan stands against it). None for a cohort of fewer than 3 plans, whose
    median would give away the others'."""
    plan_ids = list(Plan.objects.filter(enrolment__cohort=cohort).values_list("pk", flat=True))
    if len(plan_ids) < 3:
        return None
    median = interpolated_percentile(sorted(progress_by_plan(plan_ids).values()), 0.5)
    return None if median is None else round(median)


def diagnostic_span(plan: Plan) -> tuple[Result | None, Result | None]:
    """The plan's first diagnostic and its last: the closing one, or the organisation's
    latest since the plan began (None while there is none after the first)."""
    first = plan.baseline_result
    last = plan.final_result
    if last is None and first is not None:
        last = (
            Result.objects.filter(organisation_id=plan.organisation_id, is_latest=True)
            .exclude(pk=first.pk)
            .filter(created_at__gt=first.created_at)
            .first()
        )
    return first, last


def dimension_change(plan: Plan, span=None) -> list[dict]:
    """Per dimension: the score in the plan's first diagnostic, in its last (the closing
    one, or the organisation's latest since the plan began), and the change."""
    first, last = span or diagnostic_span(plan)
    if first is None:
        return []
    before = {s.dimension_code: s.score for s in first.scores.all()}
    after = {s.dimension_code: s.score for s in last.scores.all()} if last else {}
    titles = dimension_titles(last or first)
    rows = []
    for code, title in titles.items():
        if code not in before and code not in after:
            continue
        b, a = before.get(code), after.get(code)
        rows.append(
            {
                "code": code,
                "title": title,
                "before": b,
                "after": a,
                "change": None if a is None or b is None else round(a - b, 1),
            }
        )
    return rows


# --- The plan's pages (plan, board, list, action) -----------------------------------


def starting_results(organisation) -> list[Result]:
    """The diagnostics a new plan may start from: the organisation's results, latest first."""
    return list(Result.objects.filter(organisation=organisation).order_by("-created_at", "-pk"))


def plan_people(plan: Plan):
    """Who may own one of the plan's actions: the enterprise's members and its coaches."""
    from digitalees.models import User

    organisation_id = plan.organisation_id
    return (
        User.objects.filter(
            Q(memberships__organisation_id=organisation_id)
            | Q(coach_assignments__organisation_id=organisation_id)
        )
        .distinct()
        .order_by("first_name", "last_name", "email")
    )


def plan_actions(plan: Plan):
    """The plan's actions with what a card or a row shows, in board order."""
    return plan.actions.select_related("owner").order_by("position", "pk")


_PK_MARKER = 987654321  # a pk no address holds otherwise


def pk_url(name: str):
    """pk → the address `name` has for that pk, from one reverse: a page of 60 cards or
    rows that reversed each one's links spent 4 ms on it (profiled)."""
    head, tail = reverse(name, kwargs={"pk": _PK_MARKER}).split(str(_PK_MARKER))
    return lambda pk: f"{head}{pk}{tail}"


def board_columns(plan: Plan, today=None) -> list[dict]:
    """One column per status, in the statuses' order, each with its actions (one query)."""
    today = today or timezone.localdate()
    columns: dict[str, dict] = {
        status: {"status": status, "label": label, "actions": []}
        for status, label in Action.Status.choices
    }
    # Each card's figures as text (the template localises numbers one by one).
    detail_url, status_url = pk_url("coaching:action_detail"), pk_url("coaching:action_status")
    priorities = {value: str(label) for value, label in Action.Priority.choices}
    for action in plan_actions(plan):
        action.overdue = action.is_overdue(today)
        action.pk_text = str(action.pk)
        action.version_text = str(action.version)
        action.progress_text = str(action.progress)
        action.priority_label = priorities.get(action.priority, action.priority)
        action.detail_url, action.status_url = detail_url(action.pk), status_url(action.pk)
        columns[action.status]["actions"].append(action)
    return list(columns.values())


def plan_methodology(plan: Plan) -> list[dict]:
    """The programme's phases, each with its steps and, for each, the plan's completion
    (or None), in three queries whatever their number."""
    from .models import Phase, StepCompletion

    completions = {
        c.step_id: c
        for c in StepCompletion.objects.filter(plan=plan).select_related("completed_by")
    }
    phases = []
    for phase in Phase.objects.prefetch_related("steps"):
        steps = [(step, completions.get(step.pk)) for step in phase.steps.all()]
        phases.append(
            {
                "phase": phase,
                "steps": steps,
                "done": sum(1 for _step, completion in steps if completion),
            }
        )
    return phases


def plan_overview(plan: Plan, today=None) -> dict:
    """What the plan's page composes: progress, counts per status, overdue actions,
    milestones, the methodology, the change per dimension since the first diagnostic."""
    today = today or timezone.localdate()
    counts = action_counts_by_plan([plan.pk], today)[plan.pk]
    span = diagnostic_span(plan)
    return {
        "progress": plan_progress(plan),
        "counts": [
            {"status": status, "label": label, "count": counts[status]}
            for status, label in Action.Status.choices
        ],
        "total": sum(counts[status] for status in Action.Status.values),
        "overdue": list(
            plan.actions.overdue(today).select_related("owner").order_by("due_on", "pk")
        ),
        "milestones": list(plan.milestones.all()),
        "methodology": plan_methodology(plan),
        "first_result": span[0],
        "last_result": span[1],
        "dimension_change": dimension_change(plan, span),
    }


def action_timeline(action: Action):
    """The action's status changes, oldest first, with who made them."""
    return action.status_changes.select_related("changed_by").order_by("changed_at", "pk")


def enrolments_of(organisation) -> list:
    """The organisation's enrolments in the programme, latest cohort first, each with its
    plan's id as `plan_pk` (None before it is written), in one query."""
    return list(
        Enrolment.objects.filter(organisation=organisation)
        .select_related("cohort")
        .annotate(plan_pk=F("plan__pk"))
        .order_by("-cohort__starts_on")
    )


# --- The programme's public figures (digitalees.figures) --------------------------------


@dataclass(frozen=True)
class PublicFigures:
    enterprises_coached: int  # organisations enrolled in a cohort
    # The change in maturity of coached enterprises: the mean of their first result before
    # their (first) cohort started and of their latest since, over the organisations that have
    # both (per dimension: both with that dimension's score).
    overall: Change
    by_dimension: dict[str, Change]


def public_figures() -> PublicFigures:
    """Three queries when an enrolment or a result changed, none otherwise."""
    return cached_figures(
        "coaching",
        depends_on=(ORGANISATIONS_DATA, DIAGNOSTIC_DATA, COACHING_DATA),
        compute=_public_figures,
    )


def _mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _public_figures() -> PublicFigures:
    # Coaching begins when the enterprise's first cohort starts (an enrolment may well be
    # recorded after that day): "before" is a result from before it, "after" one since.
    zone = timezone.get_current_timezone()
    enrolled = {
        organisation_id: datetime.datetime.combine(first, datetime.time.min, tzinfo=zone)
        for organisation_id, first in Enrolment.objects.values("organisation_id")
        .annotate(first=Min("cohort__starts_on"))
        .order_by()
        .values_list("organisation_id", "first")
    }
    # Coached enterprises are a few dozen: their results are read, then paired here.
    results = Result.objects.filter(organisation_id__in=list(enrolled)).order_by(
        "organisation_id", "created_at", "pk"
    )
    spans: dict[int, list] = {}  # organisation → [first before, latest since]
    for result in results.only("organisation_id", "created_at", "overall_score"):
        span = spans.setdefault(result.organisation_id, [None, None])
        if result.created_at < enrolled[result.organisation_id]:
            span[0] = span[0] or result
        else:
            span[1] = result
    pairs = [(before, after) for before, after in spans.values() if before and after]
    scores: dict[int, dict[str, float]] = {}
    for result_id, code, score in ResultScore.objects.filter(
        result_id__in=[r.pk for pair in pairs for r in pair]
    ).values_list("result_id", "dimension_code", "score"):
        scores.setdefault(result_id, {})[code] = score
    codes = sorted({code for by_code in scores.values() for code in by_code})
    by_dimension = {}
    for code in codes:
        both = [
            (scores[b.pk][code], scores[a.pk][code])
            for b, a in pairs
            if code in scores.get(b.pk, {}) and code in scores.get(a.pk, {})
        ]
        by_dimension[code] = group_change(
            _mean([b for b, _a in both]), _mean([a for _b, a in both]), len(both)
        )
    return PublicFigures(
        enterprises_coached=len(enrolled),
        overall=group_change(
            _mean([b.overall_score for b, _a in pairs]),
            _mean([a.overall_score for _b, a in pairs]),
            len(pairs),
        ),
        by_dimension=by_dimension,
    )
