"""Who may see and do what with a grant application: decided here, on network's rule.

- An application is its organisation's: whoever may see the organisation (its members, its
  assigned coaches, agency staff with their second factor) may see it. Its members act as
  the applicant (edit while it is editable, submit, answer, withdraw, report); coaches read.
- A reviewer (digitalees.roles.is_reviewer, or agency staff asked to review) sees only the
  applications assigned to them, and no longer once they declared a conflict of interest.
- Agency staff run the calls, screen, decide, pay; internal comments and private reviews are
  theirs alone.
Strangers get 404 (the application does not exist for them); those who may see but not do
get 403.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from digitalees.models import User
from digitalees.roles import is_agency_staff
from network.models import CoachAssignment, Membership
from network.rules import OrganisationAccess

from .models import Application, ReviewerAssignment
from .workflow import AGENCY, APPLICANT, move_of


@dataclass
class ApplicationAccess:
    user: User | AnonymousUser
    application: Application

    @cached_property
    def organisation(self) -> OrganisationAccess:
        return OrganisationAccess(self.user, self.application.organisation)

    @cached_property
    def is_agency(self) -> bool:
        return is_agency_staff(self.user)

    @property
    def is_member(self) -> bool:
        return self.organisation.is_member

    @cached_property
    def assignment(self) -> ReviewerAssignment | None:
        """The user's assignment to review this application, unless they declared a
        conflict of interest (they are then off it)."""
        if not self.user.is_authenticated:
            return None
        return (
            ReviewerAssignment.objects.filter(application=self.application, reviewer=self.user)
            .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)
            .first()
        )

    @property
    def is_reviewer(self) -> bool:
        return self.assignment is not None

    @property
    def can_view(self) -> bool:
        return self.organisation.can_view or self.is_reviewer

    @property
    def can_edit(self) -> bool:
        """Change the application's content: its members, while it is editable."""
        return self.is_member and self.application.is_editable

    @property
    def can_manage(self) -> bool:
        return self.is_agency

    @property
    def can_review(self) -> bool:
        """Open the review form: assigned, and no conflict declared (a pending declaration
        is asked first, by the review pages)."""
        return self.is_reviewer

    @property
    def sees_internal(self) -> bool:
        """Internal comments, private reviews, reviewers' names: agency staff only."""
        return self.is_agency

    def may_move(self, to_status: str) -> bool:
        """Whether this user may make the move from the current status to `to_status`
        (the table in grants.workflow says who makes it)."""
        move = move_of(self.application.status, to_status)
        if move is None:
            return False
        if move.actor == APPLICANT:
            return self.is_member
        return move.actor == AGENCY and self.is_agency


def _check(access: ApplicationAccess, allowed: bool) -> ApplicationAccess:
    if not access.can_view:
        raise Http404
    if not allowed:
        raise PermissionDenied
    return access


def application_queryset():
    return Application.objects.select_related("call", "organisation", "plan")


def get_application_for(
    request,
    pk: int,
    *,
    edit: bool = False,
    applicant: bool = False,
    manage: bool = False,
    review: bool = False,
    queryset=None,
) -> tuple[Application, ApplicationAccess]:
    """The application and the user's access: 404 for those who may not see it, 403 for
    those who may see it but not do what is asked (`edit`: change its content; `applicant`:
    act as the applicant; `manage`: agency staff; `review`: its assigned reviewer)."""
    application = (
        (queryset if queryset is not None else application_queryset()).filter(pk=pk).first()
    )
    if application is None:
        raise Http404
    access = ApplicationAccess(request.user, application)
    allowed = (
        (not edit or access.can_edit)
        and (not applicant or access.is_member)
        and (not manage or access.can_manage)
        and (not review or access.can_review)
    )
    return application, _check(access, allowed)


def get_assignment_for(request, pk: int) -> tuple[ReviewerAssignment, ApplicationAccess]:
    """A review assignment, for its reviewer only (agency staff see reviews on the
    application's page): 404 for anyone else, and for its reviewer once they declared a
    conflict of interest."""
    assignment = (
        ReviewerAssignment.objects.select_related(
            "application__call", "application__organisation", "application__plan"
        )
        .filter(pk=pk, reviewer_id=request.user.pk if request.user.is_authenticated else None)
        .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)
        .first()
    )
    if assignment is None:
        raise Http404
    access = ApplicationAccess(request.user, assignment.application)
    access.__dict__["assignment"] = assignment  # what the cached property would fetch
    return assignment, access


def applications_visible_to(user):
    """The applications `user` may see: all for agency staff; their organisations', those of
    the organisations they coach and those assigned to them to review for others."""
    from django.db.models import Q

    if not user.is_authenticated:
        return Application.objects.none()
    if is_agency_staff(user):
        return Application.objects.all()
    reviewing = ReviewerAssignment.objects.filter(reviewer=user).exclude(
        declaration=ReviewerAssignment.Declaration.CONFLICT
    )
    return Application.objects.filter(
        Q(organisation__in=Membership.objects.filter(user=user).values("organisation_id"))
        | Q(organisation__in=CoachAssignment.objects.filter(coach=user).values("organisation_id"))
        | Q(pk__in=reviewing.values("application_id"))
    )


def organisations_to_apply_for(user):
    """The organisations `user` may apply for: those they are a member of (several members
    edit the same draft)."""
    from network.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user).order_by("name")
