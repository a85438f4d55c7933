"""A person's secret calendar address."""

from django.db import transaction
from django.utils import timezone

from digitalees.models import User

from ..models import CalendarFeed, new_feed_token


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """Give the user a calendar address, or a new one: the old address then answers 404
    (renew it when it was shared by mistake)."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"token": new_feed_token(), "created_at": timezone.now()}
    )
    return feed
