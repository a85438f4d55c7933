"""What a person's calendar feed holds, as iCalendar (RFC 5545, the `icalendar` library).

For a coach: the sessions of the enterprises assigned to them, the intervisions of their
cohorts and the due dates of the open actions they own. For a member: their organisations'
sessions, the intervisions they are invited to, and the due dates of open actions they own
or of their organisations' plans. Computed when the calendar asks, from the rights of the
moment: someone who left an organisation no longer sees its events. Private coach notes
and shared notes are never in it: the feed's address is a secret, but it leaves the site.
A constant number of queries, whatever the number of events.
"""

import datetime
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from digitalees.mail import absolute_url
from digitalees.models import User
from digitalees.roles import is_agency_staff
from network.models import CoachAssignment, Membership

from ..models import Action, CalendarFeed, CoachingSession, Cohort, Intervision

# Older sessions and intervisions are left out: calendars keep what they have already read.
PAST = datetime.timedelta(days=180)


@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date
    url: str
    description: str = ""
    location: str = ""


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed of an active account at that address, or None."""
    return (
        CalendarFeed.objects.select_related("user")
        .filter(token=token, user__is_active=True)
        .first()
    )


def _uid(kind: str, pk: int) -> str:
    # Stable across requests and renewed addresses: a calendar updates the event it has.
    return f"coaching-{kind}-{pk}@{urlsplit(settings.SITE_URL).hostname or 'digitalees'}"


def feed_events(user: User, *, now: datetime.datetime | None = None) -> list[FeedEvent]:
    now = now or timezone.now()
    since = now - PAST
    member_of = Membership.objects.filter(user=user).values("organisation_id")
    coach_of = CoachAssignment.objects.filter(coach=user).values("organisation_id")

    events = []
    sessions = (
        CoachingSession.objects.filter(starts_at__gte=since)
        .filter(
            Q(enrolment__organisation_id__in=member_of) | Q(enrolment__organisation_id__in=coach_of)
        )
        .select_related("enrolment__organisation", "coach")
        .order_by("starts_at", "pk")
    )
    for session in sessions:
        lines = [_("Topics: %(topics)s") % {"topics": session.topics}]
        if session.coach:
            lines.insert(0, _("Coach: %(name)s") % {"name": session.coach.display_name})
        events.append(
            FeedEvent(
                uid=_uid("session", session.pk),
                summary=_("Coaching session — %(organisation)s")
                % {"organisation": session.enrolment.organisation.name},
                start=session.starts_at,
                end=session.starts_at + datetime.timedelta(minutes=session.duration_minutes),
                url=absolute_url(reverse("coaching:session_detail", kwargs={"pk": session.pk})),
                description="\n".join(lines),
            )
        )

    # Invited, and still a member (or a coach) of the enterprise they were invited for.
    invited = Q(invitations__user=user) & (
        Q(invitations__enrolment__organisation_id__in=member_of)
        | Q(invitations__enrolment__organisation_id__in=coach_of)
    )
    mine = Q(cohort__enrolments__organisation_id__in=coach_of) | invited
    agency = is_agency_staff(user)
    if agency:
        mine |= Q(organised_by=user)
    intervisions = (
        Intervision.objects.filter(mine, starts_at__gte=since)
        .distinct()
        .select_related("cohort")
        .order_by("starts_at", "pk")
    )
    for intervision in intervisions:
        events.append(
            FeedEvent(
                uid=_uid("intervision", intervision.pk),
                summary=_("Intervision: %(title)s") % {"title": intervision.title},
                start=intervision.starts_at,
                end=intervision.starts_at
                + datetime.timedelta(minutes=intervision.duration_minutes),
                url=absolute_url(
                    reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk})
                ),
                description="\n\n".join(
                    filter(None, [intervision.cohort.name, intervision.description])
                ),
                location=intervision.location,
            )
        )

    own_plans = Q(plan__organisation_id__in=member_of)
    owned = Q(owner=user) & (
        Q(plan__organisation_id__in=member_of) | Q(plan__organisation_id__in=coach_of)
    )
    if agency:
        owned = Q(owner=user)
    actions = (
        Action.objects.open()
        .filter(due_on__isnull=False)
        .filter(own_plans | owned)
        .exclude(plan__enrolment__cohort__status=Cohort.Status.CLOSED)
        .select_related("plan__organisation")
        .order_by("due_on", "pk")
    )
    for action in actions:
        events.append(
            FeedEvent(
                uid=_uid("action", action.pk),
                summary=_("Due: %(title)s — %(organisation)s")
                % {"title": action.title, "organisation": action.plan.organisation.name},
                start=action.due_on,
                end=action.due_on + datetime.timedelta(days=1),
                url=absolute_url(action.get_absolute_url()),
                description=_("Status: %(status)s") % {"status": action.get_status_display()},
            )
        )
    return events


def _utc(value):
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC)
    return value


def calendar_ics(user: User, *, now: datetime.datetime | None = None) -> bytes:
    """The user's feed as an iCalendar file: times in UTC, due dates as all-day events."""
    now = now or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", "-//DigitalEES//Coaching//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("DigitalEES coaching"))
    # How often a calendar should read it again (Outlook and Apple read these).
    calendar.add("refresh-interval", datetime.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    stamp = now.astimezone(datetime.UTC)
    for item in feed_events(user, now=now):
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", _utc(item.start))
        event.add("dtend", _utc(item.end))
        event.add("summary", item.summary)
        event.add("url", item.url)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        calendar.add_component(event)
    return calendar.to_ical()
