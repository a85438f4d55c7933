"""Reminder e-mails: actions due soon or overdue, sessions and intervisions coming, the
coaches' weekly digest; and whether a person wants them.

Each reminder is sent at most once per (kind, event, recipient). The ReminderSent row is
inserted, in a savepoint, in the transaction that queues the e-mail: the unique constraint
decides. A second run (the task run twice, two workers at once) finds the row there, or,
while the first run's transaction is still open, waits for it on the unique index and is
then refused: it sends nothing. The e-mail is written to the database with the row
(digitalees.mail), so a broker outage delays its delivery and loses nothing.

A recipient's reminders of one kind found in one run go in one e-mail (five actions due this
week: one message listing five), each with its own row.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial

from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from digitalees.mail import absolute_url, send_templated_mail
from digitalees.models import User

from ..models import ReminderPreference, ReminderSent
from . import selectors

Kind = ReminderSent.Kind

UNSUBSCRIBE_SALT = "coaching.reminders.unsubscribe"


# --- Opting out ------------------------------------------------------------------------


def unsubscribe_token(user: User) -> str:
    """The signed token of the link in every reminder that turns them off without logging
    in. It does not expire: a reminder read months later still stops the next ones."""
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)


def user_from_unsubscribe_token(token: str) -> User | None:
    """The active account a link names, or None when the link is not one of ours."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    pk = data.get("u") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        return None
    return User.objects.filter(pk=pk, is_active=True).first()


def reminder_preference_set(*, user: User, enabled: bool) -> ReminderPreference:
    """Turn the user's reminder e-mails on or off (other e-mail, invitations for example,
    is not concerned)."""
    preference, _created = ReminderPreference.objects.update_or_create(
        user=user, defaults={"reminders_enabled": enabled, "updated_at": timezone.now()}
    )
    return preference


def reminders_enabled(user: User) -> bool:
    """No row: reminders are wanted."""
    return not ReminderPreference.objects.filter(user=user, reminders_enabled=False).exists()


def unsubscribe_headers(user: User) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail programs offer an "unsubscribe" button that posts here."""
    url = absolute_url(
        reverse("coaching:reminders_unsubscribe", kwargs={"token": unsubscribe_token(user)})
    )
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


# --- Sending once ----------------------------------------------------------------------


def _claim(*, kind: str, event: str, recipient: User) -> bool:
    """Insert the reminder's row, or say that it was sent already. A savepoint: a refused
    insert leaves the surrounding transaction usable."""
    try:
        with transaction.atomic():
            ReminderSent.objects.create(kind=kind, event=event, recipient=recipient)
    except IntegrityError:
        return False
    return True


def _send(
    *,
    kind: str,
    recipient: User,
    items: list[tuple[str, object]],
    template: str,
    context: Callable[[list], dict],
) -> bool:
    """Claim each (event, item) for the recipient and queue one e-mail listing the items
    claimed, in one transaction: either both the rows and the e-mail are committed or
    neither (the next run tries again). Returns whether an e-mail was queued."""
    with transaction.atomic():
        claimed = [
            item for event, item in items if _claim(kind=kind, event=event, recipient=recipient)
        ]
        if not claimed:
            return False
        token = unsubscribe_token(recipient)
        send_templated_mail(
            template=template,
            to=[recipient.email],
            context={
                **context(claimed),
                "unsubscribe_path": reverse(
                    "coaching:reminders_unsubscribe", kwargs={"token": token}
                ),
                "settings_path": reverse("coaching:reminder_settings"),
            },
            headers=unsubscribe_headers(recipient),
        )
    return True


def _not_sent(kind: str, pending: Iterable[tuple[User, str, object]]) -> dict:
    """{recipient: [(event, item), …]} of the pending reminders whose row does not exist
    yet (one query), in the order given: the rows are claimed in that order by every run,
    so two runs at once never wait on each other in a cycle."""
    pending = list(pending)
    sent = set(
        ReminderSent.objects.filter(
            kind=kind, event__in={event for _user, event, _item in pending}
        ).values_list("event", "recipient_id")
    )
    by_recipient: dict[User, list] = defaultdict(list)
    users: dict[int, User] = {}
    for user, event, item in pending:
        if (event, user.pk) not in sent:
            user = users.setdefault(user.pk, user)
            by_recipient[user].append((event, item))
    return by_recipient


# --- Actions ---------------------------------------------------------------------------


def _action_line(action) -> dict:
    return {
        "title": action.title,
        "organisation": action.plan.organisation.name,
        "due_on": action.due_on,
        "status": action.get_status_display(),
        "url": absolute_url(action.get_absolute_url()),
    }


def action_reminders_send(*, today: datetime.date | None = None) -> int:
    """Owners of open actions due within 7 days, and of those overdue (from the day after
    their due date), are reminded once per due date: a postponed action is reminded again
    for its new date. Returns how many e-mails were queued."""
    today = today or timezone.localdate()
    queued = 0
    for kind, actions, overdue in (
        (Kind.ACTION_DUE_SOON, selectors.actions_due_soon(today), False),
        (Kind.ACTION_OVERDUE, selectors.actions_overdue(today), True),
    ):
        pending = (
            (action.owner, f"action:{action.pk}:{action.due_on.isoformat()}", action)
            for action in actions
        )

        def context(claimed: list, overdue: bool = overdue) -> dict:
            return {"overdue": overdue, "actions": [_action_line(a) for a in claimed]}

        for recipient, items in _not_sent(kind, pending).items():
            queued += _send(
                kind=kind,
                recipient=recipient,
                items=items,
                template="email/coaching/action_reminder",
                context=context,
            )
    return queued


# --- Sessions and intervisions ---------------------------------------------------------


def _event_time(starts_at: datetime.datetime) -> str:
    # The time is part of the event: a session moved to another day is reminded again.
    return starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%MZ")


def _session_context(claimed: list, *, recipient: User) -> dict:
    return {
        "sessions": [
            {
                "organisation": s.enrolment.organisation.name,
                # "with <coach>" for the enterprise's people, not for the coach.
                "coach": s.coach.display_name if s.coach and s.coach != recipient else "",
                "starts_at": s.starts_at,
                "duration_minutes": s.duration_minutes,
                "topics": s.topics,
                "url": absolute_url(reverse("coaching:session_detail", kwargs={"pk": s.pk})),
            }
            for s in claimed
        ]
    }


def session_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """The coach and the participants of each coaching session starting within 24 hours,
    and the invitees of each intervision (those not excused), once per session and time.
    Returns how many e-mails were queued."""
    now = now or timezone.now()
    queued = 0
    pending = (
        (user, f"session:{session.pk}:{_event_time(session.starts_at)}", session)
        for session, user in selectors.session_recipients(now)
    )
    for recipient, items in _not_sent(Kind.SESSION_SOON, pending).items():
        queued += _send(
            kind=Kind.SESSION_SOON,
            recipient=recipient,
            items=items,
            template="email/coaching/session_reminder",
            context=partial(_session_context, recipient=recipient),
        )
    pending = (
        (
            invitation.user,
            f"intervision:{invitation.intervision_id}:"
            f"{_event_time(invitation.intervision.starts_at)}",
            invitation.intervision,
        )
        for invitation in selectors.intervision_invitations_soon(now)
    )
    for recipient, items in _not_sent(Kind.INTERVISION_SOON, pending).items():
        queued += _send(
            kind=Kind.INTERVISION_SOON,
            recipient=recipient,
            items=items,
            template="email/coaching/intervision_reminder",
            context=lambda claimed: {
                "intervisions": [
                    {
                        "title": i.title,
                        "cohort": i.cohort.name,
                        "starts_at": i.starts_at,
                        "duration_minutes": i.duration_minutes,
                        "location": i.location,
                        "url": absolute_url(
                            reverse("coaching:intervision_detail", kwargs={"pk": i.pk})
                        ),
                    }
                    for i in claimed
                ]
            },
        )
    return queued


# --- The coaches' weekly digest --------------------------------------------------------


def digest_event(today: datetime.date) -> str:
    year, week, _weekday = today.isocalendar()
    return f"digest:{year}-W{week:02d}"


def coach_digests_send(*, today: datetime.date | None = None) -> int:
    """Each coach's weekly digest of their enterprises: actions overdue and due this week,
    sessions and intervisions of the coming seven days with the questions participants
    posted for them. Once per coach and ISO week; a coach with nothing to read gets
    nothing. Returns how many e-mails were queued."""
    today = today or timezone.localdate()
    event = digest_event(today)
    digests = selectors.coach_digests(today)
    pending = ((d.coach, event, d) for d in digests if not d.is_empty)
    queued = 0
    for recipient, items in _not_sent(Kind.WEEKLY_DIGEST, pending).items():
        queued += _send(
            kind=Kind.WEEKLY_DIGEST,
            recipient=recipient,
            items=items,
            template="email/coaching/weekly_digest",
            context=lambda claimed: {
                "digest": claimed[0],
                "week_start": today,
                "week_end": today + datetime.timedelta(days=6),
                "dashboard_url": absolute_url(reverse("coaching:coach_dashboard")),
            },
        )
    return queued
