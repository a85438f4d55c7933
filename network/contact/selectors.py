"""Reads of the contact relay."""

from django.db.models import Count, Max, Q

from ..models import ContactThread, Membership


def threads_of(user):
    """The threads `user` started and those written to one of their organisations, most
    recently active first; a constant number of queries however many there are."""
    organisations = Membership.objects.filter(user=user).values("organisation")
    return (
        ContactThread.objects.filter(Q(sender=user) | Q(to_organisation__in=organisations))
        .select_related("sender", "from_organisation", "to_organisation")
        .annotate(message_count=Count("messages"), last_message_at=Max("messages__created_at"))
        .order_by("-last_message_at", "-pk")
    )


def writable_organisations(user, target):
    """The organisations `user` may write for: theirs, not the target."""
    return (
        Membership.objects.filter(user=user)
        .exclude(organisation=target)
        .select_related("organisation")
        .order_by("organisation__name")
    )
