"""Who may see or change coaching's objects, built on network's organisation rules.

- A plan, an enrolment and its sessions are the organisation's: visible to whoever may see
  the organisation (its members, its assigned coaches, agency staff with their second factor).
- A plan and its actions are worked on by all of them (`can_edit`); a session is logged and
  changed by the organisation's coaches and the agency; its private notes are never shown to
  the organisation's members.
- A cohort is the agency's to run. Its coaches (those assigned to one of its enterprises)
  and its participants (members of its enterprises) see its intervisions; the coaches and the
  agency organise them.

Strangers get 404 (the object does not exist for them); those who may see but not change get
403. Views ask these functions; templates receive flags (`can_edit`), never re-derive them.
"""

from dataclasses import dataclass
from functools import cached_property

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404

from digitalees.models import User
from digitalees.roles import is_agency_staff, is_coach
from network.models import CoachAssignment, Membership
from network.rules import OrganisationAccess

from .models import Action, CoachingSession, Cohort, Enrolment, Intervision, Plan


@dataclass
class EnrolmentAccess:
    """What one user may do with one enrolled enterprise's coaching (plan, sessions)."""

    organisation_access: OrganisationAccess

    @classmethod
    def of(cls, user, organisation) -> "EnrolmentAccess":
        return cls(OrganisationAccess(user, organisation))

    @property
    def user(self):
        return self.organisation_access.user

    @property
    def can_view(self) -> bool:
        return self.organisation_access.can_view

    @property
    def is_member(self) -> bool:
        return self.organisation_access.is_member

    @property
    def is_coach(self) -> bool:
        return self.organisation_access.is_assigned_coach

    @property
    def is_agency(self) -> bool:
        return self.organisation_access.is_agency

    @property
    def can_edit_plan(self) -> bool:
        """Members, their coaches and the agency build the plan together."""
        return self.can_view

    @property
    def can_manage_sessions(self) -> bool:
        return self.is_coach or self.is_agency

    @property
    def can_see_private_notes(self) -> bool:
        return self.is_coach or self.is_agency


def _with_access(queryset, user, organisation_field: str):
    """The rows bring along what the rules ask about the user and the row's organisation
    (their membership's role, whether they are its assigned coach), in the same query:
    a plan's or an action's page, and a move on the board, ask it every time (the move must
    stay within 8 queries)."""
    if not getattr(user, "is_authenticated", False):
        return queryset.all()
    memberships = Membership.objects.filter(
        user=user, organisation_id=OuterRef(organisation_field)
    ).order_by()
    return queryset.annotate(
        access_membership_role=Subquery(memberships.values("role")[:1]),
        access_is_coach=Exists(
            CoachAssignment.objects.filter(coach=user, organisation_id=OuterRef(organisation_field))
        ),
    )


def _access_from(row, user, organisation) -> EnrolmentAccess:
    """The access of `user` to `organisation`, from what `_with_access` read with `row`."""
    access = EnrolmentAccess.of(user, organisation)
    if hasattr(row, "access_is_coach"):
        membership = None
        if row.access_membership_role is not None:
            # Its role is what the rules ask of it (a membership's role is never empty).
            membership = Membership(
                user=user, organisation=organisation, role=row.access_membership_role
            )
        # What the cached properties would fetch (as OrganisationAccess.of_member does).
        access.organisation_access.__dict__["membership"] = membership
        access.organisation_access.__dict__["is_assigned_coach"] = row.access_is_coach
    return access


def _check(access: EnrolmentAccess, *, allowed: bool = True) -> EnrolmentAccess:
    if not access.can_view:
        raise Http404
    if not allowed:
        raise PermissionDenied
    return access


def get_enrolment_for(request, pk: int, *, manage_sessions: bool = False):
    """(enrolment, access): 404 for those who may not see the organisation, 403 with
    `manage_sessions` for those who may see but not log sessions (its members)."""
    enrolment = Enrolment.objects.select_related("cohort", "organisation").filter(pk=pk).first()
    if enrolment is None:
        raise Http404
    access = EnrolmentAccess.of(request.user, enrolment.organisation)
    _check(access)
    if manage_sessions and not access.can_manage_sessions:
        raise PermissionDenied
    return enrolment, access


def get_plan_for(request, pk: int, *, edit: bool = False):
    """(plan, access): 404 for those who may not see its organisation, 403 with `edit` for
    those who may see but not change it."""
    plan = (
        _with_access(Plan.objects, request.user, "organisation_id")
        # The starting result: the plan's pages title its actions' dimensions from it.
        .select_related("organisation", "enrolment__cohort", "baseline_result")
        .filter(pk=pk)
        .first()
    )
    if plan is None:
        raise Http404
    access = _access_from(plan, request.user, plan.organisation)
    _check(access)
    if edit and not access.can_edit_plan:
        raise PermissionDenied
    return plan, access


def get_action_for(request, pk: int, *, edit: bool = False):
    """(action, access), as `get_plan_for` for the action's plan."""
    action = (
        _with_access(Action.objects, request.user, "plan__organisation_id")
        .select_related(
            "plan__organisation", "plan__enrolment__cohort", "plan__baseline_result", "owner"
        )
        .filter(pk=pk)
        .first()
    )
    if action is None:
        raise Http404
    access = _access_from(action, request.user, action.plan.organisation)
    _check(access)
    if edit and not access.can_edit_plan:
        raise PermissionDenied
    return action, access


def get_session_for(request, pk: int, *, manage: bool = False):
    """(session, access): visible to whoever may see the organisation; changed (`manage`)
    by its coaches and the agency."""
    session = (
        CoachingSession.objects.select_related(
            "enrolment__organisation", "enrolment__cohort", "coach"
        )
        .filter(pk=pk)
        .first()
    )
    if session is None:
        raise Http404
    access = EnrolmentAccess.of(request.user, session.enrolment.organisation)
    _check(access)
    if manage and not access.can_manage_sessions:
        raise PermissionDenied
    return session, access


@dataclass
class CohortAccess:
    """What one user may do in one cohort."""

    user: User | AnonymousUser
    cohort: Cohort

    @cached_property
    def is_agency(self) -> bool:
        return is_agency_staff(self.user)

    @cached_property
    def is_coach(self) -> bool:
        """Assigned to one of the cohort's enterprises."""
        if not self.user.is_authenticated:
            return False
        return CoachAssignment.objects.filter(
            coach=self.user, organisation__enrolments__cohort=self.cohort
        ).exists()

    @cached_property
    def member_enrolments(self) -> list[Enrolment]:
        """The cohort's enrolments of the organisations the user belongs to."""
        if not self.user.is_authenticated:
            return []
        organisation_ids = Membership.objects.filter(user=self.user).values("organisation")
        return list(
            Enrolment.objects.filter(
                cohort=self.cohort, organisation__in=organisation_ids
            ).select_related("organisation")
        )

    @property
    def is_participant(self) -> bool:
        return bool(self.member_enrolments)

    @property
    def can_view(self) -> bool:
        """Its intervisions, its median progress: the cohort's people."""
        return self.is_agency or self.is_coach or self.is_participant

    @property
    def can_organise(self) -> bool:
        """Intervisions: their invitations, attendance, questions taken up, summary."""
        return self.is_agency or self.is_coach

    @property
    def can_manage(self) -> bool:
        """The cohort itself, its selection, its enrolments: the agency's."""
        return self.is_agency


def get_cohort_for(request, slug: str, *, organise: bool = False):
    """(cohort, access) for the cohort's people: 404 for others, 403 with `organise` for
    participants (who may not organise its intervisions)."""
    cohort = Cohort.objects.filter(slug=slug).first()
    if cohort is None:
        raise Http404
    access = CohortAccess(request.user, cohort)
    if not access.can_view:
        raise Http404
    if organise and not access.can_organise:
        raise PermissionDenied
    return cohort, access


def get_intervision_for(request, pk: int, *, organise: bool = False):
    """(intervision, access), as `get_cohort_for` for the intervision's cohort."""
    intervision = Intervision.objects.select_related("cohort").filter(pk=pk).first()
    if intervision is None:
        raise Http404
    access = CohortAccess(request.user, intervision.cohort)
    if not access.can_view:
        raise Http404
    if organise and not access.can_organise:
        raise PermissionDenied
    return intervision, access


# --- Reminders and calendar feeds (coaching/reminders/, coaching/calendar/) -----------------
# A reminder or a calendar feed is read without a request: these ask the same question as
# OrganisationAccess.can_view, for many rows at once, inside the query that lists them.


def may_view_organisation_q(*, user: str, organisation: str) -> Q:
    """A filter: the user whose id is at `user` (a field path of the queryset's model) may
    still see the organisation whose id is at `organisation`: a member, an assigned coach,
    or agency staff (a superuser or the agency group; their pages ask for the second factor
    themselves). Someone who left the organisation is reminded of nothing there any more."""
    from digitalees.models import User
    from digitalees.roles import AGENCY_GROUP

    member = Membership.objects.filter(user=OuterRef(user), organisation=OuterRef(organisation))
    coach = CoachAssignment.objects.filter(
        coach=OuterRef(user), organisation=OuterRef(organisation)
    )
    agency = User.objects.filter(pk=OuterRef(user)).filter(
        Q(is_superuser=True) | Q(groups__name=AGENCY_GROUP)
    )
    return Q(Exists(member)) | Q(Exists(coach)) | Q(Exists(agency))


# --- Dashboards and evaluation (the dashboards part) -----------------------------------
# The coach's dashboard is for coaches. A cohort's dashboard is the agency's; the cohort's
# coaches see it too, narrowed to the enterprises they coach (never another coach's
# enterprise's figures), with the cohort's median. Its evaluation is answered by its
# participants (members of its enterprises) and read, never by name, by the agency and the
# cohort's coaches.


def can_see_coach_dashboard(user) -> bool:
    return is_coach(user)


def dashboard_enrolments(access: CohortAccess):
    """The cohort's enrolments a cohort dashboard shows to this user: all for the agency,
    the ones they coach for a coach."""
    enrolments = Enrolment.objects.filter(cohort=access.cohort)
    if access.is_agency:
        return enrolments
    return enrolments.coached_by(access.user).distinct()


def get_cohort_to_evaluate(request, slug: str):
    """(cohort, access) for a participant: 404 for strangers, 403 for the cohort's coaches
    and the agency (they read the results; they do not evaluate)."""
    cohort, access = get_cohort_for(request, slug)
    if not access.is_participant:
        raise PermissionDenied
    return cohort, access


# --- exports (the plan's PDF, the cohort's actions) -----------------------------------------


def get_plan_report_for(request, pk: int):
    """(report, access): a plan's PDF is for whoever may see the plan; to anyone else it
    does not exist (404)."""
    from .models import PlanReport

    report = (
        PlanReport.objects.select_related("plan__organisation", "plan__enrolment__cohort")
        .filter(pk=pk)
        .first()
    )
    if report is None:
        raise Http404
    access = _check(EnrolmentAccess.of(request.user, report.plan.organisation))
    return report, access


def get_cohort_for_export(request, slug: str):
    """(cohort, coach): the agency exports a cohort's every action, a coach of the cohort
    those of the enterprises they coach (`coach` is then the user, else None); the cohort's
    participants get 403, anyone else 404."""
    cohort, access = get_cohort_for(request, slug, organise=True)
    return cohort, None if access.is_agency else request.user


# --- Selection (coaching/selection/): who may apply ---------------------------------------


def organisations_to_apply_for(user):
    """The organisations `user` may apply for: those they are an admin of (members ask their
    admin; coaches and agency staff apply for nobody)."""
    from network.models import Organisation

    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.ADMIN
    ).order_by("name")
