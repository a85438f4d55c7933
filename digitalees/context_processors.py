from .roles import is_agency_staff, is_coach


def roles(request):
    """Role flags for the navigation; rules about data stay in network.rules."""
    user = getattr(request, "user", None)
    return {
        "user_is_coach": bool(user and is_coach(user)),
        "user_is_agency": bool(user and is_agency_staff(user)),
    }
