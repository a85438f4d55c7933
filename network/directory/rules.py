"""Who is offered what on a public profile (network.rules decides organisations' rights)."""

from network.models import Membership, Organisation


def may_offer_contact(user, organisation: Organisation) -> bool:
    """A member of another organisation may write to one that accepts messages (the
    contact part relays it; its own rules decide the sending)."""
    if not organisation.accepts_contact or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user).exclude(organisation=organisation).exists()
