"""Reads of sessions and intervisions: hours used and last contact (the dashboards ask
these for many enterprises at once), an enterprise's coaching page, an intervision's page."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, ExpressionWrapper, Max, Prefetch, Q, Sum
from django.utils import timezone

from network.models import CoachAssignment

from ..models import (
    Attendance,
    CoachingSession,
    Enrolment,
    Intervision,
    IntervisionInvitation,
    IntervisionQuestion,
)
from ..selectors import dimension_titles

TENTH = Decimal("0.1")


def _hours(minutes) -> Decimal:
    return (Decimal(minutes or 0) / 60).quantize(TENTH, rounding=ROUND_HALF_UP)


def hours_by_enrolment(enrolment_ids, now=None) -> dict[int, Decimal]:
    """Enrolment id → hours of individual sessions already held (planned ones do not count
    yet), rounded to 0.1, in one query."""
    now = now or timezone.now()
    enrolment_ids = list(enrolment_ids)
    rows = (
        CoachingSession.objects.filter(enrolment_id__in=enrolment_ids, starts_at__lte=now)
        .values("enrolment_id")
        .annotate(minutes=Sum("duration_minutes"))
    )
    hours = {pk: Decimal("0.0") for pk in enrolment_ids}
    hours.update({row["enrolment_id"]: _hours(row["minutes"]) for row in rows})
    return hours


def last_contact_by_enrolment(enrolment_ids, now=None) -> dict[int, datetime.datetime | None]:
    """Enrolment id → when its last individual session held took place (None: none yet),
    in one query."""
    now = now or timezone.now()
    enrolment_ids = list(enrolment_ids)
    rows = (
        CoachingSession.objects.filter(enrolment_id__in=enrolment_ids, starts_at__lte=now)
        .values("enrolment_id")
        .annotate(last=Max("starts_at"))
    )
    last = dict.fromkeys(enrolment_ids)
    last.update({row["enrolment_id"]: row["last"] for row in rows})
    return last


@dataclass
class IntervisionLine:
    """One of the cohort's intervisions, as one enterprise lived it."""

    intervision: Intervision
    invitations: list = field(default_factory=list)  # the enterprise's people invited

    @property
    def attended(self) -> bool:
        return any(i.attendance == Attendance.PRESENT for i in self.invitations)


@dataclass
class EnrolmentPage:
    enrolment: Enrolment
    coaches: list  # CoachAssignment, with their areas
    sessions: list  # every session, held and planned, newest first
    hours_used: Decimal
    hours_planned: Decimal
    intervisions: list  # IntervisionLine
    intervision_hours: Decimal

    @property
    def hours_left(self) -> Decimal:
        return self.enrolment.hours_allotted - self.hours_used

    @property
    def used_percent(self) -> int:
        if not self.enrolment.hours_allotted:
            return 0
        return round(self.hours_used * 100 / self.enrolment.hours_allotted)


def enrolment_page(enrolment: Enrolment, now=None) -> EnrolmentPage:
    """What an enterprise's coaching page shows, in a number of queries that does not grow
    with its sessions or intervisions."""
    now = now or timezone.now()
    coaches = list(
        CoachAssignment.objects.filter(organisation_id=enrolment.organisation_id)
        .select_related("coach")
        .prefetch_related("areas")
        .order_by("coach__last_name", "coach__email")
    )
    sessions = list(
        CoachingSession.objects.filter(enrolment=enrolment)
        .select_related("coach")
        .order_by("-starts_at")
    )
    held = sum(s.duration_minutes for s in sessions if s.starts_at <= now)
    planned = sum(s.duration_minutes for s in sessions if s.starts_at > now)
    own_invitations = IntervisionInvitation.objects.filter(enrolment=enrolment).select_related(
        "user"
    )
    intervisions = list(
        Intervision.objects.filter(cohort_id=enrolment.cohort_id)
        .prefetch_related(Prefetch("invitations", queryset=own_invitations, to_attr="own"))
        .order_by("-starts_at")
    )
    lines = [IntervisionLine(intervision=i, invitations=i.own) for i in intervisions]
    attended_minutes = sum(
        line.intervision.duration_minutes
        for line in lines
        if line.attended and line.intervision.starts_at <= now
    )
    return EnrolmentPage(
        enrolment=enrolment,
        coaches=coaches,
        sessions=sessions,
        hours_used=_hours(held),
        hours_planned=_hours(planned),
        intervisions=lines,
        intervision_hours=_hours(attended_minutes),
    )


@dataclass
class QuestionGroup:
    theme: str
    title: str
    questions: list


def questions_by_theme(intervision: Intervision, *, participant=None) -> list[QuestionGroup]:
    """The intervision's questions grouped by theme (the diagnostic's dimensions in their
    order, then those without a theme). For its organisers, with their authors (None when
    anonymous); for a `participant`, without anyone's author: each only says whether it is
    the participant's own (`is_yours`)."""
    titles = dimension_titles()
    groups: dict[str, list] = defaultdict(list)
    questions = IntervisionQuestion.objects.filter(intervision=intervision)
    if participant is None:
        questions = questions.select_related("author")
    else:
        questions = questions.annotate(
            is_yours=ExpressionWrapper(Q(author=participant), output_field=BooleanField())
        ).defer("author")
    for question in questions.order_by("created_at", "pk"):
        groups[question.theme if question.theme in titles else ""].append(question)
    ordered = [QuestionGroup(code, title, groups[code]) for code, title in titles.items()]
    ordered.append(QuestionGroup("", "", groups[""]))
    return [group for group in ordered if group.questions]


def intervision_invitations(intervision: Intervision) -> list[IntervisionInvitation]:
    return list(
        intervision.invitations.select_related("user", "enrolment__organisation").order_by(
            "enrolment__organisation__name", "user__last_name", "user__first_name", "user__email"
        )
    )


def attendance_counts(invitations) -> dict[str, int]:
    counts = dict.fromkeys(Attendance.values, 0)
    for invitation in invitations:
        counts[invitation.attendance] += 1
    return counts


def cohort_intervisions(cohort, now=None) -> tuple[list, list]:
    """(coming, past) intervisions of the cohort, each with its number of invitations and
    questions, in one query."""
    from django.db.models import Count

    now = now or timezone.now()
    rows = list(
        Intervision.objects.filter(cohort=cohort)
        .annotate(
            invitation_count=Count("invitations", distinct=True),
            question_count=Count("questions", distinct=True),
        )
        .order_by("starts_at")
    )
    coming = [i for i in rows if i.starts_at > now]
    past = [i for i in rows if i.starts_at <= now][::-1]
    return coming, past
