"""Reads of the newsletter: what a month's digest holds, and who is still to receive it."""

import datetime
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from ..models import Event, Experience, Subscriber

# A digest stays an e-mail, not a catalogue: the rest is one link away.
DIGEST_EXPERIENCES = 12
DIGEST_EVENTS = 8


@dataclass(frozen=True)
class Digest:
    month: datetime.date
    experiences: list[Experience]
    experience_count: int
    events: list[Event]

    @property
    def is_empty(self) -> bool:
        return not self.experiences and not self.events

    @property
    def more_experiences(self) -> int:
        return self.experience_count - len(self.experiences)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The month's first instant and the next month's, in the site's time zone."""
    start = month.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    tz = timezone.get_current_timezone()
    return (
        datetime.datetime.combine(start, datetime.time.min, tzinfo=tz),
        datetime.datetime.combine(following, datetime.time.min, tzinfo=tz),
    )


def digest_contents(month: datetime.date, *, now: datetime.datetime | None = None) -> Digest:
    """The experiences published in `month` (its first day) and the published events still
    to come (from `now`), three queries whatever their number."""
    start, end = month_bounds(month)
    published = Experience.objects.published().filter(published_at__gte=start, published_at__lt=end)
    experiences = list(
        published.select_related("organisation").order_by("published_at", "pk")[:DIGEST_EXPERIENCES]
    )
    count = len(experiences)
    if count == DIGEST_EXPERIENCES:
        count = published.count()
    events = list(
        Event.objects.published()
        .filter(cancelled_at__isnull=True, starts_at__gte=now or timezone.now())
        .order_by("starts_at", "pk")[:DIGEST_EVENTS]
    )
    return Digest(month=month, experiences=experiences, experience_count=count, events=events)


def digest_recipients(month: datetime.date):
    """Receiving subscribers who have not had `month`'s digest, in a stable order."""
    return (
        Subscriber.objects.receiving()
        .filter(Q(digest_month__isnull=True) | Q(digest_month__lt=month))
        .order_by("pk")
    )
