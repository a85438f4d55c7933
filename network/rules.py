"""Who may see or change an organisation's private data: decided here, and only here.

Private data is visible to the organisation's members, the coaches assigned to it and agency
staff (a superuser counts as agency staff; both only once their second factor is on, see
`digitalees.roles.is_agency_staff`); it may be changed (profile, members, invitations) by its
admins and agency staff. Other apps build their object rules on these questions (an
assessment, a plan or an application is visible to whoever may see its organisation, narrowed
where the app says so).
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from digitalees.models import User
from digitalees.roles import is_agency_staff

from .models import CoachAssignment, Membership, Organisation


@dataclass
class OrganisationAccess:
    """What one user may do with one organisation; computed once per request."""

    user: User | AnonymousUser
    organisation: Organisation

    @classmethod
    def of_member(cls, user, membership: Membership) -> "OrganisationAccess":
        """The access of `user` to the organisation of their `membership`, already read."""
        access = cls(user, membership.organisation)
        access.__dict__["membership"] = membership  # what the cached property would fetch
        return access

    @cached_property
    def membership(self) -> Membership | None:
        return membership_of(self.user, self.organisation)

    @cached_property
    def is_agency(self) -> bool:
        return is_agency_staff(self.user)

    @cached_property
    def is_assigned_coach(self) -> bool:
        if not self.user.is_authenticated:
            return False
        return CoachAssignment.objects.filter(
            coach=self.user, organisation=self.organisation
        ).exists()

    @property
    def is_member(self) -> bool:
        return self.membership is not None

    @property
    def is_admin(self) -> bool:
        return self.membership is not None and self.membership.is_admin

    @property
    def can_view(self) -> bool:
        return self.is_member or self.is_assigned_coach or self.is_agency

    @property
    def can_manage(self) -> bool:
        return self.is_admin or self.is_agency

    @property
    def can_assign_coaches(self) -> bool:
        return self.is_agency


def membership_of(user, organisation: Organisation) -> Membership | None:
    """The user's membership of the organisation, if they belong to it."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, organisation=organisation).first()


def is_member(user, organisation: Organisation) -> bool:
    return membership_of(user, organisation) is not None


def memberships_of(user):
    """The organisations the user belongs to, as their memberships (organisation joined):
    those for which they may act as a member (answer a diagnostic, attach results)."""
    if not getattr(user, "is_authenticated", False):
        return Membership.objects.none()
    return Membership.objects.filter(user=user).select_related("organisation")


def member_organisation(user, slug: str) -> Organisation:
    """The organisation of that slug if the user belongs to it; 404 otherwise (for someone
    else, acting for it does not exist)."""
    membership = memberships_of(user).filter(organisation__slug=slug).first()
    if membership is None:
        raise Http404
    return membership.organisation


def can_view_organisation(user, organisation: Organisation) -> bool:
    return OrganisationAccess(user, organisation).can_view


def check_organisation_access(user, organisation: Organisation, *, manage: bool = False):
    """Strangers get 404 (the organisation's private pages do not exist for them),
    those who may see but not change get 403. Returns the access for further questions."""
    access = OrganisationAccess(user, organisation)
    if not access.can_view:
        raise Http404
    if manage and not access.can_manage:
        raise PermissionDenied
    return access


def get_organisation_for(request, slug: str, *, manage: bool = False):
    """The organisation and the user's access to it: 404 for those who may not see it, 403
    for those who may see but not change it (with `manage`)."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation, check_organisation_access(request.user, organisation, manage=manage)
