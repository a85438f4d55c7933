"""Platform-wide roles.

Coaches, agency staff and grant reviewers are Django groups. EES members get their rights through a
`network.Membership`; what they may do with an organisation is decided in `network.rules`.

Agency rights count only once the second factor is on (with `STAFF_REQUIRE_MFA`): every
right of the agency is asked through `is_agency_staff`, which says no until then. A superuser
sees what agency staff see, under the same condition.
"""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

COACH_GROUP = "coach"
AGENCY_GROUP = "agency"
# Outside experts who review the grant applications assigned to them, and nothing else.
REVIEWER_GROUP = "reviewer"
ROLE_GROUPS = (COACH_GROUP, AGENCY_GROUP, REVIEWER_GROUP)


def remember_role_groups(user, names: str | None) -> None:
    """Keep the account's role groups, read with the account ("coach,agency" or None), so
    that the questions below ask the database nothing more."""
    user._role_group_names = frozenset(names.split(",")) if names else frozenset()


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


def is_reviewer(user) -> bool:
    """In the reviewer group: sees the grant applications assigned to them (grants.rules)."""
    return REVIEWER_GROUP in _group_names(user)


def is_agency_member(user) -> bool:
    """In the agency group, or a superuser, whether or not the second factor is on.

    For prompts only (the dashboard's "turn on two-factor authentication" notice, the
    redirect to set it up): never a right. Rights ask `is_agency_staff`."""
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or AGENCY_GROUP in _group_names(user)


def has_mfa(user) -> bool:
    """TOTP is on for this account (cached on the user object, like its groups)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_has_totp", None)
    if cached is None:
        from allauth.mfa.models import Authenticator

        cached = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        user._has_totp = cached
    return cached


def staff_needs_mfa(user) -> bool:
    """True when this account must turn on two-factor authentication before staff rights."""
    return settings.STAFF_REQUIRE_MFA and not has_mfa(user)


def is_agency_staff(user) -> bool:
    """The agency's rights: agency group or superuser, and the second factor on when
    `STAFF_REQUIRE_MFA` says so."""
    return is_agency_member(user) and not staff_needs_mfa(user)


def can_open_admin(user) -> bool:
    """Django's admin lets in active staff accounts (it asks for TOTP first, see
    StaffMFAMiddleware)."""
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_staff)


def agency_staff_required(view):
    """Agency staff only. Others get 403; agency members who have not turned on TOTP yet are
    sent to set it up (the right itself is refused by `is_agency_staff`)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not is_agency_staff(user):
            if is_agency_member(user) and staff_needs_mfa(user):
                messages.warning(
                    request,
                    _("Turn on two-factor authentication before you reach the agency's pages."),
                )
                return redirect("mfa_activate_totp")
            raise PermissionDenied
        return view(request, *args, **kwargs)

    # A marker on the view function, read by StaffMFAMiddleware; mypy knows no attributes
    # of functions.
    wrapper.agency_staff_only = True  # type: ignore[attr-defined]
    return wrapper
