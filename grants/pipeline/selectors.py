"""Reads of the agency's pipeline: the applications with what each row shows, computed in
the database (overdue screening, counts per status, amounts paid) so that a page asks the
same few queries at 50 applications as at 5,000; the rows of the exports; the de minimis
aid the programme granted."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    F,
    FloatField,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import GreaterThan
from django.utils import timezone
from django.utils.translation import get_language

from network.models import Organisation
from network.validators import format_enterprise_number

from ..models import ZERO, Application, Payment, Status

# The workflow's order, for sorting and the summary line.
STATUS_ORDER = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.SCREENING,
    Status.INFO_REQUESTED,
    Status.RESUBMITTED,
    Status.IN_REVIEW,
    Status.APPROVED,
    Status.SIGNED,
    Status.REPORTED,
    Status.CLOSED,
    Status.REJECTED,
    Status.WITHDRAWN,
]
# Waiting for the agency to screen them.
AWAITING_SCREENING = (Status.SUBMITTED, Status.RESUBMITTED)
# Nobody waits on these any more.
FINISHED = (Status.DRAFT, Status.CLOSED, Status.REJECTED, Status.WITHDRAWN)
# De minimis aid the programme granted: approved, and neither withdrawn nor rejected since.
GRANTED = (Status.APPROVED, Status.SIGNED, Status.REPORTED, Status.CLOSED)


class DaysSince(Func):
    """Days (with their fraction) from a date-time to now, in the database. PostgreSQL and
    SQLite (the development default) have no common way to multiply a duration."""

    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(EXTRACT(EPOCH FROM (STATEMENT_TIMESTAMP() - %(expressions)s)) / 86400.0)",
            **extra_context,
        )

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday('now') - julianday(%(expressions)s))",
            **extra_context,
        )


# Submitted (or resubmitted) longer ago than the call's days to screen, and not screened
# yet: the status changes when screening starts.
OVERDUE = Q(status__in=AWAITING_SCREENING) & Q(
    GreaterThan(DaysSince("status_changed_at"), F("call__screening_days"))
)


def pipeline_queryset() -> QuerySet[Application]:
    """Every application with its call and organisation, and `is_overdue` (SQL)."""
    return Application.objects.select_related("call", "organisation").annotate(
        is_overdue=ExpressionWrapper(OVERDUE, output_field=BooleanField())
    )


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


@dataclass(frozen=True)
class Summary:
    total: int
    overdue: int
    statuses: list[StatusCount]  # the statuses present, in the workflow's order


def summary_of(queryset: QuerySet[Application]) -> Summary:
    """Counts per status of the filtered applications, and how many are overdue (one
    query, grouped by status)."""
    groups = {
        group["status"]: group
        for group in queryset.order_by()
        .values("status")
        .annotate(count=Count("pk"), overdue=Count("pk", filter=OVERDUE))
    }
    return Summary(
        total=sum(group["count"] for group in groups.values()),
        overdue=sum(group["overdue"] for group in groups.values()),
        statuses=[
            StatusCount(status.value, str(status.label), groups[status.value]["count"])
            for status in STATUS_ORDER
            if status.value in groups
        ],
    )


# templates/grants/_status.html's colours, for tables that draw the badge in place (an
# include per row cost the pipeline's page of 50 about a fifth of its time, profiled).
BADGE_CLASSES = {
    Status.APPROVED: "text-bg-success",
    Status.SIGNED: "text-bg-success",
    Status.CLOSED: "text-bg-success",
    Status.REJECTED: "text-bg-secondary",
    Status.WITHDRAWN: "text-bg-secondary",
    Status.INFO_REQUESTED: "text-bg-warning",
    Status.DRAFT: "text-bg-light border",
}


def badge_class(status: str) -> str:
    return BADGE_CLASSES.get(Status(status), "text-bg-primary")


def days_waiting(application: Application, now: datetime.datetime) -> int | None:
    """Whole days since the application's status last changed, while someone still has
    to act on it."""
    if application.status in FINISHED:
        return None
    return (now - application.status_changed_at).days


def with_paid(queryset: QuerySet[Application]) -> QuerySet[Application]:
    """`paid`: the sum of the tranches paid (a subquery: no row repeated per payment)."""
    paid = (
        Payment.objects.filter(application=OuterRef("pk"))
        .order_by()
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return queryset.annotate(paid=Coalesce(Subquery(paid), Value(ZERO)))


@dataclass(frozen=True)
class ExportRow:
    reference: str
    organisation: str
    enterprise_number: str
    province: str
    call: str
    status: str
    submitted: datetime.date | None
    decided: datetime.date | None
    total_cost: Decimal
    eligible_total: Decimal
    requested: Decimal
    approved: Decimal | None
    paid: Decimal


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localdate(moment) if moment else None


EXPORT_FIELDS = [
    "reference",
    "organisation__name",
    "organisation__enterprise_number",
    "organisation__province",
    "call__title_fr",
    "call__title_en",
    "status",
    "submitted_at",
    "decided_at",
    "total_cost",
    "eligible_total",
    "requested_amount",
    "approved_amount",
    "paid",
]


def export_rows(queryset: QuerySet[Application]):
    """The filtered applications with their amounts, as typed values, read in chunks as
    plain values: building the three model objects of 5,000 rows took most of the
    export's 3 s (profiled)."""
    provinces = {value: str(label) for value, label in Organisation.Province.choices}
    statuses = {value: str(label) for value, label in Status.choices}
    english = (get_language() or "fr")[:2] == "en"
    values = with_paid(queryset).values(*EXPORT_FIELDS)
    for row in values.iterator(chunk_size=2000):
        yield ExportRow(
            reference=row["reference"],
            organisation=row["organisation__name"],
            enterprise_number=format_enterprise_number(row["organisation__enterprise_number"]),
            province=provinces.get(row["organisation__province"], row["organisation__province"]),
            call=(english and row["call__title_en"]) or row["call__title_fr"],
            status=statuses.get(row["status"], row["status"]),
            submitted=_local_date(row["submitted_at"]),
            decided=_local_date(row["decided_at"]),
            total_cost=row["total_cost"],
            eligible_total=row["eligible_total"],
            requested=row["requested_amount"],
            approved=row["approved_amount"],
            paid=row["paid"],
        )


# --- the de minimis register ------------------------------------------------------------


def granted_aid(year: int | None = None) -> QuerySet[Application]:
    """The programme's grants (de minimis aid), per beneficiary then date granted; `year`:
    of the decision, in Brussels time."""
    queryset = Application.objects.filter(
        status__in=GRANTED, approved_amount__isnull=False, decided_at__isnull=False
    ).select_related("organisation", "call")
    if year is not None:
        queryset = queryset.filter(decided_at__year=year)
    return queryset.order_by("organisation__name", "organisation_id", "decided_at", "pk")


@dataclass(frozen=True)
class RegisterTotals:
    amount: Decimal
    grants: int
    beneficiaries: int


def register_totals(queryset: QuerySet[Application]) -> RegisterTotals:
    totals = queryset.order_by().aggregate(
        amount=Sum("approved_amount"),
        grants=Count("pk"),
        beneficiaries=Count("organisation", distinct=True),
    )
    return RegisterTotals(totals["amount"] or ZERO, totals["grants"], totals["beneficiaries"])


def register_years() -> list[int]:
    """The years in which the programme granted aid, latest first (one query)."""
    dates = Application.objects.filter(
        status__in=GRANTED, approved_amount__isnull=False, decided_at__isnull=False
    ).datetimes("decided_at", "year", order="DESC")
    return [timezone.localtime(d).year for d in dates]
