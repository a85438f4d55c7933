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

from .models import CoachAssignment, Experience, Invitation, Membership, Organisation


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

    @property
    def can_leave(self) -> bool:
        """Every member may leave (the last admin is refused by the service)."""
        return self.is_member

    def can_remove(self, membership: Membership) -> bool:
        """Those who manage the organisation remove members; anyone may remove themselves."""
        own = self.membership is not None and self.membership.pk == membership.pk
        return self.can_manage or own


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


def get_membership_for(request, slug: str, pk: int, *, remove: bool = False):
    """(organisation, access, membership) for a page or action on one member: 404 for those
    who may not see the organisation (or a membership of another one), 403 for those who may
    not change it: its admins and the agency change roles and remove; with `remove`, a member
    may also remove themselves (leave). The membership is None when it no longer exists (a
    confirmation left open after it was removed): the view says so and changes nothing."""
    organisation, access = get_organisation_for(request, slug)
    membership = (
        Membership.objects.select_related("user").filter(organisation=organisation, pk=pk).first()
    )
    if membership is None:
        if Membership.objects.filter(pk=pk).exists():  # another organisation's
            raise Http404
        if not (access.can_manage or (remove and access.can_leave)):
            raise PermissionDenied
        return organisation, access, None
    allowed = access.can_remove(membership) if remove else access.can_manage
    if not allowed:
        raise PermissionDenied
    return organisation, access, membership


def get_invitation_for(request, slug: str, pk: int):
    """(organisation, invitation) for its admins and the agency: 404 for those who may not
    see the organisation or an invitation of another one, 403 for those who may not manage."""
    organisation, _access = get_organisation_for(request, slug, manage=True)
    invitation = Invitation.objects.filter(pk=pk, organisation=organisation).first()
    if invitation is None:
        raise Http404
    return organisation, invitation


def public_organisation(slug: str) -> Organisation:
    """The organisation of that slug if its admins made its profile public; 404 otherwise:
    a private profile does not exist for visitors, whoever asks by URL."""
    organisation = Organisation.objects.public().filter(slug=slug).first()
    if organisation is None:
        raise Http404
    return organisation


# An experience's members may change it while it is theirs to write: not while the
# moderator has it, not once it is published or refused.
EDITABLE_EXPERIENCE = (Experience.Status.DRAFT, Experience.Status.RETURNED)


@dataclass
class ExperienceAccess:
    """What one user may do with one experience. A published experience is public; before
    that it is its organisation's private data (members, assigned coaches, the agency)."""

    user: User | AnonymousUser
    experience: Experience

    @cached_property
    def organisation(self) -> OrganisationAccess:
        return OrganisationAccess(self.user, self.experience.organisation)

    @property
    def can_view(self) -> bool:
        return self.experience.is_published or self.organisation.can_view

    @property
    def can_view_private(self) -> bool:
        """The draft, the moderator's remarks, the moderation history."""
        return self.organisation.can_view

    @property
    def can_edit(self) -> bool:
        return self.organisation.is_member and self.experience.status in EDITABLE_EXPERIENCE

    @property
    def can_submit(self) -> bool:
        return self.can_edit

    @property
    def can_moderate(self) -> bool:
        return self.organisation.is_agency


def get_experience_for(request, pk: int, *, edit: bool = False, moderate: bool = False):
    """(experience, access): 404 for those who may not see it (an unpublished experience of
    another organisation does not exist for them), 403 for those who may see but not change
    it (`edit`: its members while a draft or sent back; `moderate`: agency staff)."""
    experience = Experience.objects.select_related("organisation").filter(pk=pk).first()
    if experience is None:
        raise Http404
    access = ExperienceAccess(request.user, experience)
    if not access.can_view:
        raise Http404
    if (edit and not access.can_edit) or (moderate and not access.can_moderate):
        raise PermissionDenied
    return experience, access
