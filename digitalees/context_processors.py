from .roles import can_open_admin, is_agency_staff, is_coach


def roles(request):
    """Role flags for the navigation; rules about data stay in network.rules. Each is asked
    (one query for both) only when a template reads it: fragments without the navigation
    (htmx answers) cost nothing."""
    user = getattr(request, "user", None)
    return {
        "user_is_coach": lambda: bool(user and is_coach(user)),
        "user_is_agency": lambda: bool(user and is_agency_staff(user)),
        "user_can_open_admin": lambda: bool(user and can_open_admin(user)),
    }
