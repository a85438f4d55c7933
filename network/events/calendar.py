"""iCalendar files (icalendar): the invitation attached to a registrant's e-mails
(METHOD:REQUEST, or CANCEL when their seat or the event is gone) and the public .ics of an
event. Times are in UTC; a UID stays the same for a registration, so that a calendar
updates the entry instead of adding another."""

from datetime import UTC

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, vCalAddress, vText
from icalendar import Event as CalendarEvent

from digitalees.mail import absolute_url

from ..models import Event, Registration, RegistrationStatus

PRODID = "-//DigitalEES//Network events//FR"
DOMAIN = "digitalees.be"


def _calendar(method: str | None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    if method:
        cal.add("method", method)
    return cal


def _location(event: Event) -> str:
    return ", ".join(part for part in (event.venue, event.address) if part)


def _entry(event: Event, *, uid: str, online_url: str = "") -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", uid)
    entry.add("dtstamp", timezone.now().astimezone(UTC))
    entry.add("dtstart", event.starts_at.astimezone(UTC))
    entry.add("dtend", event.ends_at.astimezone(UTC))
    entry.add("summary", event.title)
    description = event.description
    if online_url:
        description = f"{description}\n\n{online_url}"
    entry.add("description", description)
    location = _location(event) or online_url
    if location:
        entry.add("location", location)
    entry.add("url", online_url or absolute_url(event.get_absolute_url()))
    return entry


def registration_ics(registration: Registration, *, method: str = "REQUEST") -> bytes:
    """The invitation of one registrant: their online link included while they hold a
    seat; CANCEL withdraws it from their calendar."""
    event = registration.event
    cal = _calendar(method)
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    entry = _entry(
        event,
        uid=f"registration-{registration.pk}@{DOMAIN}",
        online_url=event.online_url if confirmed and method == "REQUEST" else "",
    )
    cancelled = method == "CANCEL"
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    # A later message about the same registration (a cancellation) must win over the first.
    entry.add("sequence", 1 if cancelled else 0)
    organizer = vCalAddress(f"mailto:{_from_address()}")
    organizer.params["cn"] = vText("DigitalEES")
    entry.add("organizer", organizer)
    attendee = vCalAddress(f"mailto:{registration.email}")
    attendee.params["cn"] = vText(registration.full_name)
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText("ACCEPTED")
    entry.add("attendee", attendee)
    cal.add_component(entry)
    return cal.to_ical()


def event_ics(event: Event) -> bytes:
    """The public calendar entry of an event: no online link (registrants get it)."""
    cal = _calendar("PUBLISH")
    entry = _entry(event, uid=f"event-{event.pk}@{DOMAIN}")
    entry.add("status", "CANCELLED" if event.cancelled_at else "CONFIRMED")
    cal.add_component(entry)
    return cal.to_ical()


def _from_address() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    if "<" in sender:
        sender = sender.split("<", 1)[1].rstrip(">")
    return sender.strip()
