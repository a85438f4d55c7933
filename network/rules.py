"""Who may see or change an organisation's private data: decided here, and only here.

Private data is visible to the organisation's members, the coaches assigned to it and agency
staff; it may be changed (profile, members, invitations) by its admins and agency staff.
Other apps build their object rules on these two questions (an assessment, a plan or an
application is visible to whoever may see its organisation, narrowed where the app says so).
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

    @cached_property
    def membership(self) -> Membership | None:
        if not self.user.is_authenticated:
            return None
        return Membership.objects.filter(user=self.user, organisation=self.organisation).first()

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
