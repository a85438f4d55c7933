from django.conf import settings

from .roles import can_open_admin, is_agency_staff, is_coach, is_reviewer


def roles(request):
    """Role flags for the navigation; rules about data stay in network.rules. Each is asked
    (one query for both) only when a template reads it: fragments without the navigation
    (htmx answers) cost nothing."""
    user = getattr(request, "user", None)
    return {
        "user_is_coach": lambda: bool(user and is_coach(user)),
        "user_is_agency": lambda: bool(user and is_agency_staff(user)),
        "user_can_open_admin": lambda: bool(user and can_open_admin(user)),
        "user_is_reviewer": lambda: bool(user and is_reviewer(user)),
        "user_in_organisation": lambda: bool(user and in_organisation(user)),
    }


def in_organisation(user) -> bool:
    """Whether `user` is a member of some organisation: read with the account by the
    authentication backend (digitalees.auth), asked here only for other users."""
    if not getattr(user, "is_authenticated", False):
        return False
    known = getattr(user, "in_organisation", None)
    if known is None:
        known = user.memberships.exists()
        user.in_organisation = known
    return bool(known)


def contact(request):
    """The address that pages saying "write to us" give (the contact page has the rest)."""
    return {"contact_email": settings.CONTACT_EMAIL}
