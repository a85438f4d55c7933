"""Writes of individual sessions and intervisions: logging and planning sessions, turning
their next steps into actions, organising intervisions (invitations, attendance, the
summary shared after) and the questions participants raise before one.

The views, the demo and the tests all write through these.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail
from network.models import CoachAssignment, Membership

from .. import services as core_services
from ..models import (
    Action,
    Attendance,
    CoachingSession,
    Cohort,
    Enrolment,
    Intervision,
    IntervisionInvitation,
    IntervisionQuestion,
    Plan,
)
from ..selectors import dimension_titles

MAX_DURATION = 600  # minutes: a working day and more is not one session
QUESTION_MAX_LENGTH = 2000
SUMMARY_MAX_LENGTH = 10000
# What an organiser records after an intervision (INVITED is only the state before).
RECORDED = (Attendance.PRESENT, Attendance.ABSENT, Attendance.EXCUSED)


# --- Shared checks -------------------------------------------------------------------


def _check_duration(minutes, errors: dict) -> None:
    if minutes is None or not 1 <= int(minutes) <= MAX_DURATION:
        errors["duration_minutes"] = _("A duration is from 1 to %(max)s minutes.") % {
            "max": MAX_DURATION
        }


def _check_within_cohort(cohort: Cohort, starts_at, errors: dict) -> None:
    if starts_at is None:
        errors["starts_at"] = _("Give the date and time.")
        return
    day = timezone.localdate(starts_at)
    if not cohort.starts_on <= day <= cohort.ends_on:
        errors["starts_at"] = _(
            "The date is within the cohort's coaching, from %(start)s to %(end)s."
        ) % {
            "start": date_format(cohort.starts_on, "SHORT_DATE_FORMAT"),
            "end": date_format(cohort.ends_on, "SHORT_DATE_FORMAT"),
        }


# --- Individual sessions ---------------------------------------------------------------

SESSION_FIELDS = {
    "coach",
    "starts_at",
    "duration_minutes",
    "topics",
    "shared_notes",
    "private_notes",
    "next_steps",
}


def _clean_session(enrolment: Enrolment, fields: dict, participants) -> dict:
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise ValueError(f"not a session field: {unknown}")
    errors: dict = {}
    if not str(fields.get("topics", "")).strip():
        errors["topics"] = _("Say what the session was about.")
    _check_duration(fields.get("duration_minutes"), errors)
    _check_within_cohort(enrolment.cohort, fields.get("starts_at"), errors)
    coach = fields.get("coach")
    if (
        coach is not None
        and not CoachAssignment.objects.filter(
            coach=coach, organisation_id=enrolment.organisation_id
        ).exists()
    ):
        errors["coach"] = _("The coach is one of the enterprise's coaches.")
    participants = list(participants or [])
    if participants:
        member_ids = set(
            Membership.objects.filter(
                organisation_id=enrolment.organisation_id, user__in=participants
            ).values_list("user_id", flat=True)
        )
        if any(user.pk not in member_ids for user in participants):
            errors["participants"] = _("Participants are members of the enterprise.")
    if errors:
        raise ValidationError(errors)
    cleaned = dict(fields)
    for name in ("topics", "shared_notes", "private_notes", "next_steps"):
        if name in cleaned:
            cleaned[name] = str(cleaned[name]).strip()
    return cleaned


@transaction.atomic
def session_create(
    *,
    enrolment: Enrolment,
    coach,
    starts_at: datetime.datetime,
    duration_minutes: int,
    topics: str,
    shared_notes: str = "",
    private_notes: str = "",
    next_steps: str = "",
    participants=(),
) -> CoachingSession:
    """A session with the enterprise: logged after it took place, or planned (in the
    future: its participants get a reminder before it)."""
    fields = _clean_session(
        enrolment,
        {
            "coach": coach,
            "starts_at": starts_at,
            "duration_minutes": duration_minutes,
            "topics": topics,
            "shared_notes": shared_notes,
            "private_notes": private_notes,
            "next_steps": next_steps,
        },
        participants,
    )
    session = CoachingSession.objects.create(enrolment=enrolment, **fields)
    if participants:
        session.participants.set(participants)
    return session


@transaction.atomic
def session_update(*, session: CoachingSession, participants=None, **fields) -> CoachingSession:
    """Change a session's fields (`participants` replaces them when given)."""
    merged = {name: getattr(session, name) for name in SESSION_FIELDS if name != "coach"}
    merged["coach"] = session.coach
    merged.update(fields)
    current = list(session.participants.all()) if participants is None else participants
    cleaned = _clean_session(session.enrolment, merged, current)
    for name, value in cleaned.items():
        setattr(session, name, value)
    session.save()
    if participants is not None:
        session.participants.set(participants)
    return session


def session_step_action(*, session: CoachingSession, index: int, by) -> tuple[Action, bool]:
    """Turn the session's next step number `index` into an action of the enterprise's plan.
    Once per step: asked again (a second click, two tabs), the action made the first time
    is returned, with False."""
    steps = session.next_step_list
    if not 0 <= index < len(steps):
        raise ValidationError(_("This next step is no longer in the session."), code="gone")
    plan = Plan.objects.filter(enrolment_id=session.enrolment_id).first()
    if plan is None:
        raise ValidationError(
            _(
                "The enterprise has no transformation plan yet: create its plan first, then "
                "turn this next step into an action."
            ),
            code="no_plan",
        )
    title = steps[index][: Action._meta.get_field("title").max_length]
    with transaction.atomic():
        # The session's row serialises two clicks at once: the second finds the first's.
        CoachingSession.objects.select_for_update().filter(pk=session.pk).first()
        existing = Action.objects.filter(plan=plan, from_session=session, title=title).first()
        if existing is not None:
            return existing, False
        action = core_services.action_create(
            plan=plan,
            by=by,
            title=title,
            description=_("Next step of the session of %(date)s: %(topics)s")
            % {
                "date": date_format(timezone.localtime(session.starts_at), "SHORT_DATE_FORMAT"),
                "topics": session.topics,
            },
            from_session=session,
        )
    return action, True


# --- Intervisions ----------------------------------------------------------------------

INTERVISION_FIELDS = {"title", "description", "starts_at", "duration_minutes", "location"}


def _clean_intervision(cohort: Cohort, fields: dict) -> dict:
    unknown = set(fields) - INTERVISION_FIELDS
    if unknown:
        raise ValueError(f"not an intervision field: {unknown}")
    errors: dict = {}
    if not str(fields.get("title", "")).strip():
        errors["title"] = _("Give the intervision a title.")
    _check_duration(fields.get("duration_minutes"), errors)
    _check_within_cohort(cohort, fields.get("starts_at"), errors)
    if errors:
        raise ValidationError(errors)
    cleaned = dict(fields)
    for name in ("title", "description", "location"):
        if name in cleaned:
            cleaned[name] = str(cleaned[name]).strip()
    return cleaned


def intervision_create(
    *,
    cohort: Cohort,
    organised_by,
    title: str,
    starts_at: datetime.datetime,
    duration_minutes: int = 180,
    description: str = "",
    location: str = "",
) -> Intervision:
    fields = _clean_intervision(
        cohort,
        {
            "title": title,
            "starts_at": starts_at,
            "duration_minutes": duration_minutes,
            "description": description,
            "location": location,
        },
    )
    return Intervision.objects.create(cohort=cohort, organised_by=organised_by, **fields)


def intervision_update(*, intervision: Intervision, **fields) -> Intervision:
    merged = {name: getattr(intervision, name) for name in INTERVISION_FIELDS}
    merged.update(fields)
    cleaned = _clean_intervision(intervision.cohort, merged)
    for name, value in cleaned.items():
        setattr(intervision, name, value)
    intervision.save()
    return intervision


def has_started(intervision: Intervision, now=None) -> bool:
    return intervision.starts_at <= (now or timezone.now())


def cohort_members(cohort: Cohort):
    """The memberships of the people of the cohort's enterprises, with their enrolment's id
    (`enrolment_id`): those an intervision may invite, in one query."""
    from django.db.models import OuterRef, Subquery

    enrolment = Enrolment.objects.filter(
        cohort=cohort, organisation_id=OuterRef("organisation_id")
    ).values("pk")[:1]
    return (
        Membership.objects.filter(organisation__enrolments__cohort=cohort)
        .annotate(enrolment_id=Subquery(enrolment))
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name", "user__first_name", "user__email")
    )


@transaction.atomic
def intervision_invite(
    *, intervision: Intervision, by, users=None, organisations=None
) -> list[IntervisionInvitation]:
    """Invite people of the cohort's enterprises: every member of `organisations` (whole
    teams) and the chosen `users`, or, given neither, every member of every enrolled
    enterprise. Those already invited are left as they are: each invitee gets one
    invitation e-mail, once. Returns the new invitations."""
    if has_started(intervision):
        raise ValidationError(
            _("The intervision has started: nobody can be invited any more."), code="started"
        )
    # Two organisers inviting at once: the second waits here, then sees the first's
    # invitations as already made (nobody gets two e-mails).
    Intervision.objects.select_for_update().filter(pk=intervision.pk).first()
    memberships = list(cohort_members(intervision.cohort))
    if users is None and organisations is None:
        chosen = memberships
    else:
        team_ids = {organisation.pk for organisation in organisations or ()}
        wanted = {user.pk for user in users or ()}
        if wanted - {m.user_id for m in memberships}:
            raise ValidationError(
                {"users": _("Only people of the cohort's enterprises can be invited.")},
                code="stranger",
            )
        chosen = [m for m in memberships if m.organisation_id in team_ids or m.user_id in wanted]
    if not chosen:
        raise ValidationError(_("Choose at least one person to invite."), code="empty")
    already = set(intervision.invitations.values_list("user_id", flat=True))
    rows, seen = [], set(already)
    for membership in chosen:
        if membership.user_id in seen:
            continue  # already invited, or a member of two of the cohort's enterprises
        seen.add(membership.user_id)
        rows.append(
            IntervisionInvitation(
                intervision=intervision,
                user=membership.user,
                enrolment_id=membership.enrolment_id,
            )
        )
    new = IntervisionInvitation.objects.bulk_create(rows)
    context = _intervision_mail_context(intervision)
    for invitation in new:
        send_templated_mail(
            template="email/coaching/intervision_invitation",
            to=[invitation.user.email],
            context=context,
            language=get_language(),
        )
    return new


def _intervision_mail_context(intervision: Intervision) -> dict:
    return {
        "title": intervision.title,
        "cohort_name": intervision.cohort.name,
        "starts_at": timezone.localtime(intervision.starts_at),
        "duration_minutes": intervision.duration_minutes,
        "location": intervision.location,
        "description": intervision.description,
        "summary": intervision.summary,
        "path": reverse("coaching:intervision_detail", kwargs={"pk": intervision.pk}),
    }


@transaction.atomic
def intervision_record_attendance(*, intervision: Intervision, attendance: dict[int, str]) -> int:
    """Record who came: invitation id → present, absent or excused. Only once the
    intervision has started; every id must be one of its invitations. All or nothing."""
    if not has_started(intervision):
        raise ValidationError(
            _("Attendance is recorded once the intervision has started."), code="not_started"
        )
    if not attendance:
        raise ValidationError(_("Nobody is invited to this intervision yet."), code="empty")
    if any(value not in RECORDED for value in attendance.values()):
        raise ValidationError(
            _("Choose present, absent or excused for each person."), code="invalid"
        )
    invitations = {
        invitation.pk: invitation
        for invitation in intervision.invitations.filter(pk__in=list(attendance))
    }
    if len(invitations) != len(attendance):
        raise ValidationError(
            _("Attendance is recorded for the people invited to this intervision only."),
            code="not_invited",
        )
    changed = []
    for pk, value in attendance.items():
        if invitations[pk].attendance != value:
            invitations[pk].attendance = value
            changed.append(invitations[pk])
    IntervisionInvitation.objects.bulk_update(changed, ["attendance"])
    return len(changed)


def intervision_share_summary(*, intervision: Intervision, summary: str) -> bool:
    """Save the summary shared with the cohort after the intervision. The first time it is
    shared, every invitee is e-mailed (once: a second save, or two organisers at once, send
    nothing more). Returns whether the e-mails went out."""
    summary = summary.strip()
    if not has_started(intervision):
        raise ValidationError(
            {"summary": _("The summary is shared after the intervision has started.")},
            code="not_started",
        )
    if not summary:
        raise ValidationError({"summary": _("Write the summary to share.")}, code="required")
    if len(summary) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            {
                "summary": _("A summary has at most %(max)s characters.")
                % {"max": SUMMARY_MAX_LENGTH}
            }
        )
    now = timezone.now()
    with transaction.atomic():
        first = Intervision.objects.filter(
            pk=intervision.pk, summary_shared_at__isnull=True
        ).update(summary=summary, summary_shared_at=now)
        if not first:
            Intervision.objects.filter(pk=intervision.pk).update(summary=summary)
        intervision.refresh_from_db(fields=["summary", "summary_shared_at"])
        if first:
            context = _intervision_mail_context(intervision)
            emails = intervision.invitations.values_list("user__email", flat=True)
            for email in emails:
                send_templated_mail(
                    template="email/coaching/intervision_summary",
                    to=[email],
                    context=context,
                    language=get_language(),
                )
    return bool(first)


# --- Questions before an intervision ---------------------------------------------------


def question_themes() -> dict[str, str]:
    """The themes a question may have: the diagnostic's dimensions (code → title)."""
    return dimension_titles()


def question_ask(
    *, intervision: Intervision, asked_by, text: str, theme: str = "", anonymous: bool = False
) -> IntervisionQuestion:
    """A participant's question for the intervision, before it starts. Anonymous: no
    author is stored at all (nobody can later tell who asked, the asker included)."""
    text = text.strip()
    errors: dict = {}
    if has_started(intervision):
        raise ValidationError(
            _("The intervision has started: questions are asked before it."), code="started"
        )
    if not Membership.objects.filter(
        user=asked_by, organisation__enrolments__cohort_id=intervision.cohort_id
    ).exists():
        raise ValidationError(
            _("Questions are asked by the people of the cohort's enterprises."),
            code="not_participant",
        )
    if not text:
        errors["text"] = _("Write your question.")
    elif len(text) > QUESTION_MAX_LENGTH:
        errors["text"] = _("A question has at most %(max)s characters.") % {
            "max": QUESTION_MAX_LENGTH
        }
    if theme and theme not in question_themes():
        errors["theme"] = _("Choose a theme from the list.")
    if errors:
        raise ValidationError(errors)
    return IntervisionQuestion.objects.create(
        intervision=intervision,
        text=text,
        theme=theme,
        author=None if anonymous else asked_by,
    )


def question_take_up(*, question: IntervisionQuestion, taken_up: bool) -> IntervisionQuestion:
    """Mark a question taken up at the intervision (or not any more)."""
    question.taken_up_at = (question.taken_up_at or timezone.now()) if taken_up else None
    IntervisionQuestion.objects.filter(pk=question.pk).update(taken_up_at=question.taken_up_at)
    return question
