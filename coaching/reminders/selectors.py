"""What the reminders are about: each read is one query (or a few) whatever the number of
actions, sessions or coaches, and keeps only recipients who are active, have not turned
reminders off and may still see the organisation concerned."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from digitalees.models import User
from network.models import CoachAssignment

from ..models import (
    Action,
    CoachingSession,
    Cohort,
    Enrolment,
    Intervision,
    IntervisionInvitation,
)
from ..rules import may_view_organisation_q

DUE_SOON_DAYS = 7
# An action overdue for longer whose reminder was never sent (reminders turned back on, the
# scheduler down for days) is not reminded any more: the weekly digest lists it for the coach.
OVERDUE_CATCH_UP_DAYS = 7
SESSION_NOTICE = datetime.timedelta(hours=24)
DIGEST_HORIZON = datetime.timedelta(days=7)


def _remindable(queryset: QuerySet, *, user: str) -> QuerySet:
    """The rows whose recipient (at the field `user`) is active and wants reminders."""
    return queryset.filter(**{f"{user}__is_active": True}).exclude(
        **{f"{user}__reminder_preference__reminders_enabled": False}
    )


def _open_owned_actions() -> QuerySet:
    actions = (
        Action.objects.open()
        .filter(owner__isnull=False)
        .exclude(plan__enrolment__cohort__status=Cohort.Status.CLOSED)
        .filter(may_view_organisation_q(user="owner_id", organisation="plan__organisation_id"))
        .select_related("plan__organisation", "owner")
        .order_by("owner_id", "due_on", "pk")
    )
    return _remindable(actions, user="owner")


def actions_due_soon(today: datetime.date) -> QuerySet:
    """Open actions due from today to 7 days on, with an owner to remind."""
    end = today + datetime.timedelta(days=DUE_SOON_DAYS)
    return _open_owned_actions().filter(due_on__gte=today, due_on__lte=end)


def actions_overdue(today: datetime.date) -> QuerySet:
    """Open actions whose due date has passed (by a week at most), with an owner to remind."""
    start = today - datetime.timedelta(days=OVERDUE_CATCH_UP_DAYS)
    return _open_owned_actions().filter(due_on__lt=today, due_on__gte=start)


def session_recipients(now: datetime.datetime) -> list[tuple[CoachingSession, User]]:
    """(session, person) for each coaching session starting within 24 hours: its coach and
    its participants. Three queries."""
    sessions = list(
        CoachingSession.objects.filter(starts_at__gt=now, starts_at__lte=now + SESSION_NOTICE)
        .exclude(enrolment__cohort__status=Cohort.Status.CLOSED)
        .select_related("enrolment__organisation", "coach")
        .order_by("starts_at", "pk")
    )
    if not sessions:
        return []
    ids = [s.pk for s in sessions]
    coached = set(
        _remindable(CoachingSession.objects.filter(pk__in=ids), user="coach")
        .filter(may_view_organisation_q(user="coach_id", organisation="enrolment__organisation_id"))
        .values_list("pk", flat=True)
    )
    through = CoachingSession.participants.through
    participants = defaultdict(list)
    links = _remindable(through.objects.filter(coachingsession_id__in=ids), user="user").filter(
        may_view_organisation_q(
            user="user_id", organisation="coachingsession__enrolment__organisation_id"
        )
    )
    for link in links.select_related("user").order_by("user_id"):
        participants[link.coachingsession_id].append(link.user)
    pairs = []
    for session in sessions:
        people = [session.coach] if session.coach and session.pk in coached else []
        people += [u for u in participants[session.pk] if u.pk != session.coach_id]
        pairs += [(session, person) for person in people]
    return pairs


def intervision_invitations_soon(now: datetime.datetime) -> QuerySet:
    """Invitations to intervisions starting within 24 hours, of invitees not excused."""
    invitations = (
        IntervisionInvitation.objects.filter(
            intervision__starts_at__gt=now, intervision__starts_at__lte=now + SESSION_NOTICE
        )
        .exclude(attendance=IntervisionInvitation.Attendance.EXCUSED)
        .exclude(intervision__cohort__status=Cohort.Status.CLOSED)
        .filter(may_view_organisation_q(user="user_id", organisation="enrolment__organisation_id"))
        .select_related("intervision__cohort", "user")
        .order_by("intervision__starts_at", "intervision_id", "pk")
    )
    return _remindable(invitations, user="user")


@dataclass
class EnterpriseDigest:
    organisation: object
    overdue: list = field(default_factory=list)
    due_this_week: list = field(default_factory=list)
    sessions: list = field(default_factory=list)


@dataclass
class Digest:
    """What one coach reads on Monday morning: per enterprise, its actions overdue and due
    this week and its sessions coming; the intervisions of their cohorts coming, with the
    number of questions posted for them."""

    coach: User
    enterprises: list[EnterpriseDigest] = field(default_factory=list)
    intervisions: list = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not self.intervisions and not any(
            e.overdue or e.due_this_week or e.sessions for e in self.enterprises
        )

    @property
    def overdue_count(self) -> int:
        return sum(len(e.overdue) for e in self.enterprises)

    @property
    def due_count(self) -> int:
        return sum(len(e.due_this_week) for e in self.enterprises)


def coach_digests(today: datetime.date) -> list[Digest]:
    """Every coach's digest (empty ones included), in five queries."""
    now = timezone.now()
    week_end = today + datetime.timedelta(days=6)
    active = Enrolment.objects.active()
    assignments = _remindable(
        CoachAssignment.objects.filter(organisation_id__in=active.values("organisation_id")),
        user="coach",
    ).select_related("coach", "organisation")
    organisations_of: dict[int, list] = defaultdict(list)
    coaches: dict[int, User] = {}
    for assignment in assignments.order_by("coach_id", "organisation__name"):
        coaches[assignment.coach_id] = assignment.coach
        organisations_of[assignment.coach_id].append(assignment.organisation)
    if not coaches:
        return []
    organisation_ids = {o.pk for orgs in organisations_of.values() for o in orgs}
    enrolments = list(
        active.filter(organisation_id__in=organisation_ids).values_list(
            "pk", "organisation_id", "cohort_id"
        )
    )
    cohorts_of_organisation = defaultdict(set)
    for _pk, organisation_id, cohort_id in enrolments:
        cohorts_of_organisation[organisation_id].add(cohort_id)
    enrolment_ids = [pk for pk, _o, _c in enrolments]

    actions = defaultdict(list)
    for action in (
        Action.objects.open()
        .filter(plan__enrolment_id__in=enrolment_ids, due_on__isnull=False, due_on__lte=week_end)
        .select_related("plan", "owner")
        .order_by("due_on", "pk")
    ):
        actions[action.plan.organisation_id].append(action)
    sessions = defaultdict(list)
    for session in (
        CoachingSession.objects.filter(
            enrolment_id__in=enrolment_ids, starts_at__gte=now, starts_at__lt=now + DIGEST_HORIZON
        )
        .select_related("enrolment", "coach")
        .order_by("starts_at", "pk")
    ):
        sessions[session.enrolment.organisation_id].append(session)
    cohort_ids = {c for cohorts in cohorts_of_organisation.values() for c in cohorts}
    intervisions = list(
        Intervision.objects.filter(
            cohort_id__in=cohort_ids, starts_at__gte=now, starts_at__lt=now + DIGEST_HORIZON
        )
        .annotate(
            question_count=Count("questions"),
            open_question_count=Count("questions", filter=Q(questions__taken_up_at__isnull=True)),
        )
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )

    digests = []
    for coach_id, coach in coaches.items():
        digest = Digest(coach=coach)
        cohorts = set()
        for organisation in organisations_of[coach_id]:
            cohorts |= cohorts_of_organisation[organisation.pk]
            own = actions[organisation.pk]
            digest.enterprises.append(
                EnterpriseDigest(
                    organisation=organisation,
                    overdue=[a for a in own if a.due_on < today],
                    due_this_week=[a for a in own if a.due_on >= today],
                    sessions=sessions[organisation.pk],
                )
            )
        digest.enterprises = [
            e for e in digest.enterprises if e.overdue or e.due_this_week or e.sessions
        ]
        digest.intervisions = [i for i in intervisions if i.cohort_id in cohorts]
        digests.append(digest)
    return digests
