"""Selection's reads: the open calls, and the selection table of a cohort."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from diagnostic.models import Result

from ..models import SCORE_MAX, Application, Cohort, Criterion


def open_calls():
    """Cohorts accepting applications today, the soonest closing first."""
    return Cohort.objects.accepting_applications().order_by("call_closes_on", "name")


def applied_organisation_ids(user, cohort_ids) -> dict[int, set[int]]:
    """cohort id → ids of the user's organisations that applied to it (one query)."""
    applied: dict[int, set[int]] = {}
    if not user.is_authenticated:
        return applied
    for cohort_id, organisation_id in Application.objects.filter(
        cohort_id__in=cohort_ids, organisation__memberships__user=user
    ).values_list("cohort_id", "organisation_id"):
        applied.setdefault(cohort_id, set()).add(organisation_id)
    return applied


@dataclass
class SelectionRow:
    application: Application
    scores: dict[str, int | None]
    comments: dict[str, str]
    latest_score: float | None
    total: int | None = field(default=None)

    @property
    def score_list(self) -> list[int | None]:
        return [self.scores[c] for c in Criterion.values]

    @property
    def is_scored(self) -> bool:
        return None not in self.scores.values()


TOTAL_MAX = SCORE_MAX * len(Criterion.values)


def selection_rows(cohort: Cohort) -> list[SelectionRow]:
    """Every application of the cohort with its score per criterion, its total and the
    enterprise's latest diagnostic score; the best totals first, unscored last. Three
    queries, whatever the number of applications."""
    applications = list(
        cohort.applications.select_related("organisation", "submitted_by", "decided_by")
        .prefetch_related("scores")
        .order_by("organisation__name")
    )
    latest = dict(
        Result.objects.latest_per_organisation()
        .filter(organisation_id__in=[a.organisation_id for a in applications])
        .values_list("organisation_id", "overall_score")
    )
    rows = []
    for application in applications:
        scores = dict.fromkeys(Criterion.values)
        comments = dict.fromkeys(Criterion.values, "")
        for score in application.scores.all():
            scores[score.criterion] = score.score
            comments[score.criterion] = score.comment
        row = SelectionRow(
            application=application,
            scores=scores,
            comments=comments,
            latest_score=latest.get(application.organisation_id),
        )
        if row.is_scored:
            row.total = sum(score or 0 for score in scores.values())
        rows.append(row)
    rows.sort(key=lambda r: (r.total is None, -(r.total or 0)))
    return rows


def selection_counts(cohort: Cohort) -> dict[str, int]:
    """How many applications are in each state, decided and told."""
    return cohort.applications.aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=Q(status=Application.Status.SUBMITTED)),
        selected=Count("pk", filter=Q(status=Application.Status.SELECTED)),
        not_selected=Count("pk", filter=Q(status=Application.Status.NOT_SELECTED)),
        untold=Count(
            "pk",
            filter=Q(
                status__in=[Application.Status.SELECTED, Application.Status.NOT_SELECTED],
                notified_at__isnull=True,
            ),
        ),
    )
