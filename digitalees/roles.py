"""Platform-wide roles.

Coaches and agency staff are Django groups. EES members get their rights through a
`network.Membership`; what they may do with an organisation is decided in `network.rules`.
"""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

COACH_GROUP = "coach"
AGENCY_GROUP = "agency"
ROLE_GROUPS = (COACH_GROUP, AGENCY_GROUP)


def _group_names(user) -> frozenset[str]:
    # Cached on the user object: templates and rules ask several times per request.
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_role_group_names", None)
    if cached is None:
        cached = frozenset(user.groups.filter(name__in=ROLE_GROUPS).values_list("name", flat=True))
        user._role_group_names = cached
    return cached


def is_coach(user) -> bool:
    return COACH_GROUP in _group_names(user)


def is_agency_staff(user) -> bool:
    return AGENCY_GROUP in _group_names(user)


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def staff_needs_mfa(user) -> bool:
    """True when this agency staff member must turn on two-factor authentication first."""
    return settings.STAFF_REQUIRE_MFA and not has_mfa(user)


def agency_staff_required(view):
    """Agency staff only; others get 403. MFA is enforced by StaffMFAMiddleware."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_agency_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    # A marker on the view function, read by StaffMFAMiddleware; mypy knows no attributes
    # of functions.
    wrapper.agency_staff_only = True  # type: ignore[attr-defined]
    return wrapper
