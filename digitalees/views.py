"""The top floor: pages that compose several apps. Nothing imports this module."""

from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.utils.formats import number_format
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from coaching import selectors as coaching_selectors
from coaching.dashboards import selectors as coaching_dashboards
from coaching.selection import selectors as coaching_selection
from diagnostic import rules as diagnostic_rules
from diagnostic import selectors as diagnostic_selectors
from diagnostic.staff import selectors as diagnostic_staff_selectors
from digitalees.charts import PALETTE, Series, bar_svg
from digitalees.exports import csv_response
from digitalees.figures import MIN_ORGANISATIONS, Aggregate, group_change
from digitalees.money import euros
from digitalees.roles import (
    can_open_admin,
    is_agency_member,
    is_agency_staff,
    is_coach,
    is_reviewer,
    staff_needs_mfa,
)
from grants import selectors as grants_selectors
from grants.calls import selectors as grants_calls
from network import rules as network_rules
from network import selectors as network_selectors
from network.forms import CoachAssignmentForm, InvitationForm
from network.models import Sector

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
    figures = _public_figures()
    return render(
        request,
        "home.html",
        {"objectives": OBJECTIVES, "figures": _headline(figures, home=True)},
    )


# --- The programme's public statistics --------------------------------------------------
# Each app computes its figures (cached, small groups suppressed: digitalees.figures); this
# floor names them in the reader's language and lays them out: headline figures, charts
# with their tables, and the CSV of the same rows.


def _public_figures() -> dict:
    return {
        "network": network_selectors.public_figures(),
        "diagnostic": diagnostic_selectors.public_figures(),
        "coaching": coaching_selectors.public_figures(),
        "grants": grants_selectors.public_figures(),
    }


@dataclass(frozen=True)
class Headline:
    key: str
    label: str
    value: object  # an int, or an Aggregate (an amount)
    money: bool = False

    @property
    def text(self) -> str:
        return figure_text(self.value)


def _headline(figures: dict, *, home: bool = False) -> list[Headline]:
    network, diagnostic = figures["network"], figures["diagnostic"]
    coaching, grants = figures["coaching"], figures["grants"]
    rows = [
        Headline("organisations", gettext("organisations registered"), network.organisations),
        Headline("diagnostics", gettext("diagnostics done"), diagnostic.diagnostics),
        Headline(
            "diagnosed",
            gettext("organisations diagnosed"),
            diagnostic.organisations_diagnosed,
        ),
        Headline("coached", gettext("enterprises coached"), coaching.enterprises_coached),
        Headline("grants", gettext("grants awarded"), grants.grants),
        Headline("awarded", gettext("amount awarded"), grants.awarded, money=True),
        Headline("paid", gettext("amount paid"), grants.paid, money=True),
        Headline("experiences", gettext("experiences published"), network.experiences),
        Headline("events", gettext("events held"), network.events_held()),
        Headline("attendance", gettext("people present at the events"), network.attendance()),
    ]
    if home:
        shown = ("organisations", "diagnostics", "coached", "grants", "experiences")
        return [row for row in rows if row.key in shown]
    return rows


def _dimension_names(diagnostic) -> dict[str, str]:
    english = (get_language() or "fr")[:2] == "en"
    return {code: (en if english and en else fr) for code, fr, en in diagnostic.dimensions}


def figure_text(value, *, missing: str = "") -> str:
    """A figure as the page writes it: a mean to one decimal, a count grouped, an amount in
    euros, in the reader's conventions; `missing` (fewer than five organisations) for a
    suppressed one."""
    if isinstance(value, Aggregate):
        if value.suppressed:
            return missing or gettext("fewer than 5 organisations")
        value = value.value
    if value is None:
        return missing or gettext("fewer than 5 organisations")
    if isinstance(value, Decimal):
        return euros(value)
    if isinstance(value, float):
        return number_format(round(value, 1), 1)  # number_format truncates
    return number_format(value, force_grouping=True)


@dataclass(frozen=True)
class Section:
    """A chart and its table: the same rows (group, then one cell per column)."""

    key: str
    title: str
    columns: list[str]  # the cells' headings, after the group's
    rows: list[tuple[str, list]]  # (group, [Aggregate or int or None, ...])
    chart: str = ""

    def table(self) -> list[tuple[str, list[str]]]:
        return [(group, [figure_text(cell) for cell in cells]) for group, cells in self.rows]


def _sections(figures: dict) -> list[Section]:
    diagnostic, coaching = figures["diagnostic"], figures["coaching"]
    names = _dimension_names(diagnostic)
    missing = gettext("fewer than 5 organisations")
    mean, counted = gettext("Mean score (0–100)"), gettext("Organisations counted")
    sections = []

    dimension_rows = [(names[code], diagnostic.by_dimension[code]) for code in names]
    title = gettext("Mean digital maturity per dimension")
    sections.append(
        Section(
            "dimensions",
            title,
            [mean, counted],
            [(group, [a, a.organisations]) for group, a in dimension_rows],
            bar_svg(
                labels=[group for group, _a in dimension_rows],
                series=[Series(mean, [a.value for _g, a in dimension_rows])],
                title=title,
                description=gettext(
                    "The mean score of the latest diagnostic of every organisation diagnosed, "
                    "per dimension; the table below gives the same figures."
                ),
                missing=missing,
            ),
        )
    )

    sector_rows = [(str(label), diagnostic.by_sector[code]) for code, label in Sector.choices]
    title = gettext("Mean digital maturity per sector")
    sections.append(
        Section(
            "sectors",
            title,
            [mean, counted],
            [(group, [a, a.organisations]) for group, a in sector_rows],
            bar_svg(
                labels=[group for group, _a in sector_rows],
                series=[Series(mean, [a.value for _g, a in sector_rows])],
                title=title,
                description=gettext(
                    "The mean overall score of the latest diagnostic of the organisations of "
                    "each sector; the table below gives the same figures."
                ),
                missing=missing,
            ),
        )
    )

    sections.append(
        Section(
            "sector_dimensions",
            gettext("Mean digital maturity per sector and dimension"),
            list(names.values()),
            [
                (str(label), [diagnostic.by_sector_dimension[(code, d)] for d in names])
                for code, label in Sector.choices
            ],
        )
    )

    before, after = gettext("Before coaching"), gettext("After coaching")
    # Every dimension, whether or not any pair of results has it (nothing said by absence).
    codes = list(names) + [code for code in coaching.by_dimension if code not in names]
    nobody = group_change(None, None, 0)
    change_rows = [(gettext("Overall score"), coaching.overall)] + [
        (names.get(code, code), coaching.by_dimension.get(code, nobody)) for code in codes
    ]
    title = gettext("Digital maturity of coached enterprises, before and after")
    sections.append(
        Section(
            "coaching",
            title,
            [before, after, gettext("Change (points)"), counted],
            [
                (group, [c.before, c.after, c.difference, c.before.organisations])
                for group, c in change_rows
            ],
            bar_svg(
                labels=[group for group, _c in change_rows],
                series=[
                    Series(before, [c.before.value for _g, c in change_rows], PALETTE[1]),
                    Series(after, [c.after.value for _g, c in change_rows], PALETTE[0]),
                ],
                title=title,
                description=gettext(
                    "For the coached enterprises with a diagnostic from before their coaching "
                    "began and one since: the mean score of the first before and of the latest "
                    "since; the table below gives the same figures."
                ),
                missing=missing,
            ),
        )
    )
    return sections


@require_GET
def statistics(request):
    """The programme's public figures: no group of fewer than five organisations shown."""
    figures = _public_figures()
    return render(
        request,
        "statistics.html",
        {
            "headline": _headline(figures),
            "sections": _sections(figures),
            "min_organisations": MIN_ORGANISATIONS,
        },
    )


def _csv_value(value, missing: str):
    if isinstance(value, Aggregate):
        value = missing if value.suppressed else value.value
    # One decimal, as the page shows them: the means are not more precise than that.
    return round(value, 1) if isinstance(value, float) else value


def statistics_rows(figures: dict):
    """(figure, group, value, organisations counted) of every figure on the page, a
    suppressed one saying so instead of its value."""
    missing = gettext("fewer than 5 organisations")
    for row in _headline(figures):
        counted = row.value.organisations if isinstance(row.value, Aggregate) else None
        yield row.label, "", _csv_value(row.value, missing), counted
    for section in _sections(figures):
        for group, cells in section.rows:
            if section.key == "sector_dimensions":  # a cell per dimension, each its group
                for column, cell in zip(section.columns, cells, strict=True):
                    value = _csv_value(cell, missing)
                    yield section.title, f"{group} — {column}", value, cell.organisations
                continue
            *values, counted = cells  # the last column: the organisations counted
            shown = not cells[0].suppressed
            for column, value in zip(section.columns, values, strict=False):
                label = (
                    section.title
                    if len(values) == 1
                    else gettext("%(figure)s: %(column)s")
                    % {"figure": section.title, "column": column}
                )
                yield label, group, _csv_value(value, missing) if shown else missing, counted


@require_GET
def statistics_csv(request):
    rows = list(statistics_rows(_public_figures()))
    return csv_response(
        columns=[
            gettext("figure"),
            gettext("group"),
            gettext("value"),
            gettext("organisations counted"),
        ],
        rows=rows,
        filename="digitalees-statistics.csv",
    )


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
