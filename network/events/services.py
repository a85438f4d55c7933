"""Writes of the network's events: the events staff publish, their registration questions,
registrations (seats, the waiting list, confirmation by e-mail), attendance, messages to
attendees, attendance certificates and the day-before reminders.

A seat is taken or freed only under the event's row lock (select_for_update): two
registrations for the last seat wait for each other, and the second finds it taken.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _

from digitalees.mail import send_templated_mail

from ..models import (
    AttendanceStatus,
    Event,
    EventMessage,
    EventQuestion,
    Organisation,
    Registration,
    RegistrationAnswer,
    RegistrationStatus,
)
from . import calendar

# Signed links in the e-mails: one salt per purpose, so that a confirmation link cannot be
# used to cancel and the other way round.
CONFIRM_SALT = "network.events.registration.confirm"
CANCEL_SALT = "network.events.registration.cancel"
CERTIFICATE_SALT = "network.events.certificate"
# A visitor confirms within this; afterwards they register again.
CONFIRM_MAX_AGE = timedelta(days=7)
# The reminder goes to those registered for events that start within this.
REMIND_AHEAD = timedelta(hours=24)

MAIL = "email/network/events_"


# --- Signed links ------------------------------------------------------------------------


def registration_token(registration: Registration, *, salt: str) -> str:
    """A signed token that carries the registration and the address it was made for."""
    return signing.dumps({"r": registration.pk, "e": registration.email.lower()}, salt=salt)


def registration_from_token(token: str, *, salt: str, max_age=None) -> Registration | None:
    """The registration a token was signed for, if the token is intact, not expired and the
    registration still has that address; None otherwise (the page says so)."""
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:  # also SignatureExpired
        return None
    if not isinstance(data, dict):
        return None
    pk = data.get("r")
    if not isinstance(pk, int):
        return None
    registration = Registration.objects.select_related("event").filter(pk=pk).first()
    if registration is None or registration.email.lower() != data.get("e"):
        return None
    return registration


def confirm_url(registration: Registration) -> str:
    token = registration_token(registration, salt=CONFIRM_SALT)
    return reverse("network:registration_confirm", kwargs={"token": token})


def cancel_url(registration: Registration) -> str:
    token = registration_token(registration, salt=CANCEL_SALT)
    return reverse("network:registration_cancel", kwargs={"token": token})


def certificate_url(certificate) -> str:
    token = signing.dumps({"c": certificate.pk}, salt=CERTIFICATE_SALT)
    return reverse("network:certificate_download", kwargs={"token": token})


def certificate_pk_from_token(token: str) -> int | None:
    try:
        data = signing.loads(token, salt=CERTIFICATE_SALT)
    except signing.BadSignature:
        return None
    return data.get("c") if isinstance(data, dict) else None


# --- Events ------------------------------------------------------------------------------


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:200] or "evenement"
    slug, n = base, 1
    taken = Event.objects.exclude(pk=exclude_pk) if exclude_pk else Event.objects.all()
    while taken.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def event_check(event: Event) -> None:
    """What the database cannot say in the user's words."""
    errors = {}
    if event.starts_at and event.ends_at and event.ends_at <= event.starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if (
        event.registration_closes_at
        and event.starts_at
        and event.registration_closes_at > event.starts_at
    ):
        errors["registration_closes_at"] = _("Registration must close before the event starts.")
    if not (event.venue or event.address or event.online_url):
        errors["venue"] = _("Give a place, an address or an online link.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_save(*, event: Event, topics=None, by=None) -> Event:
    """Create or update an event (its fields set by the staff form), with its themes."""
    event_check(event)
    creating = event.pk is None
    if creating and not event.slug:
        event.slug = _unique_slug(event.title_fr)
        event.created_by = by
    event.save()
    if topics is not None:
        event.topics.set(topics)
    if not creating:
        # More seats, or none limit any longer: the waiting list moves up.
        locked = Event.objects.select_for_update().get(pk=event.pk)
        _promote_waiting(locked)
    return event


def event_cancel(*, event: Event, by=None) -> Event:
    """Cancel an event and tell everyone registered (confirmed, waiting or not yet
    confirmed); registration closes."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.cancelled_at is not None:
            raise ValidationError(_("This event is already cancelled."), code="cancelled")
        locked.cancelled_at = timezone.now()
        locked.save(update_fields=["cancelled_at"])
        for registration in locked.registrations.active().order_by("pk"):
            # Only those who hold a seat have the invitation in their calendar.
            held = registration.status == RegistrationStatus.CONFIRMED
            _mail(registration, "event_cancelled", ics_method="CANCEL" if held else None)
    return locked


def registration_is_open(event: Event, *, now=None) -> bool:
    now = now or timezone.now()
    closes = event.registration_closes_at or event.starts_at
    return event.is_published and event.cancelled_at is None and now < min(closes, event.starts_at)


def _check_open(event: Event) -> None:
    if event.cancelled_at is not None:
        raise ValidationError(_("This event is cancelled: registration is closed."), code="closed")
    if not registration_is_open(event):
        raise ValidationError(_("Registration for this event is closed."), code="closed")


def seats_taken(event: Event) -> int:
    return event.registrations.holding_seat().count()


def _seat_free(event: Event) -> bool:
    return event.capacity is None or seats_taken(event) < event.capacity


# --- Questions ---------------------------------------------------------------------------


def question_options(question: EventQuestion, language: str | None = None) -> list[str]:
    """A choice question's options in the reader's language ("French | English" lines)."""
    language = (language or translation.get_language() or "fr")[:2]
    options = []
    for line in question.options.splitlines():
        if not line.strip():
            continue
        french, _sep, english = line.partition("|")
        options.append((english.strip() or french.strip()) if language == "en" else french.strip())
    return options


@transaction.atomic
def question_save(*, question: EventQuestion) -> EventQuestion:
    if question.kind == EventQuestion.Kind.CHOICE and not question_options(question, "fr"):
        raise ValidationError({"options": _("A question with choices needs at least one option.")})
    if question.pk is None and not question.position:
        last = question.event.questions.order_by("-position").first()
        question.position = (last.position + 1) if last else 1
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: EventQuestion) -> None:
    """Remove a question, with the answers already given to it."""
    question.delete()


def answers_check(event: Event, answers: dict[int, str]) -> dict[int, str]:
    """The answers to the event's questions, required ones enforced, choices checked."""
    errors, clean = {}, {}
    for question in event.questions.all():
        value = (answers.get(question.pk) or "").strip()
        if question.kind == EventQuestion.Kind.CHECKBOX:
            value = "yes" if value in ("yes", "on", "true", "1", "True") else ""
        if question.required and not value:
            errors[f"question_{question.pk}"] = _("This question needs an answer.")
            continue
        if value and question.kind == EventQuestion.Kind.CHOICE:
            allowed = question_options(question, "fr") + question_options(question, "en")
            if value not in allowed:
                errors[f"question_{question.pk}"] = _("Choose one of the options.")
                continue
        clean[question.pk] = value[:5000]
    if errors:
        raise ValidationError(errors)
    return clean


# --- Registrations -----------------------------------------------------------------------


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def registration_create(
    *,
    event: Event,
    email: str,
    first_name: str,
    last_name: str,
    user=None,
    organisation: Organisation | None = None,
    organisation_name: str = "",
    language: str | None = None,
    answers: dict[int, str] | None = None,
) -> Registration:
    """Register someone for an event. A member (user given) is confirmed at once if a seat
    is free, else put on the waiting list; a visitor is unconfirmed until they follow the
    link e-mailed to them. The same address twice on one event is refused."""
    email = email.strip()
    language = (language or translation.get_language() or settings.LANGUAGE_CODE)[:2]
    duplicate = ValidationError(
        {"email": _("This address is already registered for this event.")}, code="duplicate"
    )
    with transaction.atomic():
        locked = _lock(event)
        _check_open(locked)
        clean = answers_check(locked, answers or {})
        if locked.registrations.active().filter(email__iexact=email).exists():
            raise duplicate
        now = timezone.now()
        registration = Registration(
            event=locked,
            user=user,
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            organisation=organisation,
            organisation_name=organisation.name if organisation else organisation_name.strip(),
            language=language,
            created_at=now,
        )
        if user is None:
            registration.status = RegistrationStatus.UNCONFIRMED
        else:
            _take_seat_or_wait(locked, registration, now=now)
        try:
            with transaction.atomic():
                registration.save()
        except IntegrityError:
            # Registered by another request meanwhile (registration_one_active_per_email).
            raise duplicate from None
        RegistrationAnswer.objects.bulk_create(
            RegistrationAnswer(registration=registration, question_id=pk, value=value)
            for pk, value in clean.items()
        )
        _mail_status(registration)
    return registration


def _take_seat_or_wait(event: Event, registration: Registration, *, now) -> None:
    """Under the event's lock: a seat if one is free, else the end of the waiting list."""
    registration.confirmed_at = now
    if _seat_free(event):
        registration.status = RegistrationStatus.CONFIRMED
    else:
        registration.status = RegistrationStatus.WAITING
        registration.waiting_since = now


def _mail_status(registration: Registration, *, promoted: bool = False) -> None:
    if registration.status == RegistrationStatus.UNCONFIRMED:
        _mail(registration, "registration_confirm", confirm_path=confirm_url(registration))
    elif registration.status == RegistrationStatus.CONFIRMED:
        _mail(registration, "registration_confirmed", promoted=promoted, ics_method="REQUEST")
    elif registration.status == RegistrationStatus.WAITING:
        _mail(registration, "registration_waiting")


def registration_confirm(*, registration: Registration) -> Registration:
    """A visitor followed the link: a seat if one is free, else the waiting list. Following
    it again changes nothing."""
    with transaction.atomic():
        locked = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("This registration was cancelled."), code="cancelled")
        if registration.status != RegistrationStatus.UNCONFIRMED:
            return registration
        if locked.cancelled_at is not None:
            raise ValidationError(
                _("This event is cancelled: registration is closed."), code="closed"
            )
        if locked.starts_at <= timezone.now():
            raise ValidationError(_("Registration for this event is closed."), code="closed")
        _take_seat_or_wait(locked, registration, now=timezone.now())
        registration.save(update_fields=["status", "confirmed_at", "waiting_since"])
        _mail_status(registration)
    return registration


def registration_cancel(*, registration: Registration, by_staff: bool = False) -> Registration:
    """Cancel a registration: its seat goes to the first on the waiting list, who is told,
    in the same transaction."""
    with transaction.atomic():
        locked = _lock(registration.event)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.status == RegistrationStatus.CANCELLED:
            raise ValidationError(_("This registration is already cancelled."), code="cancelled")
        held_seat = registration.status == RegistrationStatus.CONFIRMED
        registration.status = RegistrationStatus.CANCELLED
        registration.cancelled_at = timezone.now()
        registration.save(update_fields=["status", "cancelled_at"])
        _mail(
            registration,
            "registration_cancelled",
            by_staff=by_staff,
            ics_method="CANCEL" if held_seat else None,
        )
        if held_seat and locked.cancelled_at is None:
            _promote_waiting(locked)
    return registration


def _promote_waiting(event: Event) -> list[Registration]:
    """Under the event's lock: the waiting list's first people take the seats now free,
    each told by e-mail."""
    if event.cancelled_at is not None or event.starts_at <= timezone.now():
        return []
    promoted = []
    free = None if event.capacity is None else event.capacity - seats_taken(event)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITING).order_by(
        "waiting_since", "pk"
    )
    if free is not None:
        if free <= 0:
            return []
        waiting = waiting[:free]
    for registration in waiting.select_for_update():
        registration.status = RegistrationStatus.CONFIRMED
        registration.waiting_since = None
        registration.save(update_fields=["status", "waiting_since"])
        _mail_status(registration, promoted=True)
        promoted.append(registration)
    return promoted


# --- Attendance and messages -------------------------------------------------------------


@transaction.atomic
def attendance_record(*, event: Event, attendance: dict[int, str]) -> int:
    """Record present / absent / excused (or not recorded) for the event's confirmed
    registrations; returns how many changed."""
    allowed = set(AttendanceStatus.values)
    if any(value not in allowed for value in attendance.values()):
        raise ValidationError(_("Choose present, absent or excused."), code="invalid")
    if event.starts_at > timezone.now():
        raise ValidationError(
            _("Attendance is recorded once the event has started."), code="too_early"
        )
    changed = 0
    registrations = event.registrations.holding_seat().filter(pk__in=attendance)
    for registration in registrations.select_for_update():
        value = attendance[registration.pk]
        if registration.attendance != value:
            registration.attendance = value
            registration.save(update_fields=["attendance"])
            changed += 1
    return changed


def message_recipients(event: Event, audience: str):
    if audience == EventMessage.Audience.PRESENT:
        return event.registrations.holding_seat().filter(attendance=AttendanceStatus.PRESENT)
    return event.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITING]
    )


@transaction.atomic
def event_message_send(
    *, event: Event, audience: str, subject: str, body: str, by=None
) -> EventMessage:
    """E-mail those present (a feedback survey) or everyone registered, one message each."""
    if audience not in EventMessage.Audience.values:
        raise ValidationError({"audience": _("Choose whom to write to.")})
    recipients = list(message_recipients(event, audience).order_by("pk"))
    if not recipients:
        raise ValidationError(
            _("Nobody would receive this message: record attendance first."),
            code="no_recipients",
        )
    message = EventMessage.objects.create(
        event=event,
        audience=audience,
        subject=subject.strip(),
        body=body.strip(),
        recipients=len(recipients),
        sent_by=by,
    )
    for registration in recipients:
        _mail(registration, "message", message=message)
    return message


# --- Reminders ---------------------------------------------------------------------------


def reminders_due(*, now=None):
    now = now or timezone.now()
    return Registration.objects.filter(
        Q(status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True),
        event__is_published=True,
        event__cancelled_at__isnull=True,
        event__starts_at__gt=now,
        event__starts_at__lte=now + REMIND_AHEAD,
    )


def reminders_send(*, now=None, limit: int = 500) -> int:
    """E-mail the reminder to each confirmed registration of events starting within a day,
    once: each claimed by a conditional update on reminded_at, in the transaction that
    queues its e-mail. Safe to run twice, at once too."""
    now = now or timezone.now()
    sent = 0
    for pk in list(reminders_due(now=now).values_list("pk", flat=True)[:limit]):
        with transaction.atomic():
            claimed = Registration.objects.filter(
                pk=pk, status=RegistrationStatus.CONFIRMED, reminded_at__isnull=True
            ).update(reminded_at=now)
            if not claimed:
                continue
            registration = Registration.objects.select_related("event").get(pk=pk)
            _mail(registration, "reminder", ics_method="REQUEST")
            sent += 1
    return sent


# --- E-mails -----------------------------------------------------------------------------


def _mail(registration: Registration, name: str, *, ics_method: str | None = None, **extra):
    event = registration.event
    with translation.override(registration.language):
        context = {
            "registration": registration,
            "event": event,
            "event_title": event.title,
            "event_path": event.get_absolute_url(),
            "cancel_path": cancel_url(registration),
            "online_url": event.online_url
            if registration.status == RegistrationStatus.CONFIRMED
            else "",
            **extra,
        }
        attachments = None
        if ics_method:
            attachments = [
                (
                    "invitation.ics",
                    calendar.registration_ics(registration, method=ics_method),
                    f"text/calendar; method={ics_method}; charset=utf-8",
                )
            ]
        send_templated_mail(
            template=f"{MAIL}{name}",
            to=[registration.email],
            context=context,
            language=registration.language,
            attachments=attachments,
        )
