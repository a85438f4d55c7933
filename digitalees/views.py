"""The top floor: pages that compose several apps. Nothing imports this module."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coaching import selectors as coaching_selectors
from coaching.dashboards import selectors as coaching_dashboards
from coaching.selection import selectors as coaching_selection
from diagnostic import rules as diagnostic_rules
from diagnostic import selectors as diagnostic_selectors
from diagnostic.staff import selectors as diagnostic_staff_selectors
from digitalees.roles import (
    can_open_admin,
    is_agency_member,
    is_agency_staff,
    is_coach,
    is_reviewer,
    staff_needs_mfa,
)
from grants.calls import selectors as grants_calls
from network import rules as network_rules
from network import selectors as network_selectors
from network.forms import CoachAssignmentForm, InvitationForm

# The programme's six objectives, in order, as the home page lists them.
OBJECTIVES = (
    (
        _("Raise awareness"),
        _(
            "Show what digital tools can do for a social-economy enterprise, through "
            "resources, events and examples from peers."
        ),
    ),
    (
        _("Measure digital maturity"),
        _(
            "An online self-diagnostic shows each enterprise where it stands and how it "
            "compares with similar organisations."
        ),
    ),
    (
        _("Coach pilot enterprises"),
        _(
            "About fifteen pilot enterprises are coached for a year while each builds its own"
            " digital transformation plan."
        ),
    ),
    (
        _("Build a transferable method"),
        _(
            "The coaching becomes a methodology (phases, steps and evaluation) that other "
            "enterprises and coaches can reuse."
        ),
    ),
    (
        _("Fund digitalisation"),
        _(
            "Digitalisation grants (“bourses de digitalisation”) help enterprises pay for the"
            " actions of their plan."
        ),
    ),
    (
        _("Share and connect"),
        _(
            "Enterprises share their experiences and grow a Walloon network of social-economy"
            " enterprises."
        ),
    ),
)


@require_GET
def home(request):
    return render(request, "home.html", {"objectives": OBJECTIVES})


@login_required
@require_GET
def dashboard(request):
    """The page after log-in, one section per role: a member's organisations, their
    diagnostics and their coaching plan, a coach's organisations and coached enterprises,
    the agency's figures, cohorts under way and pages."""
    user = request.user
    coach, agency_member, reviewer = is_coach(user), is_agency_member(user), is_reviewer(user)
    memberships = list(network_selectors.memberships_for(user))
    context = {
        "memberships": memberships,
        # Coaches and the agency follow organisations; they are not asked to register one.
        # ... nor are the outside experts who review grant applications.
        "show_member_section": bool(memberships) or not (coach or agency_member or reviewer),
        # A prompt, not a right: agency members (and superusers) whose rights wait for TOTP.
        "staff_needs_mfa": agency_member and staff_needs_mfa(user),
    }
    organisation_ids = [m.organisation_id for m in memberships]
    latest = diagnostic_selectors.latest_results_by_organisation(organisation_ids)
    campaigns = diagnostic_selectors.open_campaigns_by_organisation(organisation_ids)
    coaching = {}
    for member_plan in coaching_dashboards.member_plans(organisation_ids):
        coaching.setdefault(member_plan.enrolment.organisation_id, []).append(member_plan)
    for membership in memberships:
        membership.can_manage = network_rules.OrganisationAccess.of_member(
            user, membership
        ).can_manage
        membership.latest_result = latest.get(membership.organisation_id)
        membership.open_campaign = campaigns.get(membership.organisation_id)
        membership.coaching = coaching.get(membership.organisation_id, [])
    keys = diagnostic_rules.visitor_keys(request)
    context["drafts"] = diagnostic_selectors.drafts_with_progress(user, keys)
    for row in context["drafts"]:
        row.can_delete = diagnostic_rules.can_delete_draft(request, row.draft)
    context["unclaimed"] = list(diagnostic_selectors.unclaimed_results(keys))
    context["own_assessments"] = list(diagnostic_selectors.own_assessments(user)[:20])
    # The coaching programme's open calls, for those who could apply (an EES's people).
    context["open_calls"] = list(coaching_selection.open_calls()[:3]) if memberships else []
    # ... and the grants' open calls.
    context["grant_calls"] = list(grants_calls.open_calls()[:3]) if memberships else []
    # Reviewers (outside experts, or agency staff asked to review) see what waits for them.
    if reviewer or is_agency_staff(user):
        context["reviews_waiting"] = grants_calls.reviews_waiting_count(user)
    if coach:
        context["coach"] = {
            "organisations": _coached(user),
            "coaching": coaching_dashboards.coach_summary(user),
        }
    if is_agency_staff(user):
        context["agency"] = {
            "organisations": network_selectors.programme_figures(),
            "diagnostics": diagnostic_staff_selectors.programme_figures(),
            "can_open_admin": can_open_admin(user),
            "cohorts": coaching_dashboards.running_cohorts_summary(),
        }
    return render(request, "dashboard.html", context)


def _coached(user) -> list:
    """The coach's organisations, each with its diagnostics at a glance and its last
    activity (the latest of a profile edit and a diagnostic answer)."""
    organisations = list(network_selectors.organisations_coached_by(user))
    diagnostics = diagnostic_selectors.diagnostics_by_organisation(o.pk for o in organisations)
    for organisation in organisations:
        summary = diagnostics[organisation.pk]
        organisation.latest_result = summary.latest_result
        organisation.open_campaign = summary.open_campaign
        organisation.last_activity = max(
            moment for moment in (organisation.updated_at, summary.last_activity) if moment
        )
    return organisations


@require_GET
@login_required
def organisation_detail(request, slug):
    """An organisation's page (network's URL name `network:organisation_detail`): its profile
    and people from network, its diagnostic results from diagnostic; seen by its members,
    its coaches and the agency."""
    organisation, access = network_rules.get_organisation_for(request, slug)
    members, assignments = network_selectors.organisation_people(organisation)
    members = list(members)
    context = {
        "organisation": organisation,
        "own_membership": access.membership,
        "can_manage": access.can_manage,
        "can_leave": access.can_leave,
        # The only admin is offered no step down (the service would refuse it).
        "sole_admin": sum(m.is_admin for m in members) == 1,
        "can_assign_coaches": access.can_assign_coaches,
        "members": members,
        "assignments": assignments,
        "latest_result": diagnostic_selectors.latest_results_by_organisation([organisation.pk]).get(
            organisation.pk
        ),
        # Members answer the diagnostic for their organisation; coaches and the agency read it.
        "can_start_diagnostic": access.is_member,
        # Whoever sees the organisation sees its coaching (coaching's rules say the same).
        "enrolments": coaching_selectors.enrolments_of(organisation),
    }
    if access.can_manage:
        context["invitations"] = network_selectors.pending_invitations(organisation)
        context["invitation_form"] = InvitationForm()
    if access.can_assign_coaches:
        context["coach_form"] = CoachAssignmentForm()
    return render(request, "network/organisation_detail.html", context)


def error_403(request, exception=None):
    return render(request, "errors/403.html", status=403)


def error_404(request, exception=None):
    return render(request, "errors/404.html", status=404)


def error_500(request):
    # No context processors may run here: the failure may be in one of them.
    return HttpResponseServerError(loader.get_template("errors/500.html").render())
