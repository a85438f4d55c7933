"""The agency's reads on cohorts: the list with its counts, a cohort's enterprises with
their coaches and areas, and the methodology."""

from django.db.models import Count, Min, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce

from network.models import CoachAssignment, Topic

from ..models import Application, Cohort, Enrolment, Phase, Step, StepCompletion


def _count(model, **filters):
    # A subquery per count: joining both tables would multiply the rows counted.
    return Coalesce(
        Subquery(
            model.objects.filter(cohort=OuterRef("pk"), **filters)
            .order_by()
            .values("cohort")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def cohort_list():
    """Every cohort with its applications and enrolments counted, in one query."""
    return Cohort.objects.annotate(
        application_count=_count(Application),
        enrolment_count=_count(Enrolment),
    ).order_by("-starts_on", "name")


def cohort_enrolments(cohort: Cohort) -> list[Enrolment]:
    """The cohort's enterprises, each with `assignments` (its coaches, each with its areas
    prefetched): four queries, whatever their number."""
    assignments = CoachAssignment.objects.select_related("coach").prefetch_related(
        Prefetch("areas", queryset=Topic.objects.order_by("code"))
    )
    return list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("organisation", "application")
        .annotate(plan_id=Min("plan"))
        .prefetch_related(
            Prefetch(
                "organisation__coach_assignments",
                queryset=assignments.order_by("coach__last_name", "coach__email"),
                to_attr="assignments",
            )
        )
        .order_by("organisation__name")
    )


def dimension_topics():
    """The topics coaches' areas of expertise are chosen from: the diagnostic's dimensions
    (topics of the same codes)."""
    from diagnostic.models import Dimension

    codes = Dimension.objects.values("code")
    return Topic.objects.filter(code__in=codes).order_by("code")


def methodology():
    """The phases in order, each with its steps and (`completed_plans`) how many plans
    completed each step, in three queries."""
    completed = Subquery(
        StepCompletion.objects.filter(step=OuterRef("pk"))
        .order_by()
        .values("step")
        .annotate(n=Count("plan", distinct=True))
        .values("n")
    )
    steps = Step.objects.annotate(completed_plans=Coalesce(completed, 0)).order_by("position")
    return list(
        Phase.objects.order_by("position").prefetch_related(
            Prefetch("steps", queryset=steps, to_attr="step_list")
        )
    )
