"""Reads of calls: the public list and page, the agency's list with each call's figures,
a call's overview (its figures and its applications counted by status), and what the top
floor shows (open calls, reviews waiting)."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, Sum
from django.utils import timezone

from ..amounts import CallFigures, call_figures
from ..models import (
    COMMITTED_STATUSES,
    ZERO,
    Application,
    Call,
    Criterion,
    Payment,
    Review,
    ReviewerAssignment,
    Status,
)


@dataclass(frozen=True)
class PublicCalls:
    open: list[Call]
    upcoming: list[Call]
    closed: list[Call]


def public_calls(now=None) -> PublicCalls:
    """Published calls in three groups: open (the soonest deadline first), upcoming (the
    soonest opening first) and closed (the latest first). One query."""
    now = now or timezone.now()
    calls = list(Call.objects.published().order_by("deadline", "pk"))
    return PublicCalls(
        open=[c for c in calls if c.is_open(now)],
        upcoming=sorted((c for c in calls if c.is_upcoming(now)), key=lambda c: c.opens_at),
        closed=[c for c in reversed(calls) if c.is_closed(now)],
    )


def open_calls():
    """Calls accepting applications now, the soonest deadline first."""
    return Call.objects.open().order_by("deadline", "pk")


def call_for_page(slug: str) -> Call | None:
    """A call with what its public page lists (categories, documents, criteria): four
    queries whatever their number."""
    return (
        Call.objects.filter(slug=slug)
        .prefetch_related(
            "categories",
            "required_documents",
            Prefetch("criteria", queryset=Criterion.objects.order_by("position", "pk")),
        )
        .first()
    )


def has_submitted_reviews(call: Call) -> bool:
    """Whether a review was submitted on one of the call's applications: its criteria are
    then fixed (the scores refer to them)."""
    return Review.objects.filter(
        assignment__application__call=call, submitted_at__isnull=False
    ).exists()


# --- The agency's pages ---------------------------------------------------------------


def call_state(call: Call, now=None) -> str:
    """draft, upcoming, open or closed."""
    if not call.is_published:
        return "draft"
    if call.is_upcoming(now):
        return "upcoming"
    if call.is_open(now):
        return "open"
    return "closed"


@dataclass(frozen=True)
class StaffCallRow:
    call: Call
    state: str
    figures: CallFigures


def _figures_by_call(calls: list[Call]) -> dict[int, CallFigures]:
    """call_figures for many calls in two grouped queries (the same sums as
    grants.amounts.call_figures, per call)."""
    ids = [call.pk for call in calls]
    totals: dict[int, Any] = {
        row["call_id"]: row
        for row in Application.objects.filter(call_id__in=ids)
        .values("call_id")
        .annotate(
            committed=Sum("approved_amount", filter=Q(status__in=COMMITTED_STATUSES)),
            applications=Count("pk", filter=~Q(status__in=(Status.DRAFT, Status.WITHDRAWN))),
            approved=Count("pk", filter=Q(approved_amount__isnull=False)),
        )
        .order_by()
    }
    payments: dict[int, Any] = {
        row["application__call_id"]: row
        for row in Payment.objects.filter(application__call_id__in=ids)
        .values("application__call_id")
        .annotate(
            paid=Sum("amount"),
            paid_closed=Sum("amount", filter=Q(application__status=Status.CLOSED)),
        )
        .order_by()
    }
    figures = {}
    for call in calls:
        total, paid = totals.get(call.pk, {}), payments.get(call.pk, {})
        committed = (total.get("committed") or ZERO) + (paid.get("paid_closed") or ZERO)
        figures[call.pk] = CallFigures(
            envelope=call.envelope,
            committed=committed,
            paid=paid.get("paid") or ZERO,
            remaining=call.envelope - committed,
            applications=total.get("applications") or 0,
            approved=total.get("approved") or 0,
        )
    return figures


def staff_calls(now=None) -> list[StaffCallRow]:
    """Every call, drafts included, the latest deadline first, each with its figures
    (three queries whatever the number of calls)."""
    now = now or timezone.now()
    calls = list(Call.objects.order_by("-deadline", "-pk"))
    figures = _figures_by_call(calls)
    return [
        StaffCallRow(call=call, state=call_state(call, now), figures=figures[call.pk])
        for call in calls
    ]


@dataclass(frozen=True)
class StatusCount:
    status: Status
    count: int


@dataclass(frozen=True)
class Bar:
    """The envelope as a bar: the share paid, committed but not yet paid, and remaining,
    in percent of the envelope (what the overview draws)."""

    paid: Decimal
    unpaid: Decimal
    remaining: Decimal


@dataclass(frozen=True)
class Overview:
    figures: CallFigures
    bar: Bar
    statuses: list[StatusCount]
    total: int


def _percent(part: Decimal, whole: Decimal) -> Decimal:
    if whole <= 0:
        return ZERO
    return max(min(part * 100 / whole, Decimal(100)), ZERO).quantize(Decimal("0.1"))


def call_overview(call: Call) -> Overview:
    """A call's figures and its applications counted by status, in the workflow's order
    (three queries)."""
    figures = call_figures(call)
    counts = dict(
        Application.objects.filter(call=call)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # What is committed to closed applications was paid; the rest of "committed" waits.
    unpaid = max(figures.committed - figures.paid, ZERO)
    paid_pct = _percent(min(figures.paid, figures.committed), figures.envelope)
    unpaid_pct = _percent(unpaid, figures.envelope)
    bar = Bar(
        paid=paid_pct,
        unpaid=unpaid_pct,
        remaining=max(Decimal(100) - paid_pct - unpaid_pct, ZERO),
    )
    statuses = [StatusCount(Status(s), counts.get(s, 0)) for s in Status.values]
    return Overview(figures=figures, bar=bar, statuses=statuses, total=sum(counts.values()))


# --- The top floor --------------------------------------------------------------------


def reviews_waiting_count(user) -> int:
    """The reviews assigned to `user` still to do: no conflict declared, no review submitted,
    on an application in review (one query)."""
    if not user.is_authenticated:
        return 0
    return (
        ReviewerAssignment.objects.filter(reviewer=user, application__status=Status.IN_REVIEW)
        .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)
        .exclude(review__submitted_at__isnull=False)
        .count()
    )
