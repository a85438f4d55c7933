"""Reads of the network's events: the public list (counts annotated by subqueries, never
per row) and the staff's lists."""

from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from ..models import (
    AttendanceStatus,
    Event,
    Registration,
    RegistrationAnswer,
    RegistrationStatus,
)


def _count(*conditions, **filters):
    """The number of an event's registrations matching `filters`, as a subquery (served by
    registration_seat_idx): only the page's rows are counted."""
    counted = (
        Registration.objects.filter(*conditions, event=OuterRef("pk"), **filters)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def with_seats(events):
    return events.annotate(seats_taken=_count(status=RegistrationStatus.CONFIRMED))


def seats_left(event) -> int | None:
    """Seats still free (None: no limit), from the annotation when there is one."""
    if event.capacity is None:
        return None
    taken = getattr(event, "seats_taken", None)
    if taken is None:
        taken = event.registrations.holding_seat().count()
    return max(event.capacity - taken, 0)


def public_event_list(*, kind: str = "", theme=None, now=None):
    """Published events: upcoming ones first, soonest first, then past ones, latest first."""
    now = now or timezone.now()
    events = Event.objects.published()
    if kind:
        events = events.filter(kind=kind)
    if theme is not None:
        events = events.filter(topics=theme)
    upcoming = Q(ends_at__gte=now)
    return (
        with_seats(events)
        .annotate(is_past=Case(When(upcoming, then=Value(0)), default=Value(1)))
        .order_by(
            "is_past",
            Case(When(upcoming, then=F("starts_at"))).asc(nulls_last=True),
            Case(When(~upcoming, then=F("starts_at"))).desc(nulls_last=True),
            "pk",
        )
        .prefetch_related("topics")
    )


def staff_event_list():
    """Every event, latest first, with seats taken, waiting list and attendance recorded."""
    return Event.objects.annotate(
        seats_taken=_count(status=RegistrationStatus.CONFIRMED),
        waiting=_count(status=RegistrationStatus.WAITING),
        attendance_recorded=_count(
            Q(status=RegistrationStatus.CONFIRMED) & ~Q(attendance=AttendanceStatus.UNKNOWN)
        ),
    ).order_by("-starts_at", "-pk")


def registrations_for_staff(event):
    """An event's registrations, with their answers and certificates, in two queries."""
    return (
        event.registrations.select_related("organisation", "certificate")
        .prefetch_related(
            Prefetch(
                "answers",
                queryset=RegistrationAnswer.objects.select_related("question").order_by(
                    "question__position", "question__pk"
                ),
            )
        )
        .order_by("status", "waiting_since", "last_name", "first_name", "pk")
    )
