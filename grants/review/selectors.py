"""Reads of grants' review part: the panel on the application's page, the scores side by
side, a reviewer's assignments, the people who may be asked to review."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet

from digitalees.roles import AGENCY_GROUP, REVIEWER_GROUP

from ..models import Application, Criterion, Review, ReviewerAssignment, ReviewScore
from ..services import ASSIGNABLE_STATUSES, REVIEWABLE_STATUSES

HUNDRED = Decimal("100")


def percent(score: Decimal | None) -> Decimal | None:
    """A weighted total on 0–MAX_SCORE as a percentage (one place)."""
    if score is None:
        return None
    return (score * HUNDRED / Criterion.MAX_SCORE).quantize(Decimal("0.1"))


def average(scores: list[Decimal]) -> Decimal | None:
    if not scores:
        return None
    return (sum(scores, Decimal("0")) / len(scores)).quantize(Decimal("0.01"))


def reviewer_candidates() -> QuerySet:
    """Everyone who may be asked to review: the reviewer group and agency staff (with their
    second factor when the site asks for it), active."""
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(groups__name=REVIEWER_GROUP) | Q(groups__name=AGENCY_GROUP) | Q(is_superuser=True)
        )
    )
    if settings.STAFF_REQUIRE_MFA:
        from allauth.mfa.models import Authenticator

        with_totp = Authenticator.objects.filter(type=Authenticator.Type.TOTP).values("user_id")
        users = users.filter(Q(groups__name=REVIEWER_GROUP) | Q(pk__in=with_totp))
    return (
        get_user_model()
        .objects.filter(pk__in=users.values("pk"))
        .order_by("last_name", "first_name", "email")
    )


def assignable_reviewers(application: Application) -> QuerySet:
    """The candidates one may still assign: not members of the applicant organisation, not
    assigned already."""
    return reviewer_candidates().exclude(
        Q(memberships__organisation_id=application.organisation_id)
        | Q(grant_review_assignments__application=application)
    )


def _assignments(application: Application, *, scores: bool = False) -> list[ReviewerAssignment]:
    """The application's assignments with their reviewer and review, in one query (and one
    more for the scores when asked)."""
    queryset = ReviewerAssignment.objects.filter(application=application).select_related(
        "reviewer", "review"
    )
    if scores:
        queryset = queryset.prefetch_related(
            Prefetch("review__scores", queryset=ReviewScore.objects.order_by("criterion_id"))
        )
    return list(queryset.order_by("assigned_at", "pk"))


def review_of(assignment: ReviewerAssignment) -> Review | None:
    """The assignment's review, read from what select_related fetched (None: none yet)."""
    try:
        return assignment.review
    except Review.DoesNotExist:
        return None


@dataclass
class StaffRow:
    assignment: ReviewerAssignment
    review: Review | None

    @property
    def submitted(self) -> bool:
        return bool(self.review and self.review.submitted_at)

    @property
    def percent(self) -> Decimal | None:
        return percent(self.review.weighted_score) if self.submitted and self.review else None


def panel(application: Application, access) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/review/_panel.html with it as `panel`."""
    result: dict = {}
    if access.is_agency:
        rows = [StaffRow(a, review_of(a)) for a in _assignments(application)]
        submitted = [row.review.weighted_score for row in rows if row.submitted and row.review]
        result["staff"] = {
            "rows": rows,
            "average": average(submitted),
            "average_percent": percent(average(submitted)),
            "submitted_count": len(submitted),
            "can_assign": application.status in ASSIGNABLE_STATUSES,
        }
        if application.status in ASSIGNABLE_STATUSES:
            from .forms import AssignForm

            result["staff"]["form"] = AssignForm(queryset=assignable_reviewers(application))
    assignment = access.assignment if access.user.is_authenticated else None
    if assignment is not None:
        result["reviewer"] = {
            "assignment": assignment,
            "declared": assignment.declaration == ReviewerAssignment.Declaration.NO_CONFLICT,
        }
    if access.organisation.can_view and not access.is_agency:
        result["shared"] = shared_comments(application)
    return result


def shared_comments(application: Application) -> list[str]:
    """The comments reviewers shared with the applicant, of submitted reviews; no names, no
    scores."""
    return list(
        Review.objects.filter(
            assignment__application=application,
            comment_shared=True,
            submitted_at__isnull=False,
        )
        .exclude(assignment__declaration=ReviewerAssignment.Declaration.CONFLICT)
        .order_by("submitted_at", "pk")
        .values_list("comment", flat=True)
    )


@dataclass
class Column:
    assignment: ReviewerAssignment
    review: Review | None
    scores: dict[int, int] = field(default_factory=dict)

    @property
    def submitted(self) -> bool:
        return bool(self.review and self.review.submitted_at)

    @property
    def percent(self) -> Decimal | None:
        return percent(self.review.weighted_score) if self.review else None


@dataclass
class CriterionRow:
    criterion: Criterion
    cells: list[int | None]


@dataclass
class SideBySide:
    criteria: list[Criterion]
    columns: list[Column]  # reviewers with a review (submitted or draft)
    rows: list[CriterionRow]
    average: Decimal | None  # of the submitted reviews' weighted totals
    average_percent: Decimal | None
    conflicts: list[ReviewerAssignment]
    pending: list[ReviewerAssignment]  # declaration not made yet
    waiting: list[ReviewerAssignment]  # no conflict, no review yet
    weights: int


def side_by_side(application: Application) -> SideBySide:
    """The reviews of `application`, one column per reviewer, one row per criterion: three
    queries whatever the number of reviewers or criteria."""
    criteria = list(application.call.criteria.all())
    assignments = _assignments(application, scores=True)
    columns, conflicts, pending, waiting = [], [], [], []
    for assignment in assignments:
        if assignment.declaration == ReviewerAssignment.Declaration.CONFLICT:
            conflicts.append(assignment)
            continue
        if assignment.declaration == ReviewerAssignment.Declaration.PENDING:
            pending.append(assignment)
            continue
        review = review_of(assignment)
        if review is None:
            waiting.append(assignment)
            continue
        columns.append(
            Column(assignment, review, {s.criterion_id: s.score for s in review.scores.all()})
        )
    rows = [CriterionRow(c, [col.scores.get(c.pk) for col in columns]) for c in criteria]
    submitted = [col.review.weighted_score for col in columns if col.submitted and col.review]
    mean = average(submitted)
    return SideBySide(
        criteria=criteria,
        columns=columns,
        rows=rows,
        average=mean,
        average_percent=percent(mean),
        conflicts=conflicts,
        pending=pending,
        waiting=waiting,
        weights=sum(c.weight for c in criteria),
    )


@dataclass
class HomeItem:
    assignment: ReviewerAssignment
    review: Review | None

    @property
    def application(self) -> Application:
        return self.assignment.application

    @property
    def open(self) -> bool:
        """The review may still be written or changed (no decision yet)."""
        return self.assignment.application.status in REVIEWABLE_STATUSES


@dataclass
class Home:
    to_declare: list[HomeItem]
    to_review: list[HomeItem]
    reviewed: list[HomeItem]

    @property
    def empty(self) -> bool:
        return not (self.to_declare or self.to_review or self.reviewed)


def home(user) -> Home:
    """A reviewer's assignments (a declared conflict takes one off): to declare, to review,
    reviewed. One query."""
    assignments = (
        ReviewerAssignment.objects.filter(reviewer=user)
        .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)
        .select_related("application__call", "application__organisation", "review")
        .order_by("application__call__deadline", "assigned_at", "pk")
    )
    result = Home([], [], [])
    for assignment in assignments:
        item = HomeItem(assignment, review_of(assignment))
        if assignment.declaration == ReviewerAssignment.Declaration.PENDING:
            result.to_declare.append(item)
        elif item.review and item.review.submitted_at:
            result.reviewed.append(item)
        else:
            result.to_review.append(item)
    return result


def has_assignments(user) -> bool:
    return ReviewerAssignment.objects.filter(reviewer=user).exists()
