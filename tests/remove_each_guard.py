"""Remove each access guard once, run the tests that must notice, print what fails, put the
guard back. A guard that prints no failure has no test.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python tests/remove_each_guard.py [index ...]

The tests are the permission matrix's rows of the guarded URL (or the rules' own tests).
Each edited file is restored from a copy taken before the edit, so uncommitted work is kept.
Not a test module (pytest does not collect it): it takes a few minutes.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UNGUARDED = ROOT / "digitalees" / "_unguarded.py"
# The objects a guarded helper returns, fetched without asking any rule.
UNGUARDED_SOURCE = """
from diagnostic.models import Assessment, Campaign, Report, Result
from network.models import Invitation, Membership, Organisation
from network.rules import OrganisationAccess


def organisation(request, slug, **kwargs):
    found = Organisation.objects.get(slug=slug)
    return found, OrganisationAccess(request.user, found)


def campaign(request, slug, pk, **kwargs):
    found, access = organisation(request, slug)
    return Campaign.objects.get(pk=pk, organisation=found), access


def result(request, slug, pk):
    return Result.objects.select_related("organisation").get(pk=pk, organisation__slug=slug)


def report(request, pk):
    return Report.objects.select_related("assessment", "result__organisation").get(pk=pk)


def assessment(request, uuid, **kwargs):
    related = ("questionnaire", "organisation", "campaign")
    return Assessment.objects.select_related(*related).get(uuid=uuid)


def member_organisation(user, slug):
    return Organisation.objects.get(slug=slug)


def draft(request, uuid):
    return Assessment.objects.filter(uuid=uuid).first()


def membership(request, slug, pk, **kwargs):
    found, access = organisation(request, slug)
    return found, access, Membership.objects.select_related("user").get(pk=pk)


def invitation(request, slug, pk):
    found, _access = organisation(request, slug)
    return found, Invitation.objects.get(pk=pk)


# coaching: the same objects as coaching.rules' helpers, with the access it would give, asked
# of nobody.
from coaching.models import (  # noqa: E402
    Action,
    CoachingSession,
    Cohort,
    Enrolment,
    Intervision,
    Plan,
    PlanReport,
)
from coaching.rules import CohortAccess, EnrolmentAccess  # noqa: E402


def _enrolment_access(request, found):
    return found, EnrolmentAccess.of(request.user, found.organisation)


def enrolment(request, pk, **kwargs):
    return _enrolment_access(request, Enrolment.objects.select_related("organisation").get(pk=pk))


def plan(request, pk, **kwargs):
    return _enrolment_access(request, Plan.objects.select_related("organisation").get(pk=pk))


def action(request, pk, **kwargs):
    found = Action.objects.select_related("plan__organisation").get(pk=pk)
    return found, EnrolmentAccess.of(request.user, found.plan.organisation)


def session(request, pk, **kwargs):
    found = CoachingSession.objects.select_related("enrolment__organisation").get(pk=pk)
    return found, EnrolmentAccess.of(request.user, found.enrolment.organisation)


def plan_report(request, pk, **kwargs):
    found = PlanReport.objects.select_related("plan__organisation").get(pk=pk)
    return found, EnrolmentAccess.of(request.user, found.plan.organisation)


def cohort(request, slug, **kwargs):
    found = Cohort.objects.get(slug=slug)
    return found, CohortAccess(request.user, found)


def intervision(request, pk, **kwargs):
    found = Intervision.objects.select_related("cohort").get(pk=pk)
    return found, CohortAccess(request.user, found.cohort)


def cohort_for_export(request, slug):
    return Cohort.objects.get(slug=slug), None


def dashboard_enrolments(access):
    return Enrolment.objects.filter(cohort=access.cohort)


def anyone(user):
    return True


def organisations_to_apply_for(user):
    return Organisation.objects.all()


# grants: the same objects as grants.rules' helpers (and its parts'), with the access they
# would give, asked of nobody.
from django.http import Http404  # noqa: E402

from grants.models import DecisionLetter, Expense, ReviewerAssignment  # noqa: E402
from grants.rules import ApplicationAccess, application_queryset  # noqa: E402


def application(request, pk, **kwargs):
    found = application_queryset().get(pk=pk)
    return found, ApplicationAccess(request.user, found)


def report_application(request, pk, **kwargs):
    return application(request, pk)


def assignment(request, pk):
    related = ("application__call", "application__organisation", "application__plan")
    found = ReviewerAssignment.objects.select_related(*related).get(pk=pk)
    return found, ApplicationAccess(request.user, found.application)


def letter(request, pk, **kwargs):
    found = DecisionLetter.objects.select_related("application__organisation").get(pk=pk)
    return found, ApplicationAccess(request.user, found.application)


def expense(request, pk, **kwargs):
    found = Expense.objects.select_related("report__application__organisation").get(pk=pk)
    return found, ApplicationAccess(request.user, found.report.application)


def any_call(user, call):
    if call is None:
        raise Http404
    return call


# network's parts (issue 11): the same objects as network.rules' helpers (and the contact
# relay's), with the access they would give, asked of nobody; a signed token read unsigned.
import json  # noqa: E402
import zlib  # noqa: E402

from django.core import signing  # noqa: E402

from network.contact.rules import ThreadAccess  # noqa: E402
from network.models import ContactThread, Experience  # noqa: E402
from network.rules import ExperienceAccess  # noqa: E402


def public_organisation(slug):
    return Organisation.objects.get(slug=slug)


def experience(request, pk, **kwargs):
    found = Experience.objects.select_related("organisation").get(pk=pk)
    return found, ExperienceAccess(request.user, found)


def thread(request, pk):
    related = ("sender", "from_organisation", "to_organisation", "replied_by")
    found = ContactThread.objects.select_related(*related).get(pk=pk)
    return found, ThreadAccess(request.user, found)


def unsigned_loads(token, **kwargs):
    # What signing.loads would return, the signature, the salt and the age unchecked.
    payload = token.rsplit(":", 2)[0]
    data = signing.b64_decode(payload.lstrip(".").encode())
    return json.loads(zlib.decompress(data) if payload.startswith(".") else data)
"""
IMPORT = "from digitalees import _unguarded  # noqa\n"
HELPERS = {
    "get_organisation_for(": "organisation(",
    "network_rules.get_organisation_for(": "organisation(",
    "get_campaign_for(": "campaign(",
    "get_result_for(": "result(",
    "get_report_for(": "report(",
    "get_assessment_for(": "assessment(",
    "member_organisation(": "member_organisation(",
    "get_own_assessment_for(": "assessment(",
    "get_draft_for(": "draft(",
    "get_membership_for(": "membership(",
    "get_invitation_for(": "invitation(",
    "get_application_for(": "application(",
    "get_report_application_for(": "report_application(",
    "get_assignment_for(": "assignment(",
    "get_letter_for(": "letter(",
    "get_expense_for(": "expense(",
    "rules.check_can_see(": "any_call(",
    "public_organisation(": "public_organisation(",
    "get_experience_for(": "experience(",
    "get_thread_for(": "thread(",
    "signing.loads(": "unsigned_loads(",
}
NETWORK, DIAGNOSTIC = "network/views.py", "diagnostic/views.py"
REPORTS, STAFF = "diagnostic/reports/views.py", "diagnostic/staff/views.py"
MATRIX = "tests/test_permission_matrix.py"


def _read(path):
    return (ROOT / path).read_text()


def _write(path, text):
    (ROOT / path).write_text(text)


def in_function(path, function, old, new):
    """Replace `old` (once) inside one function's body."""
    text = _read(path)
    start = text.index(f"\ndef {function}(")
    following = re.search(r"\n(@|def |class |# ---)", text[start + 5 :])
    end = start + 5 + (following.start() if following else len(text))
    body = text[start:end]
    assert body.count(old) == 1, (path, function, old)
    text = text[:start] + body.replace(old, new) + text[end:]
    _write(path, IMPORT + text if "_unguarded." in new else text)


def plain(path, old, new):
    text = _read(path)
    assert text.count(old) == 1, (path, old)
    _write(path, text.replace(old, new))


def drop_decorator(path, function, decorator):
    text = _read(path)
    end = text.index(f"\ndef {function}(")
    start = text.rindex("\n\n", 0, end)
    lines = text[start:end].split("\n")
    assert lines.count(f"@{decorator}") == 1, (function, decorator)
    lines.remove(f"@{decorator}")
    _write(path, text[:start] + "\n".join(lines) + text[end:])


GUARDS = []  # (label, edit, pytest arguments)


def rows(name):
    return [MATRIX, "-k", name]


def unchecked(path, function, name, call="get_organisation_for("):
    label = f"{path}:{function}: {call.rstrip('(')} (who may see)"
    edit = lambda: in_function(path, function, call, "_unguarded." + HELPERS[call])  # noqa: E731
    GUARDS.append((label, edit, rows(name)))


def unmanaged(path, function, name):
    edit = lambda: in_function(path, function, ", manage=True", "")  # noqa: E731
    GUARDS.append((f"{path}:{function}: manage=True", edit, rows(name)))


def undecorated(path, function, decorator, name):
    edit = lambda: drop_decorator(path, function, decorator)  # noqa: E731
    GUARDS.append((f"{path}:{function}: @{decorator}", edit, rows(name)))


def rule(label, path, old, new, args):
    GUARDS.append((label, lambda: plain(path, old, new), args))


# The organisation's page composes several apps: it lives at the top floor.
unchecked(
    "digitalees/views.py",
    "organisation_detail",
    "network:organisation_detail",
    "network_rules.get_organisation_for(",
)
for view in ("organisation_edit", "invitation_create"):
    unmanaged(NETWORK, view, f"network:{view}")
    unchecked(NETWORK, view, f"network:{view}")
# One member's pages and actions ask network.rules.get_membership_for (its own guards below).
for view in ("membership_remove_confirm", "membership_remove", "membership_role"):
    unchecked(NETWORK, view, f"network:{view}", "get_membership_for(")
for view in ("invitation_revoke_confirm", "invitation_revoke"):
    unchecked(NETWORK, view, f"network:{view}", "get_invitation_for(")
for view in ("coach_assign", "coach_unassign", "staff_organisation_list"):
    undecorated(NETWORK, view, "agency_staff_required", f"network:{view}")
undecorated(NETWORK, "invitation_join", "login_required", "network:invitation_join")
unchecked(DIAGNOSTIC, "start", "diagnostic:start", "member_organisation(")
# The answering pages share one fetch of the draft with its answers.
unchecked(
    DIAGNOSTIC,
    "_answering",
    "diagnostic:dimension or diagnostic:answer or diagnostic:review",
    "get_assessment_for(",
)
for view in ("resume_link", "results", "claim"):
    unchecked(DIAGNOSTIC, view, f"diagnostic:{view}", "get_assessment_for(")
unchecked(DIAGNOSTIC, "claim", "diagnostic:claim", "member_organisation(")
GUARDS[-1] = (
    *GUARDS[-1][:2],
    [MATRIX, "tests/diagnostic/test_campaigns_and_links.py", "-k", "claim"],
)
# The respondent's own pages: attaching results, the campaign's welcome, deleting a draft.
RESPONDENT = "tests/diagnostic/test_respondent.py"
unchecked(DIAGNOSTIC, "attach", "diagnostic:attach", "get_own_assessment_for(")
unchecked(DIAGNOSTIC, "attach", "diagnostic:attach", "member_organisation(")
GUARDS[-1] = (*GUARDS[-1][:2], [RESPONDENT, "-k", "not_belong"])
unchecked(DIAGNOSTIC, "welcome", "diagnostic:welcome", "get_assessment_for(")
for view in ("draft_delete_confirm", "draft_delete"):
    unchecked(DIAGNOSTIC, view, f"diagnostic:{view}", "get_draft_for(")
unchecked(DIAGNOSTIC, "organisation_history", "diagnostic:organisation_history")
unchecked(DIAGNOSTIC, "organisation_result", "diagnostic:organisation_result", "get_result_for(")
unmanaged(DIAGNOSTIC, "campaign_open", "diagnostic:campaign_open")
unchecked(DIAGNOSTIC, "campaign_open", "diagnostic:campaign_open")
unchecked(DIAGNOSTIC, "campaign_detail", "diagnostic:campaign_detail", "get_campaign_for(")
for view in ("campaign_invite", "campaign_close", "campaign_close_confirm"):
    unmanaged(DIAGNOSTIC, view, f"diagnostic:{view}")
    unchecked(DIAGNOSTIC, view, f"diagnostic:{view}", "get_campaign_for(")
unchecked(
    REPORTS, "assessment_request", "diagnostic_reports:assessment_request", "get_assessment_for("
)
unchecked(REPORTS, "result_request", "diagnostic_reports:result_request")
unchecked(REPORTS, "status", "diagnostic_reports:status", "get_report_for(")
unchecked(REPORTS, "download", "diagnostic_reports:download", "get_report_for(")
for view in ("assessment_list", "assessment_export", "assessment_export_xlsx", "assessment_result"):
    undecorated(STAFF, view, "agency_staff_required", f"diagnostic_staff:{view}")
rule(
    "digitalees.views.dashboard: the programme's figures for agency staff (TOTP on) only",
    "digitalees/views.py",
    '    if is_agency_staff(user):\n        context["agency"]',
    '    if agency_member:\n        context["agency"]',
    ["tests/digitalees/test_dashboard.py", "-k", "without_totp"],
)
rule(
    "diagnostic.staff.views.assessment_result: a campaign respondent's answers stay theirs",
    STAFF,
    ".filter(uuid=uuid, campaign__isnull=True)",
    ".filter(uuid=uuid)",
    ["tests/diagnostic/test_staff.py", "-k", "staff_result_page"],
)

ROLES = "digitalees/roles.py"
rule(
    "roles.is_agency_staff: TOTP on",
    ROLES,
    "return is_agency_member(user) and not staff_needs_mfa(user)",
    "return is_agency_member(user)",
    rows("agency_without_mfa"),
)
rule(
    "roles.is_agency_member: a superuser counts",
    ROLES,
    "return user.is_superuser or AGENCY_GROUP",
    "return AGENCY_GROUP",
    rows("superuser and organisation_detail"),
)
rule(
    "roles.agency_staff_required: 403 for others",
    ROLES,
    "            raise PermissionDenied\n        return view",
    "        return view",
    rows("staff_organisation_list"),
)
rule(
    "roles.agency_staff_required: agency without TOTP sent to set it up",
    ROLES,
    "            if is_agency_member(user) and staff_needs_mfa(user):",
    "            if False:",
    rows("agency_without_mfa and (staff_ or coach_)"),
)
rule(
    "network.rules.can_view: members",
    "network/rules.py",
    "return self.is_member or self.is_assigned_coach",
    "return self.is_assigned_coach",
    rows("organisation_detail"),
)
rule(
    "network.rules.can_view: assigned coaches",
    "network/rules.py",
    "return self.is_member or self.is_assigned_coach or self.is_agency",
    "return self.is_member or self.is_agency",
    rows("organisation_detail"),
)
rule(
    "network.rules.can_manage: admins",
    "network/rules.py",
    "return self.is_admin or self.is_agency",
    "return self.is_member or self.is_agency",
    rows("organisation_edit"),
)
rule(
    "network.rules.get_invitation_for: manage",
    "network/rules.py",
    "get_organisation_for(request, slug, manage=True)\n    invitation = ",
    "get_organisation_for(request, slug)\n    invitation = ",
    rows("invitation_revoke"),
)
rule(
    "network.rules.get_invitation_for: the organisation's own",
    "network/rules.py",
    "Invitation.objects.filter(pk=pk, organisation=organisation).first()",
    "Invitation.objects.filter(pk=pk).first()",
    ["tests/network/test_members.py", "-k", "another_organisation"],
)
rule(
    "network.rules.get_membership_for: who may change members",
    "network/rules.py",
    "allowed = access.can_remove(membership) if remove else access.can_manage",
    "allowed = True",
    rows("membership_"),
)
rule(
    "network.rules.can_remove: anyone may leave",
    "network/rules.py",
    "return self.can_manage or own",
    "return self.can_manage",
    rows("membership_remove"),
)
rule(
    "network.rules.get_membership_for: a stale one, for those who may change members",
    "network/rules.py",
    "if not (access.can_manage or (remove and access.can_leave)):",
    "if False:",
    ["tests/network/test_members.py", "-k", "stale"],
)
rule(
    "network.rules.get_membership_for: another organisation's is not found",
    "network/rules.py",
    "if Membership.objects.filter(pk=pk).exists():  # another organisation's",
    "if False:",
    ["tests/network/test_views.py", "-k", "guessing"],
)
rule(
    "network.services: the last admin stays",
    "network/services.py",
    "        membership.is_admin\n        and not Membership.objects",
    "        False\n        and not Membership.objects",
    ["tests/network/test_members.py", "tests/network/test_services.py"],
)
rule(
    "network.services: the organisation's row lock on admins (needs DATABASE_URL=postgres...)",
    "network/services.py",
    "    Organisation.objects.select_for_update().filter(pk=membership.organisation_id).first()\n",
    "",
    ["tests/network/test_members.py", "-k", "at_once"],
)
rule(
    "diagnostic.rules.can_view_assessment: respondent",
    "diagnostic/rules.py",
    "    if is_respondent(request, assessment):\n        return True\n    if assessment.campaign",
    "    if assessment.campaign",
    [MATRIX, "tests/diagnostic/test_rules.py", "-k", "diagnostic:results or campaign"],
)
rule(
    "diagnostic.rules.can_claim: unattached",
    "diagnostic/rules.py",
    "        and is_unclaimed(assessment)\n",
    "",
    ["tests/diagnostic/test_rules.py"],
)
rule(
    "diagnostic.services.assessment_claim: membership",
    "diagnostic/services.py",
    "if organisation and not network_rules.is_member(user, organisation):",
    "if False:",
    [
        "tests/diagnostic/test_rules.py",
        "tests/diagnostic/test_campaigns_and_links.py",
        "-k",
        "claim",
    ],
)
rule(
    "network.library.views.resource_detail: published, and opens something",
    "network/library/views.py",
    "Resource.objects.all() if staff else Resource.objects.published().openable()",
    "Resource.objects.all()",
    ["tests/network/test_resources.py", "-k", "no_page"],
)
rule(
    "diagnostic.selectors: recommended resources open something",
    "diagnostic/selectors.py",
    "        .openable()  # a resource that opens nothing is not recommended\n",
    "",
    ["tests/network/test_resources.py", "-k", "recommendations"],
)

rule(
    "diagnostic.rules.get_own_assessment_for: the respondent only",
    "diagnostic/rules.py",
    "    if not (request.user.is_authenticated and assessment.respondent_id == request.user.pk):\n"
    "        raise PermissionDenied\n",
    "",
    [RESPONDENT, "-k", "only_the_owner"],
)
rule(
    "diagnostic.rules.can_delete_draft: not a campaign's",
    "diagnostic/rules.py",
    "        and assessment.campaign_id is None\n        and is_respondent(",
    "        and is_respondent(",
    [RESPONDENT, "-k", "campaign_drafts"],
)
rule(
    "diagnostic.rules.can_follow_to_organisation: a campaign's outsider",
    "diagnostic/rules.py",
    "    return can_view_organisation(request.user, assessment.organisation)\n\n\n"
    "def get_assessment_for(",
    "    return True\n\n\ndef get_assessment_for(",
    [RESPONDENT, "-k", "campaigns_result"],
)
rule(
    "diagnostic.services.assessment_attach: the respondent",
    "diagnostic/services.py",
    "    if assessment.respondent_id != user.pk:",
    "    if False:",
    [RESPONDENT, "-k", "only_the_owner"],
)
rule(
    "diagnostic.services.assessment_attach: membership",
    "diagnostic/services.py",
    "    if not network_rules.is_member(user, organisation):\n        raise ValidationError("
    '_("You can only attach results to an organisation you belong to."))\n'
    "    assessment.organisation = organisation",
    "    assessment.organisation = organisation",
    [RESPONDENT, "-k", "not_belong"],
)


# --- coaching (issue 9) -----------------------------------------------------------------
# Every view of coaching's folders: each rules helper it calls (fetched unguarded instead),
# each right its call asks for (edit=True, manage=True, ...), each access decorator, each
# refusal written in the view; then the rules' own checks. A view's URL name is its
# function's name; its matrix rows are selected with "coaching:<name>-".
COACHING_VIEWS = [
    "coaching/views.py",
    *(
        f"coaching/{part}/views.py"
        for part in (
            "staff",
            "selection",
            "sessions",
            "dashboards",
            "evaluation",
            "reminders",
            "calendar",
            "exports",
        )
    ),
]
COACHING_HELPERS = {
    "get_enrolment_for(": "enrolment(",
    "get_plan_for(": "plan(",
    "get_action_for(": "action(",
    "get_session_for(": "session(",
    "get_cohort_for(": "cohort(",
    "get_intervision_for(": "intervision(",
    "get_cohort_to_evaluate(": "cohort(",
    "get_plan_report_for(": "plan_report(",
    "get_cohort_for_export(": "cohort_for_export(",
    "dashboard_enrolments(": "dashboard_enrolments(",
    "can_see_coach_dashboard(": "anyone(",
    "organisations_to_apply_for(": "organisations_to_apply_for(",
}
HELPERS.update(COACHING_HELPERS)
COACHING_FLAGS = (", edit=True", ", manage=True", ", organise=True", ", manage_sessions=True")
COACHING_DECORATORS = ("login_required", "agency_staff_required", "require_POST", "require_GET")


def coaching_rows(view):
    return rows(f"coaching:{view}-")


def rows_and(name, *modules):
    """The matrix rows selected by `name`, and every test of `modules`."""
    return [MATRIX, *modules, "-k", f"({name}) or not test_status_for_role"]


# Views whose guard shows in what their page holds, not in its status.
VIEW_TESTS = {
    "call_list": ["tests/coaching/test_selection_views.py"],
    "cohort_dashboard": ["tests/coaching/test_dashboards_views.py"],
}


def _coaching_views(path):
    """(function name, its decorators' names, its body's text) of each view in `path`."""
    import ast

    text = _read(path)
    for node in ast.parse(text).body:
        if isinstance(node, ast.FunctionDef) and node.decorator_list:
            names = [ast.unparse(d).split("(")[0] for d in node.decorator_list]
            yield node.name, names, ast.get_source_segment(text, node)


def _coaching_guards():
    for path in COACHING_VIEWS:
        for view, decorators, body in _coaching_views(path):
            for decorator in decorators:
                if decorator in COACHING_DECORATORS:
                    undecorated(path, view, decorator, f"coaching:{view}-")
            for call in COACHING_HELPERS:
                if f" {call}" in body or f"({call}" in body:
                    unchecked(path, view, f"coaching:{view}-", call)
            if view in VIEW_TESTS:
                GUARDS[:] = [
                    (label, edit, rows_and(f"coaching:{view}-", *VIEW_TESTS[view]))
                    if label.startswith(f"{path}:{view}:") and "(who may see)" in label
                    else (label, edit, args)
                    for label, edit, args in GUARDS
                ]
            for flag in COACHING_FLAGS:
                if flag in body:
                    edit = lambda p=path, v=view, f=flag: in_function(p, v, f, "")  # noqa: E731
                    GUARDS.append((f"{path}:{view}: {flag[2:]}", edit, coaching_rows(view)))


_coaching_guards()
PLANS, SESSIONS = "coaching/views.py", "coaching/sessions/views.py"
SELECTION, EXPORTS = "coaching/selection/views.py", "coaching/exports/views.py"
RULES = "coaching/rules.py"
COACHING = "tests/coaching/"
# The refusals written in the views themselves.
rule(
    "coaching.views.plan_create: who may create the plan",
    PLANS,
    "    if not access.can_edit_plan:\n        raise PermissionDenied\n",
    "",
    rows_and("coaching:plan_create-", f"{COACHING}test_plans_views.py"),
)
rule(
    "coaching.views.milestone_reach: the plan's own milestone",
    PLANS,
    "get_object_or_404(Milestone, pk=milestone_pk, plan=plan)",
    "get_object_or_404(Milestone, pk=milestone_pk)",
    [f"{COACHING}test_plans_views.py", "-k", "milestone"],
)
rule(
    "coaching.sessions.views.question_create: participants ask, organisers do not",
    SESSIONS,
    "    if not access.is_participant:\n        raise PermissionDenied",
    "    if False:\n        raise PermissionDenied",
    [*coaching_rows("question_create"), f"{COACHING}test_sessions_views.py", "-k", "question"],
)
rule(
    "coaching.selection.views.cohort_apply: only an admin applies",
    SELECTION,
    'if request.method == "POST" and not organisations.exists():',
    "if False:",
    [*coaching_rows("cohort_apply"), f"{COACHING}test_selection_views.py", "-k", "apply"],
)
rule(
    "coaching.selection.views: a cohort in preparation does not exist for applicants",
    SELECTION,
    "if cohort.status == Cohort.Status.DRAFT and not is_agency_staff(request.user):",
    "if False:",
    rows_and("coaching:cohort_apply-", f"{COACHING}test_selection_views.py"),
)
rule(
    "coaching.exports.views.plan_pdf_status: anonymous polls sent to log in",
    EXPORTS,
    "    if not request.user.is_authenticated:\n        # A poll",
    "    if False:\n        # A poll",
    rows_and("coaching:plan_pdf_status-", f"{COACHING}test_exports_pdf.py"),
)
# The rules' own checks.
rule(
    "coaching.rules._check: 404 for those who may not see the organisation",
    RULES,
    "    if not access.can_view:\n        raise Http404\n    if not allowed:",
    "    if not allowed:",
    rows("coaching:plan_ or coaching:action_ or coaching:plan_pdf"),
)
rule(
    "coaching.rules.get_enrolment_for: manage_sessions",
    RULES,
    "    if manage_sessions and not access.can_manage_sessions:",
    "    if False:",
    coaching_rows("session_create"),
)
rule(
    "coaching.rules.get_plan_for: edit (can_edit_plan is can_view: expected redundant)",
    RULES,
    "    if edit and not access.can_edit_plan:\n        raise PermissionDenied\n    return plan,",
    "    return plan,",
    rows("coaching:plan_edit- or coaching:action_create-"),
)
rule(
    "coaching.rules.get_action_for: edit (can_edit_plan is can_view: expected redundant)",
    RULES,
    "    if edit and not access.can_edit_plan:\n        raise PermissionDenied\n    return action,",
    "    return action,",
    rows("coaching:action_edit- or coaching:action_status-"),
)
rule(
    "coaching.rules.get_session_for: manage",
    RULES,
    "    if manage and not access.can_manage_sessions:",
    "    if False:",
    rows("coaching:session_edit- or coaching:session_step_action-"),
)
rule(
    "coaching.rules.EnrolmentAccess.can_manage_sessions: coaches and agency",
    RULES,
    "def can_manage_sessions(self) -> bool:\n        return self.is_coach or self.is_agency",
    "def can_manage_sessions(self) -> bool:\n        return self.can_view",
    rows_and("coaching:session_", f"{COACHING}test_sessions_views.py"),
)
rule(
    "coaching.rules.EnrolmentAccess.can_see_private_notes: never members",
    RULES,
    "def can_see_private_notes(self) -> bool:\n        return self.is_coach or self.is_agency",
    "def can_see_private_notes(self) -> bool:\n        return self.can_view",
    [f"{COACHING}test_sessions_views.py", f"{COACHING}test_calendar.py"],
)
rule(
    "templates: the enrolment's page hides private notes from members",
    "templates/coaching/sessions/enrolment_detail.html",
    "{% if show_private_notes and session.private_notes %}",
    "{% if session.private_notes %}",
    [f"{COACHING}test_sessions_views.py", "-k", "private"],
)
rule(
    "templates: the session's page hides private notes from members",
    "templates/coaching/sessions/session_detail.html",
    "{% if show_private_notes %}",
    "{% if True %}",
    [f"{COACHING}test_sessions_views.py", "-k", "private"],
)
rule(
    "coaching.rules._with_access: the membership of this organisation",
    RULES,
    "        user=user, organisation_id=OuterRef(organisation_field)\n",
    "        user=user\n",
    rows_and("coaching:plan_ or coaching:action_", f"{COACHING}test_plans_views.py"),
)
rule(
    "coaching.rules._with_access: the coach of this organisation",
    RULES,
    "CoachAssignment.objects.filter(coach=user, organisation_id=OuterRef(organisation_field))",
    "CoachAssignment.objects.filter(coach=user)",
    rows_and("coaching:plan_ or coaching:action_", f"{COACHING}test_plans_views.py"),
)
rule(
    "coaching.rules.get_cohort_for: 404 for strangers to the cohort",
    RULES,
    "    access = CohortAccess(request.user, cohort)\n"
    "    if not access.can_view:\n        raise Http404",
    "    access = CohortAccess(request.user, cohort)",
    rows("coaching:intervision_list- or coaching:cohort_dashboard-"),
)
rule(
    "coaching.rules.get_cohort_for: organise",
    RULES,
    "    if organise and not access.can_organise:\n        raise PermissionDenied\n"
    "    return cohort,",
    "    return cohort,",
    rows("coaching:intervision_create- or coaching:cohort_dashboard-"),
)
rule(
    "coaching.rules.get_intervision_for: 404 for strangers to the cohort",
    RULES,
    "    access = CohortAccess(request.user, intervision.cohort)\n    if not access.can_view:\n"
    "        raise Http404",
    "    access = CohortAccess(request.user, intervision.cohort)",
    rows("coaching:intervision_detail-"),
)
rule(
    "coaching.rules.get_intervision_for: organise",
    RULES,
    "    if organise and not access.can_organise:\n        raise PermissionDenied\n"
    "    return intervision,",
    "    return intervision,",
    rows("coaching:intervision_edit- or coaching:intervision_invite-"),
)
rule(
    "coaching.rules.CohortAccess.can_organise: not participants",
    RULES,
    "return self.is_agency or self.is_coach\n",
    "return self.is_agency or self.is_coach or self.is_participant\n",
    rows("coaching:intervision_create-"),
)
rule(
    "coaching.rules.CohortAccess.can_view: participants",
    RULES,
    "return self.is_agency or self.is_coach or self.is_participant",
    "return self.is_agency or self.is_coach",
    rows("coaching:intervision_list-"),
)
rule(
    "coaching.rules.CohortAccess.is_coach: of this cohort's enterprises",
    RULES,
    "coach=self.user, organisation__enrolments__cohort=self.cohort",
    "coach=self.user",
    rows_and(
        "coaching:intervision_ or coaching:cohort_dashboard-",
        f"{COACHING}test_sessions_views.py",
        f"{COACHING}test_dashboards_views.py",
    ),
)
rule(
    "coaching.rules.CohortAccess.member_enrolments: of this cohort",
    RULES,
    "                cohort=self.cohort, organisation__in=organisation_ids\n",
    "                organisation__in=organisation_ids\n",
    rows_and(
        "coaching:intervision_ or coaching:evaluation_form-",
        f"{COACHING}test_sessions_views.py",
        f"{COACHING}test_dashboards_evaluation.py",
    ),
)
rule(
    "coaching.rules.CohortAccess.is_agency: with the second factor",
    RULES,
    "        return is_agency_staff(self.user)\n",
    "        return self.user.is_superuser or self.user.groups.filter(name='agency').exists()\n",
    rows("agency_without_mfa and coaching:"),
)
rule(
    "coaching.rules.dashboard_enrolments: a coach's own enterprises",
    RULES,
    "return enrolments.coached_by(access.user).distinct()",
    "return enrolments",
    [f"{COACHING}test_dashboards_views.py"],
)
rule(
    "coaching.rules.get_cohort_to_evaluate: participants only",
    RULES,
    "    if not access.is_participant:\n        raise PermissionDenied\n    return cohort, access",
    "    return cohort, access",
    rows_and("coaching:evaluation_form-", f"{COACHING}test_dashboards_evaluation.py"),
)
rule(
    "coaching.rules.get_plan_report_for: who may see the plan",
    RULES,
    "access = _check(EnrolmentAccess.of(request.user, report.plan.organisation))",
    "access = EnrolmentAccess.of(request.user, report.plan.organisation)",
    [*rows("coaching:plan_pdf_"), f"{COACHING}test_exports_pdf.py", "-k", "stranger or plan_pdf"],
)
rule(
    "coaching.rules.get_cohort_for_export: organise",
    RULES,
    "cohort, access = get_cohort_for(request, slug, organise=True)\n    return cohort, None",
    "cohort, access = get_cohort_for(request, slug)\n    return cohort, None",
    rows_and("coaching:cohort_actions_export-", f"{COACHING}test_exports_actions.py"),
)
rule(
    "coaching.rules.get_cohort_for_export: a coach's own enterprises",
    RULES,
    "return cohort, None if access.is_agency else request.user",
    "return cohort, None",
    [f"{COACHING}test_exports_actions.py"],
)
rule(
    "coaching.rules.organisations_to_apply_for: admins only",
    RULES,
    "memberships__user=user, memberships__role=Membership.Role.ADMIN",
    "memberships__user=user",
    rows_and("coaching:cohort_apply-", f"{COACHING}test_selection_views.py"),
)
rule(
    "coaching.rules.can_see_coach_dashboard: coaches",
    RULES,
    "def can_see_coach_dashboard(user) -> bool:\n    return is_coach(user)",
    "def can_see_coach_dashboard(user) -> bool:\n    return True",
    coaching_rows("coach_dashboard"),
)
for who, old, new in (
    ("members", "Q(Exists(member)) | Q(Exists(coach))", "Q(Exists(coach))"),
    ("coaches", "Q(Exists(member)) | Q(Exists(coach)) | Q(", "Q(Exists(member)) | Q("),
    (
        "nobody else",
        "return Q(Exists(member)) | Q(Exists(coach)) | Q(Exists(agency))",
        "return Q()",
    ),
):
    rule(
        f"coaching.rules.may_view_organisation_q: {who}",
        RULES,
        old,
        new,
        [f"{COACHING}test_reminders_services.py"],
    )
rule(
    "coaching.reminders.selectors: the opt-out",
    "coaching/reminders/selectors.py",
    '.exclude(\n        **{f"{user}__reminder_preference__reminders_enabled": False}\n    )',
    "",
    [f"{COACHING}test_reminders_services.py"],
)
rule(
    "coaching.reminders.selectors: active accounts only",
    "coaching/reminders/selectors.py",
    'queryset.filter(**{f"{user}__is_active": True})',
    "queryset",
    [f"{COACHING}test_reminders_services.py"],
)
CALENDAR = "coaching/calendar/selectors.py"
for label, old, new in (
    (
        "an active account's feed",
        ".filter(token=token, user__is_active=True)",
        ".filter(token=token)",
    ),
    (
        "sessions of the user's enterprises",
        "        .filter(\n            Q(enrolment__organisation_id__in=member_of)"
        " | Q(enrolment__organisation_id__in=coach_of)\n        )\n",
        "",
    ),
    (
        "intervisions the user is invited to",
        "invited = Q(invitations__user=user) & (",
        "invited = Q() & (",
    ),
    (
        "invited, and still of the enterprise",
        "invited = Q(invitations__user=user) & (\n"
        "        Q(invitations__enrolment__organisation_id__in=member_of)\n"
        "        | Q(invitations__enrolment__organisation_id__in=coach_of)\n    )",
        "invited = Q(invitations__user=user)",
    ),
    (
        "intervisions of the coach's cohorts",
        "mine = Q(cohort__enrolments__organisation_id__in=coach_of) | invited",
        "mine = Q(cohort__enrolments__isnull=False) | invited",
    ),
    ("the actions the user owns", "owned = Q(owner=user) & (", "owned = Q() & ("),
    (
        "the actions of the user's plans",
        "own_plans = Q(plan__organisation_id__in=member_of)",
        "own_plans = Q()",
    ),
    (
        "owned, and still of the enterprise",
        "owned = Q(owner=user) & (\n        Q(plan__organisation_id__in=member_of)"
        " | Q(plan__organisation_id__in=coach_of)\n    )",
        "owned = Q(owner=user)",
    ),
):
    rule(
        f"coaching.calendar.selectors: {label}", CALENDAR, old, new, [f"{COACHING}test_calendar.py"]
    )
rule(
    "coaching.sessions.services.question_ask: an anonymous question keeps no author",
    "coaching/sessions/services.py",
    "author=None if anonymous else asked_by",
    "author=asked_by",
    [f"{COACHING}test_sessions_views.py", f"{COACHING}test_sessions_services.py", "-k", "anonym"],
)
rule(
    "coaching.sessions.selectors.questions_by_theme: participants never see an author",
    "coaching/sessions/selectors.py",
    "    if participant is None:\n        questions = questions.select_related",
    "    if True:\n        questions = questions.select_related",
    [f"{COACHING}test_sessions_views.py", "-k", "question or who_asked"],
)
rule(
    "templates: participants' questions are listed without their author",
    "templates/coaching/sessions/_intervision_questions.html",
    "{% if can_organise %}\n          {% include",
    "{% if True %}\n          {% include",
    [f"{COACHING}test_sessions_views.py", "-k", "question or who_asked"],
)


DASHBOARDS = "coaching/dashboards/selectors.py"
rule(
    "coaching.dashboards.selectors.member_plans: the member's own enterprises only (the "
    "dashboard also looks them up by membership: expected redundant)",
    DASHBOARDS,
    "Enrolment.objects.filter(organisation_id__in=organisation_ids)\n",
    "Enrolment.objects.all()\n",
    [f"{COACHING}test_dashboards_views.py", "-k", "member or median"],
)
rule(
    "coaching.dashboards.selectors: no median of fewer than three plans (another's figure)",
    DASHBOARDS,
    "if len(figures) >= MEDIAN_MIN_PLANS else None",
    "if figures else None",
    [f"{COACHING}test_dashboards_views.py", "-k", "member or median"],
)


# --- grants -------------------------------------------------------------------------------
# Every view asks grants.rules (or its parts' rules) for the application, the assignment, the
# letter or the expense; each flag it passes is a guard of its own, and so is each clause of
# the rules that the flags ask.
GRANTS = "tests/grants/"
GUARDS_RULES = f"{GRANTS}test_guards_rules.py"
GUARDS_PAGES = f"{GRANTS}test_guards_pages.py"
CORE, APPLY = "grants/views.py", "grants/apply/views.py"
REVIEW, DECISIONS = "grants/review/views.py", "grants/decisions/views.py"
PAYMENTS, CALLS = "grants/payments/views.py", "grants/calls/views.py"
PIPELINE = "grants/pipeline/views.py"


def flagless(path, function, flag, name, call="get_application_for("):
    edit = lambda: in_function(path, function, f", {flag}=True", "")  # noqa: E731
    GUARDS.append((f"{path}:{function}: {call.rstrip('(')} {flag}=True", edit, rows(name)))


def grants_rows(*names):
    return [MATRIX, "-k", " or ".join(f"grants:{name}-" for name in names)]


def grants_and(names, *modules):
    """The matrix rows of grants' `names`, and every test of `modules` (one -k for all)."""
    return rows_and(" or ".join(f"grants:{name}-" for name in names), *modules)


unchecked(CORE, "application_detail", "grants:application_detail-", "get_application_for(")
for view in ("application_step", "attachment_delete"):
    unchecked(APPLY, view, f"grants:{view}-", "get_application_for(")
    flagless(APPLY, view, "edit", f"grants:{view}-")
unchecked(APPLY, "attachment_download", "grants:attachment_download-", "get_application_for(")
for view in ("application_submit", "application_withdraw", "application_respond"):
    unchecked(APPLY, view, f"grants:{view}-", "get_application_for(")
    flagless(APPLY, view, "applicant", f"grants:{view}-")
rule(
    "grants.apply.views.application_start: published calls only",
    APPLY,
    "get_object_or_404(Call.objects.published(), slug=slug)",
    "get_object_or_404(Call.objects.all(), slug=slug)",
    grants_and(("application_start",), GUARDS_PAGES),
)
GUARDS.append(
    (
        f"{APPLY}:application_start: organisations_to_apply_for (whose applications)",
        lambda: in_function(
            APPLY,
            "application_start",
            "organisations = organisations_to_apply_for(",
            "organisations = _unguarded.organisations_to_apply_for(",
        ),
        grants_and(("application_start",), GUARDS_PAGES),
    )
)
rule(
    "grants.apply.views.attachment_delete: the attachment is the application's",
    APPLY,
    "get_object_or_404(Attachment, pk=attachment_pk, application=application)",
    "get_object_or_404(Attachment, pk=attachment_pk)",
    [GUARDS_PAGES, "-k", "attachment"],
)
for view in ("reviewer_assign", "reviewer_unassign", "application_reviews"):
    unchecked(REVIEW, view, f"grants:{view}-", "get_application_for(")
    unmanaged(REVIEW, view, f"grants:{view}-")
rule(
    "grants.review.views.reviewer_unassign: the assignment is the application's",
    REVIEW,
    ".filter(pk=assignment_pk, application=application)",
    ".filter(pk=assignment_pk)",
    [GUARDS_PAGES, "-k", "unassign"],
)
rule(
    "grants.review.views.review_home: reviewers, agency staff, the assigned",
    REVIEW,
    "if not (is_reviewer(user) or is_agency_staff(user) or selectors.has_assignments(user)):",
    "if False:",
    grants_rows("review_home"),
)
for view in ("review_declare", "review_form"):
    unchecked(REVIEW, view, f"grants:{view}-", "get_assignment_for(")
unchecked(
    DECISIONS,
    "_simple_move",
    "grants:application_screen- or grants:application_send_to_review-",
    "get_application_for(",
)
unmanaged(
    DECISIONS, "_simple_move", "grants:application_screen- or grants:application_send_to_review-"
)
for view in ("application_request_info", "application_decide", "application_sign"):
    unchecked(DECISIONS, view, f"grants:{view}-", "get_application_for(")
    unmanaged(DECISIONS, view, f"grants:{view}-")
unchecked(DECISIONS, "letter_download", "grants:letter_download-", "get_letter_for(")
unchecked(DECISIONS, "letter_retry", "grants:letter_retry-", "get_letter_for(")
unmanaged(DECISIONS, "letter_retry", "grants:letter_retry-")
for view in ("payment_create", "report_send_back"):
    unchecked(PAYMENTS, view, f"grants:{view}-", "get_application_for(")
    unmanaged(PAYMENTS, view, f"grants:{view}-")
unchecked(PAYMENTS, "expense_check", "grants:expense_check-", "get_expense_for(")
unmanaged(PAYMENTS, "expense_check", "grants:expense_check-")
for view in ("final_report", "expense_add", "final_report_submit"):
    unchecked(PAYMENTS, view, f"grants:{view}-", "get_report_application_for(")
    flagless(PAYMENTS, view, "applicant", f"grants:{view}-", "get_report_application_for(")
unchecked(PAYMENTS, "expense_delete", "grants:expense_delete-", "get_expense_for(")
flagless(PAYMENTS, "expense_delete", "applicant", "grants:expense_delete-", "get_expense_for(")
unchecked(PAYMENTS, "expense_file", "grants:expense_file-", "get_expense_for(")
unchecked(CALLS, "call_detail", "grants:call_detail-", "rules.check_can_see(")
GUARDS[-1] = (*GUARDS[-1][:2], grants_and(("call_detail",), f"{GRANTS}test_calls_views.py"))
for view in ("staff_calls", "call_create", "call_edit", "call_criteria", "call_publish"):
    undecorated(CALLS, view, "agency_staff_required", f"grants:{view}-")
undecorated(CALLS, "call_overview", "agency_staff_required", "grants:call_overview-")
for view in (
    "pipeline",
    "export_csv",
    "export_xlsx",
    "de_minimis_register",
    "de_minimis_csv",
    "de_minimis_xlsx",
):
    undecorated(PIPELINE, view, "agency_staff_required", f"grants:{view}-")

# grants.rules: get_application_for's answer for each flag, and ApplicationAccess.
RULES_GRANTS = "grants/rules.py"
for label, old, new, args in (
    (
        "_check: strangers get 404",
        "    if not access.can_view:\n        raise Http404\n    if not allowed:",
        "    if not allowed:",
        grants_rows("application_detail", "application_step"),
    ),
    (
        "_check: those who may not do it get 403",
        "    if not allowed:\n        raise PermissionDenied",
        "    if False:\n        raise PermissionDenied",
        grants_rows("application_step", "application_decide"),
    ),
    (
        "get_application_for: edit",
        "(not edit or access.can_edit)",
        "True",
        grants_and(("application_step",), GUARDS_RULES),
    ),
    (
        "get_application_for: applicant",
        "(not applicant or access.is_member)",
        "True",
        grants_and(("application_submit",), GUARDS_RULES),
    ),
    (
        "get_application_for: manage",
        "(not manage or access.can_manage)",
        "True",
        grants_and(("application_decide",), GUARDS_RULES),
    ),
    (
        "get_application_for: review",
        "(not review or access.can_review)",
        "True",
        [GUARDS_RULES],
    ),
    (
        "ApplicationAccess.can_view",
        "return self.organisation.can_view or self.is_reviewer",
        "return True",
        grants_and(("application_detail",), GUARDS_RULES),
    ),
    (
        "ApplicationAccess.can_edit: members",
        "return self.is_member and self.application.is_editable",
        "return self.application.is_editable",
        grants_and(("application_step",), GUARDS_RULES),
    ),
    (
        "ApplicationAccess.can_edit: while editable",
        "return self.is_member and self.application.is_editable",
        "return self.is_member",
        [GUARDS_RULES, GUARDS_PAGES, f"{GRANTS}test_apply_views.py"],
    ),
    (
        "ApplicationAccess.can_manage: agency staff",
        "def can_manage(self) -> bool:\n        return self.is_agency",
        "def can_manage(self) -> bool:\n        return True",
        grants_and(("application_decide",), GUARDS_RULES),
    ),
    (
        "ApplicationAccess.can_review: the assigned reviewer",
        "        return self.is_reviewer\n\n    @property\n    def sees_internal",
        "        return True\n\n    @property\n    def sees_internal",
        [GUARDS_RULES],
    ),
    (
        "ApplicationAccess.sees_internal: agency staff",
        'agency staff only."""\n        return self.is_agency',
        'agency staff only."""\n        return True',
        [GUARDS_RULES, GUARDS_PAGES, f"{GRANTS}test_decisions_views.py"],
    ),
    (
        "agency rights need TOTP (is_agency_staff, not is_agency_member)",
        "from digitalees.roles import is_agency_staff\n",
        "from digitalees.roles import is_agency_member as is_agency_staff\n",
        grants_and(
            (
                "application_decide",
                "application_detail",
            ),
            GUARDS_RULES,
        ),
    ),
    (
        "ApplicationAccess.may_move: a move of the table",
        "        if move is None:\n            return False\n",
        "        if move is None:\n            return True\n",
        [GUARDS_RULES],
    ),
    (
        "ApplicationAccess.may_move: the applicant's moves, its members",
        "            return self.is_member\n",
        "            return True\n",
        [GUARDS_RULES],
    ),
    (
        "ApplicationAccess.may_move: the agency's moves, agency staff",
        "return move.actor == AGENCY and self.is_agency",
        "return move.actor == AGENCY",
        [GUARDS_RULES],
    ),
    (
        "ApplicationAccess.assignment: a declared conflict takes the reviewer off",
        "            .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)\n"
        "            .first()",
        "            .first()",
        grants_and(("application_detail",), GUARDS_RULES, GUARDS_PAGES),
    ),
    (
        "ApplicationAccess.assignment: the user's own",
        "ReviewerAssignment.objects.filter(application=self.application, reviewer=self.user)",
        "ReviewerAssignment.objects.filter(application=self.application)",
        grants_and(("application_detail",), GUARDS_RULES),
    ),
    (
        "get_assignment_for: its reviewer only",
        ".filter(pk=pk, reviewer_id=request.user.pk if request.user.is_authenticated else None)",
        ".filter(pk=pk)",
        grants_rows("review_form", "review_declare"),
    ),
    (
        "get_assignment_for: not once a conflict is declared",
        "else None)\n        .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)\n",
        "else None)\n",
        [GUARDS_RULES, GUARDS_PAGES, f"{GRANTS}test_review_views.py"],
    ),
    (
        "applications_visible_to: nothing for anonymous visitors",
        "    if not user.is_authenticated:\n        return Application.objects.none()\n"
        "    if is_agency_staff(user):",
        "    if is_agency_staff(user):",
        [GUARDS_RULES],
    ),
    (
        "applications_visible_to: all for agency staff only",
        "    if is_agency_staff(user):\n        return Application.objects.all()",
        "    if True:\n        return Application.objects.all()",
        [GUARDS_RULES],
    ),
    (
        "applications_visible_to: a declared conflict takes the reviewer off",
        "reviewing = ReviewerAssignment.objects.filter(reviewer=user).exclude(\n"
        "        declaration=ReviewerAssignment.Declaration.CONFLICT\n    )",
        "reviewing = ReviewerAssignment.objects.filter(reviewer=user)",
        [GUARDS_RULES, f"{GRANTS}test_demo.py"],
    ),
    (
        "applications_visible_to: the user's memberships",
        'Membership.objects.filter(user=user).values("organisation_id")',
        'Membership.objects.values("organisation_id")',
        [GUARDS_RULES],
    ),
    (
        "applications_visible_to: the user's coaching",
        'CoachAssignment.objects.filter(coach=user).values("organisation_id")',
        'CoachAssignment.objects.values("organisation_id")',
        [GUARDS_RULES],
    ),
    (
        "applications_visible_to: the user's own assignments",
        "reviewing = ReviewerAssignment.objects.filter(reviewer=user).exclude(",
        "reviewing = ReviewerAssignment.objects.exclude(",
        [GUARDS_RULES, f"{GRANTS}test_demo.py"],
    ),
    (
        "organisations_to_apply_for: the user's organisations",
        'Organisation.objects.filter(memberships__user=user).order_by("name")',
        'Organisation.objects.order_by("name")',
        grants_and(("application_start",), GUARDS_RULES, GUARDS_PAGES),
    ),
):
    rule(f"grants.rules.{label}", RULES_GRANTS, old, new, args)

# The parts' own rules.
for label, path, old, new, args in (
    (
        "calls.rules.can_see: a draft call exists for agency staff only",
        "grants/calls/rules.py",
        "return call.is_published or is_agency_staff(user)",
        "return True",
        grants_and(("call_detail",), f"{GRANTS}test_calls_views.py"),
    ),
    (
        "calls.rules.may_apply: open calls only",
        "grants/calls/rules.py",
        "return applies_somewhere and call.is_open()",
        "return applies_somewhere",
        [f"{GRANTS}test_calls_views.py", GUARDS_PAGES],
    ),
    (
        "calls.rules.may_apply: those who apply for some organisation",
        "grants/calls/rules.py",
        "return applies_somewhere and call.is_open()",
        "return call.is_open()",
        [f"{GRANTS}test_calls_views.py", GUARDS_PAGES],
    ),
    (
        "decisions.rules.get_letter_for: strangers get 404",
        "grants/decisions/rules.py",
        "    if not access.can_view:\n        raise Http404\n",
        "",
        grants_rows("letter_download", "letter_retry"),
    ),
    (
        "decisions.rules.get_letter_for: reviewers get 403",
        "grants/decisions/rules.py",
        "if not access.organisation.can_view or (manage and not access.can_manage):",
        "if manage and not access.can_manage:",
        grants_rows("letter_download", "letter_retry"),
    ),
    (
        "decisions.rules.get_letter_for: manage",
        "grants/decisions/rules.py",
        "if not access.organisation.can_view or (manage and not access.can_manage):",
        "if not access.organisation.can_view:",
        grants_rows("letter_retry"),
    ),
    (
        "payments.rules._check: strangers get 404",
        "grants/payments/rules.py",
        "    if not access.can_view:\n        raise Http404\n",
        "",
        grants_rows("expense_file", "expense_delete", "expense_check"),
    ),
    (
        "payments.rules._check: reviewers get 403",
        "grants/payments/rules.py",
        "if not (access.organisation.can_view and allowed):",
        "if not allowed:",
        grants_rows("final_report", "expense_file"),
    ),
    (
        "payments.rules._check: those who may not do it get 403",
        "grants/payments/rules.py",
        "if not (access.organisation.can_view and allowed):",
        "if not access.organisation.can_view:",
        grants_rows("final_report_submit", "expense_delete", "expense_check"),
    ),
    (
        "payments.rules.get_report_application_for: applicant",
        "grants/payments/rules.py",
        "_check(access, not applicant or access.is_member)",
        "_check(access, True)",
        grants_rows("final_report_submit", "expense_add"),
    ),
    (
        "payments.rules.get_expense_for: applicant",
        "grants/payments/rules.py",
        "allowed = (not applicant or access.is_member) and",
        "allowed = True and",
        grants_rows("expense_delete"),
    ),
    (
        "payments.rules.get_expense_for: manage",
        "grants/payments/rules.py",
        "and (not manage or access.can_manage)",
        "and True",
        grants_rows("expense_check"),
    ),
):
    rule(f"grants.{label}", path, old, new, args)

# What the application's page shows each reader: the panels and the timeline.
PAGE_TESTS = [GUARDS_PAGES, f"{GRANTS}test_decisions_views.py", f"{GRANTS}test_review_views.py"]
PAGE_TESTS += [f"{GRANTS}test_payments_views.py", f"{GRANTS}test_apply_views.py"]
for label, path, old, new in (
    (
        "grants.views.application_detail: internal comments for agency staff only",
        CORE,
        "internal=access.sees_internal",
        "internal=True",
    ),
    (
        "grants.views.application_detail: the timeline, not for reviewers",
        CORE,
        "            if access.organisation.can_view\n            else []",
        "            if True\n            else []",
    ),
    (
        "grants.selectors.timeline: the internal comment only when asked",
        "grants/selectors.py",
        'internal_comment=change.internal_comment if internal else ""',
        "internal_comment=change.internal_comment",
    ),
    (
        "templates: the timeline shown to those who see the organisation",
        "templates/grants/application_detail.html",
        "{% if timeline or access.organisation.can_view %}",
        "{% if True %}",
    ),
    (
        "grants.apply.selectors.panel: the applicant's panel for members only",
        "grants/apply/selectors.py",
        "    if not access.is_member:\n        return {}\n",
        "",
    ),
    (
        "grants.review.selectors.panel: scores and reviewers' names for agency staff only",
        "grants/review/selectors.py",
        "    if access.is_agency:\n        rows = [StaffRow",
        "    if True:\n        rows = [StaffRow",
    ),
    (
        "grants.review.selectors.panel: shared comments for those who see the organisation",
        "grants/review/selectors.py",
        '    if access.organisation.can_view and not access.is_agency:\n        result["shared"]',
        '    if True:\n        result["shared"]',
    ),
    (
        "grants.review.selectors.shared_comments: the comments shared only",
        "grants/review/selectors.py",
        "            comment_shared=True,\n",
        "",
    ),
    (
        "grants.review.selectors.shared_comments: of submitted reviews only",
        "grants/review/selectors.py",
        "            submitted_at__isnull=False,\n        )\n        .exclude(",
        "        )\n        .exclude(",
    ),
    (
        "grants.decisions.selectors.panel: not for reviewers",
        "grants/decisions/selectors.py",
        "    if not access.organisation.can_view:\n        return {}",
        "    if False:\n        return {}",
    ),
    (
        "grants.decisions.selectors.panel: the agency's moves for agency staff only",
        "grants/decisions/selectors.py",
        "    if access.can_manage:\n        result.update(",
        "    if True:\n        result.update(",
    ),
    (
        "grants.payments.selectors.panel: not for reviewers",
        "grants/payments/selectors.py",
        "if not access.organisation.can_view or application.status not in PAYABLE:",
        "if application.status not in PAYABLE:",
    ),
    (
        "grants.payments.selectors.panel: the next tranche for agency staff only",
        "grants/payments/selectors.py",
        "kind = next_tranche(application, payments) if access.can_manage else None",
        "kind = next_tranche(application, payments)",
    ),
    (
        "grants.review.selectors.home: a declared conflict takes the reviewer off",
        "grants/review/selectors.py",
        "        ReviewerAssignment.objects.filter(reviewer=user)\n"
        "        .exclude(declaration=ReviewerAssignment.Declaration.CONFLICT)\n",
        "        ReviewerAssignment.objects.filter(reviewer=user)\n",
    ),
    (
        "grants.review.selectors.assignable_reviewers: not a member of the applicant",
        "grants/review/selectors.py",
        "        Q(memberships__organisation_id=application.organisation_id)\n        | Q(",
        "        Q(",
    ),
):
    rule(label, path, old, new, PAGE_TESTS)


# Anonymous visitors are sent to log in (grants.rules would answer them 404).
for path, views in (
    (CORE, ("application_detail",)),
    (
        APPLY,
        (
            "application_list",
            "application_start",
            "application_step",
            "attachment_delete",
            "attachment_download",
            "application_submit",
            "application_withdraw",
            "application_respond",
        ),
    ),
    (
        DECISIONS,
        (
            "application_screen",
            "application_send_to_review",
            "application_request_info",
            "application_decide",
            "application_sign",
            "letter_download",
            "letter_retry",
        ),
    ),
    (
        PAYMENTS,
        (
            "payment_create",
            "expense_check",
            "report_send_back",
            "final_report",
            "expense_add",
            "expense_delete",
            "expense_file",
            "final_report_submit",
        ),
    ),
    (
        REVIEW,
        (
            "reviewer_assign",
            "reviewer_unassign",
            "application_reviews",
            "review_home",
            "review_declare",
            "review_form",
        ),
    ),
):
    for view in views:
        undecorated(path, view, "login_required", f"grants:{view}-")


# Lists: an applicant's applications, the calls the public (and applicants) see.
rule(
    "grants.apply.selectors.applications_of: the user's organisations' applications",
    "grants/apply/selectors.py",
    "Application.objects.filter(organisation__memberships__user=user)",
    "Application.objects.all()",
    [f"{GRANTS}test_apply_views.py", GUARDS_PAGES, "-k", "list"],
)
rule(
    "grants.calls.selectors.public_calls: published calls only",
    "grants/calls/selectors.py",
    'calls = list(Call.objects.published().order_by("deadline", "pk"))',
    'calls = list(Call.objects.order_by("deadline", "pk"))',
    [f"{GRANTS}test_calls_views.py"],
)
rule(
    "grants.models.CallQuerySet.open: published calls only",
    "grants/models.py",
    "return self.published().filter(opens_at__lte=now, deadline__gt=now)",
    "return self.filter(opens_at__lte=now, deadline__gt=now)",
    [f"{GRANTS}test_calls_views.py", f"{GRANTS}test_apply_views.py", GUARDS_PAGES],
)


# --- network (issue 11) -----------------------------------------------------------------
# The public network's parts: each rules helper a view calls (fetched unguarded instead), each
# right it asks for, each access decorator (and require_POST on actions: a GET must change
# nothing), the selectors that keep private rows out of public lists, the signed links, the
# contact relay's hidden addresses and limits, the public figures' small groups.
DIRECTORY, CONTACT = "network/directory/views.py", "network/contact/views.py"
EXPERIENCES, EVENTS = "network/experiences/views.py", "network/events/views.py"
LIBRARY, NEWSLETTER = "network/library/views.py", "network/newsletter/views.py"
NET = "tests/network/"
NET_GUARDS = f"{NET}test_network_guards.py"  # the tests written for the guards below
T_DIRECTORY = (f"{NET}test_directory_profile.py", f"{NET}test_directory_list.py")
T_CONTACT = (f"{NET}test_contact.py",)
T_EXPERIENCES = (f"{NET}test_experiences_views.py", f"{NET}test_experiences_services.py")
T_EVENTS = (f"{NET}test_events_views.py", f"{NET}test_events_services.py")
T_LIBRARY = (f"{NET}test_library_public.py", f"{NET}test_library_staff.py")
T_NEWSLETTER = (f"{NET}test_newsletter_views.py", f"{NET}test_newsletter_digest.py")
T_STATISTICS = ("tests/digitalees/test_statistics.py",)


def network_rows(*names):
    return [MATRIX, "-k", " or ".join(f"network:{name}-" for name in names)]


def network_and(names, *modules):
    return rows_and(" or ".join(f"network:{name}-" for name in names), *modules)


def inside(label, path, function, old, new, args):
    GUARDS.append((label, lambda: in_function(path, function, old, new), args))


def net_unchecked(path, function, names, call, *modules):
    label = f"{path}:{function}: {call.rstrip('(')} (who may see)"
    edit = lambda: in_function(path, function, call, "_unguarded." + HELPERS[call])  # noqa: E731
    GUARDS.append((label, edit, network_and(names, *modules)))


def net_undecorated(path, views, decorator, *modules):
    for view, name in views:
        edit = lambda view=view: drop_decorator(path, view, decorator)  # noqa: E731
        label = f"{path}:{view}: @{decorator}"
        GUARDS.append((label, edit, network_and((name,), *modules)))


def named(*views):
    return [(view, view) for view in views]


# The directory: a private profile does not exist for visitors; its admins choose.
net_unchecked(DIRECTORY, "profile", ("profile",), "public_organisation(", *T_DIRECTORY)
for view in ("public_profile_preview", "public_profile_edit", "public_profile_save"):
    net_unchecked(DIRECTORY, view, (view,), "get_organisation_for(", *T_DIRECTORY)
for view in ("public_profile_edit", "public_profile_save"):
    GUARDS.append(
        (
            f"{DIRECTORY}:{view}: manage=True",
            lambda view=view: in_function(DIRECTORY, view, ", manage=True", ""),
            network_and((view,), *T_DIRECTORY),
        )
    )
net_undecorated(
    DIRECTORY,
    named("public_profile_preview", "public_profile_edit", "public_profile_save"),
    "login_required",
)
net_undecorated(DIRECTORY, named("public_profile_save"), "require_POST")
rule(
    "network.rules.public_organisation: opted-in organisations only",
    "network/rules.py",
    "organisation = Organisation.objects.public().filter(slug=slug).first()",
    "organisation = Organisation.objects.filter(slug=slug).first()",
    network_and(("profile", "contact_create"), *T_DIRECTORY, *T_CONTACT),
)
rule(
    "network.directory.selectors.public_organisations: opted-in organisations only",
    "network/directory/selectors.py",
    "    return Organisation.objects.public()\n",
    "    return Organisation.objects.all()\n",
    [*T_DIRECTORY],
)
rule(
    "network.directory.selectors.search: a hidden municipality is not searched",
    "network/directory/selectors.py",
    "        | Q(public_municipality=True, folded_municipality__contains=word)\n",
    "        | Q(folded_municipality__contains=word)\n",
    [*T_DIRECTORY],
)
rule(
    "network.directory.selectors.search: a hidden social purpose is not searched",
    "network/directory/selectors.py",
    "        | Q(public_social_purpose=True, folded_purpose__contains=word)\n",
    "        | Q(folded_purpose__contains=word)\n",
    [*T_DIRECTORY],
)
rule(
    "network.directory.selectors.search: all shown, or searched in the shown parts",
    "network/directory/selectors.py",
    "return (shows_all & Q(search_text__contains=word)) | (~shows_all & in_shown_parts)",
    "return Q(search_text__contains=word)",
    [*T_DIRECTORY],
)
rule(
    "network.directory.selectors.with_theme: published experiences' themes only",
    "network/directory/selectors.py",
    '        experience__organisation=OuterRef("pk"),\n'
    "        experience__status=Experience.Status.PUBLISHED,\n",
    '        experience__organisation=OuterRef("pk"),\n',
    [*T_DIRECTORY],
)
rule(
    "network.directory.selectors.profile_themes: published experiences' themes only",
    "network/directory/selectors.py",
    "        experience__organisation=organisation,\n"
    "        experience__status=Experience.Status.PUBLISHED,\n",
    "        experience__organisation=organisation,\n",
    [*T_DIRECTORY],
)
rule(
    "network.directory.selectors.published_experiences: a profile lists published ones only",
    "network/directory/selectors.py",
    "        organisation.experiences.published()\n",
    "        organisation.experiences.all()\n",
    [*T_DIRECTORY],
)
for field, label in (
    ("public_municipality", "municipality"),
    ("public_social_purpose", "social purpose"),
    ("public_website", "website"),
    ("public_logo", "logo"),
):
    rule(
        f"templates/network/directory/profile.html: a hidden {label} is not shown",
        "templates/network/directory/profile.html",
        f"{{% if organisation.{field} ",
        "{% if True ",
        [*T_DIRECTORY],
    )
for field, label in (
    ("public_municipality", "municipality"),
    ("public_social_purpose", "social purpose"),
    ("public_logo", "logo"),
):
    rule(
        f"templates/network/directory/directory.html: a hidden {label} is not shown",
        "templates/network/directory/directory.html",
        f"{{% if organisation.{field} ",
        "{% if True ",
        [*T_DIRECTORY],
    )
rule(
    "network.directory.rules.may_offer_contact: organisations that accept messages",
    "network/directory/rules.py",
    "if not organisation.accepts_contact or not getattr(",
    "if not getattr(",
    [*T_DIRECTORY],
)
rule(
    "network.directory.rules.may_offer_contact: not to one's own organisation",
    "network/directory/rules.py",
    "Membership.objects.filter(user=user).exclude(organisation=organisation).exists()",
    "Membership.objects.filter(user=user).exists()",
    [*T_DIRECTORY],
)

# The contact relay: members write to public organisations that accept messages; a thread
# is its two sides'; addresses stay hidden until the organisation written to answers.
net_unchecked(
    CONTACT,
    "_target",
    ("contact_create", "contact_create_send"),
    "public_organisation(",
    *T_CONTACT,
)
inside(
    "network.contact.views._target: organisations that accept messages",
    CONTACT,
    "_target",
    "    if not organisation.accepts_contact:\n        raise Http404\n",
    "",
    network_and(("contact_create", "contact_create_send"), *T_CONTACT),
)
inside(
    "network.contact.views._refusal: not to one's own organisation",
    CONTACT,
    "_refusal",
    "if request.user.memberships.filter(organisation=organisation).exists():",
    "if False:",
    network_and(("contact_create", "contact_create_send"), *T_CONTACT),
)
inside(
    "network.contact.views._refusal: members of an organisation only",
    CONTACT,
    "_refusal",
    "elif not request.user.memberships.exists():",
    "elif False:",
    network_and(("contact_create", "contact_create_send"), *T_CONTACT),
)
for view in ("contact_thread", "contact_reply"):
    net_unchecked(CONTACT, view, (view,), "get_thread_for(", *T_CONTACT)
net_undecorated(
    CONTACT,
    named("contact_create", "contact_create_send", "contact_threads", "contact_thread")
    + named("contact_reply"),
    "login_required",
)
net_undecorated(CONTACT, named("contact_create_send", "contact_reply"), "require_POST")
CONTACT_RULES = "network/contact/rules.py"
for label, old, new in (
    (
        "is_sender: the thread's own sender",
        "return self.user.is_authenticated and self.thread.sender_id == self.user.pk",
        "return self.user.is_authenticated",
    ),
    (
        "is_recipient: a member of the organisation written to",
        "user=self.user, organisation_id=self.thread.to_organisation_id\n        ).exists()",
        "user=self.user\n        ).exists()",
    ),
    (
        "can_view: the two sides only",
        "        return self.is_sender or self.is_recipient\n",
        "        return self.user.is_authenticated\n",
    ),
    (
        "get_thread_for: others get 404",
        "    if not access.can_view:\n        raise Http404\n",
        "",
    ),
    (
        "sees_addresses: once answered",
        "return self.can_view and self.thread.replied_at is not None",
        "return self.can_view",
    ),
):
    rule(
        f"network.contact.rules.{label}",
        CONTACT_RULES,
        old,
        new,
        network_and(("contact_thread", "contact_reply"), *T_CONTACT),
    )
inside(
    "network.contact.views._thread_page: the other side's address once answered",
    CONTACT,
    "_thread_page",
    '"other_email": other_email if access.sees_addresses else "",',
    '"other_email": other_email,',
    [*T_CONTACT],
)
rule(
    "templates/network/contact/thread.html: the other side's address once answered",
    "templates/network/contact/thread.html",
    "      {% if sees_addresses %}\n        <section",
    "      {% if True %}\n        <section",
    [*T_CONTACT],
)
rule(
    "templates/network/contact/thread.html: authors' addresses once answered",
    "templates/network/contact/thread.html",
    "{% if sees_addresses and message.author and not message.mine %}",
    "{% if message.author and not message.mine %}",
    [*T_CONTACT],
)
CONTACT_SERVICES = "network/contact/services.py"
for label, old, new in (
    (
        "_relay: the author's address in the e-mail once answered",
        '"author_email": author.email if author and revealed else "",',
        '"author_email": author.email if author else "",',
    ),
    (
        "_relay: Reply-To once answered",
        'headers = {"Reply-To": author.email} if author and revealed else None',
        'headers = {"Reply-To": author.email} if author else None',
    ),
    (
        "contact_reply: only the organisation written to reveals the addresses",
        "    if not is_sender and thread.replied_at is None:\n",
        "    if thread.replied_at is None:\n",
    ),
    (
        "contact_reply: strangers to the thread may not answer",
        "    if (\n        not is_sender\n        and not Membership.objects.filter(",
        "    if (\n        False\n        and not Membership.objects.filter(",
    ),
    (
        "_check_limits: so many organisations a day",
        "if threads.filter(created_at__gte=now - timedelta(days=1)).count() >= THREADS_PER_DAY:",
        "if False:",
    ),
    (
        "_check_limits: so many threads to one organisation a week",
        "    if recent.count() >= THREADS_PER_TARGET_PER_WEEK:\n",
        "    if False:\n",
    ),
    (
        "_check_limits: the sender's row lock (needs DATABASE_URL=postgres...)",
        "    User.objects.select_for_update().filter(pk=sender.pk).first()\n",
        "",
    ),
):
    rule(f"network.contact.services.{label}", CONTACT_SERVICES, old, new, [*T_CONTACT])
for label, old in (
    (
        "for one's own organisation",
        "    if not Membership.objects.filter(user=sender, organisation=from_organisation)"
        ".exists():\n",
    ),
    (
        "to a public organisation open to messages",
        "    if not (to_organisation.is_public and to_organisation.accepts_contact):\n",
    ),
    (
        "not to one's own organisation",
        "    if Membership.objects.filter(user=sender, organisation=to_organisation).exists():\n",
    ),
):
    inside(
        f"network.contact.services.contact_thread_create: {label}",
        CONTACT_SERVICES,
        "contact_thread_create",
        old,
        "    if False:\n",
        [*T_CONTACT, NET_GUARDS, "-k", "service or own_organisation"],
    )
inside(
    "network.contact.views.contact_create_send: the per-client limit",
    CONTACT,
    "contact_create_send",
    'if not ratelimit.allow(request, "contact_create", **CLIENT_LIMIT):',
    "if False:",
    [*T_CONTACT],
)
rule(
    "network.contact.selectors.threads_of: the user's own threads",
    "network/contact/selectors.py",
    "ContactThread.objects.filter(Q(sender=user) | Q(to_organisation__in=organisations))",
    "ContactThread.objects.filter(Q())",
    [*T_CONTACT],
)
rule(
    "network.contact.selectors.writable_organisations: not the organisation written to",
    "network/contact/selectors.py",
    "        .exclude(organisation=target)\n",
    "",
    [*T_CONTACT],
)

# Experiences: public once published; before, their organisation's private data.
for view in ("organisation_experiences", "experience_create"):
    net_unchecked(EXPERIENCES, view, (view,), "get_organisation_for(", *T_EXPERIENCES)
inside(
    "network.experiences.views.experience_create: members write",
    EXPERIENCES,
    "experience_create",
    "    if not access.is_member:\n        raise PermissionDenied\n",
    "",
    network_and(("experience_create",), *T_EXPERIENCES),
)
for view, name in (
    ("experience_edit", "experience_edit"),
    ("experience_save", "experience_save"),
    ("experience_submit", "experience_submit"),
    ("photo_add", "experience_photo_add"),
    ("photo_remove", "experience_photo_remove"),
):
    net_unchecked(EXPERIENCES, view, (name,), "get_experience_for(", *T_EXPERIENCES)
    GUARDS.append(
        (
            f"{EXPERIENCES}:{view}: get_experience_for edit=True",
            lambda view=view: in_function(EXPERIENCES, view, ", edit=True", ""),
            network_and((name,), *T_EXPERIENCES),
        )
    )
inside(
    "network.experiences.views.experience_detail: an unpublished one for its people only",
    EXPERIENCES,
    "experience_detail",
    "        if not access.can_view_private:\n            raise Http404\n",
    "",
    network_and(("experience_detail",), *T_EXPERIENCES),
)
inside(
    "network.experiences.views.experience_preview: its organisation's people only",
    EXPERIENCES,
    "experience_preview",
    "    if not access.can_view_private:\n        raise Http404\n",
    "",
    network_and(("experience_preview",), *T_EXPERIENCES),
)
inside(
    "network.experiences.views.experience_photo: where its experience may be seen",
    EXPERIENCES,
    "experience_photo",
    "    if not access.can_view:\n        raise Http404\n",
    "",
    network_and(("experience_photo",), *T_EXPERIENCES),
)
inside(
    "network.experiences.views.experience_photo: an unpublished one's photo is not cached",
    EXPERIENCES,
    "experience_photo",
    '"public, max-age=300" if photo.experience.is_published else "private, no-store"',
    '"public, max-age=300"',
    [*T_EXPERIENCES],
)
net_undecorated(
    EXPERIENCES,
    named(
        "organisation_experiences",
        "experience_create",
        "experience_edit",
        "experience_save",
        "experience_preview",
        "experience_submit",
    )
    + [("photo_add", "experience_photo_add"), ("photo_remove", "experience_photo_remove")],
    "login_required",
)
net_undecorated(
    EXPERIENCES,
    named("experience_save", "experience_submit")
    + [("photo_add", "experience_photo_add"), ("photo_remove", "experience_photo_remove")]
    + named("experience_publish", "experience_return", "experience_refuse")
    + named("experience_unpublish"),
    "require_POST",
)
net_undecorated(
    EXPERIENCES,
    named("moderation_queue", "experience_moderate", "experience_publish", "experience_return")
    + named("experience_refuse", "experience_unpublish"),
    "agency_staff_required",
)
for label, old, new in (
    (
        "ExperienceAccess.can_view: published, or its organisation's people",
        "return self.experience.is_published or self.organisation.can_view",
        "return True",
    ),
    (
        "ExperienceAccess.can_view_private: its organisation's people",
        '        """The draft, the moderator\'s remarks, the moderation history."""\n'
        "        return self.organisation.can_view\n",
        '        """The draft, the moderator\'s remarks, the moderation history."""\n'
        "        return True\n",
    ),
    (
        "ExperienceAccess.can_edit: its members",
        "return self.organisation.is_member and self.experience.status in EDITABLE_EXPERIENCE",
        "return self.experience.status in EDITABLE_EXPERIENCE",
    ),
    (
        "ExperienceAccess.can_edit: while a draft or sent back",
        "return self.organisation.is_member and self.experience.status in EDITABLE_EXPERIENCE",
        "return self.organisation.is_member",
    ),
    (
        "ExperienceAccess.can_moderate: agency staff",
        "        return self.organisation.is_agency\n\n\ndef get_experience_for(",
        "        return True\n\n\ndef get_experience_for(",
    ),
    (
        "get_experience_for: strangers get 404",
        "    access = ExperienceAccess(request.user, experience)\n"
        "    if not access.can_view:\n        raise Http404\n",
        "    access = ExperienceAccess(request.user, experience)\n",
    ),
    (
        "get_experience_for: those who may see but not change get 403",
        "if (edit and not access.can_edit) or (moderate and not access.can_moderate):",
        "if False:",
    ),
):
    rule(
        f"network.rules.{label}",
        "network/rules.py",
        old,
        new,
        rows_and(
            "network:experience_ or network:organisation_experiences-",
            f"{NET}test_rules.py",
            *T_EXPERIENCES,
        ),
    )
EXPERIENCE_SELECTORS = "network/experiences/selectors.py"
for label, old, new in (
    (
        "published_experiences: published ones only",
        "    experiences = (\n        Experience.objects.published()\n",
        "    experiences = (\n        Experience.objects.all()\n",
    ),
    (
        "most_cited: published ones' items only",
        "ExperienceItem.objects.filter(kind=kind, experience__status=Experience.Status.PUBLISHED)",
        "ExperienceItem.objects.filter(kind=kind)",
    ),
    (
        "latest_published (the feed): published ones only",
        '        Experience.objects.published()\n        .select_related("organisation")\n'
        '        .order_by("-published_at", "-pk")[:limit]',
        '        Experience.objects.all()\n        .select_related("organisation")\n'
        '        .order_by("-published_at", "-pk")[:limit]',
    ),
):
    rule(
        f"network.experiences.selectors.{label}",
        EXPERIENCE_SELECTORS,
        old,
        new,
        [*T_EXPERIENCES],
    )

# Events: published ones are public, agency staff run them; registrations by signed links.
inside(
    "network.events.views._public_event: unpublished ones for agency staff only",
    EVENTS,
    "_public_event",
    "    if not event.is_published and not is_agency_staff(request.user):\n",
    "    if False:\n",
    network_and(("event_detail", "event_register", "event_ics"), *T_EVENTS),
)
inside(
    "network.events.views._public_event: agency staff preview unpublished ones",
    EVENTS,
    "_public_event",
    "    if not event.is_published and not is_agency_staff(request.user):\n",
    "    if not event.is_published:\n",
    network_and(("event_detail",), *T_EVENTS),
)
rule(
    "network.events.selectors.public_event_list: published events only",
    "network/events/selectors.py",
    "    events = Event.objects.published()\n",
    "    events = Event.objects.all()\n",
    [*T_EVENTS],
)
inside(
    "network.events.views.event_register: the visitors' per-client limit",
    EVENTS,
    "event_register",
    'if not ratelimit.allow(request, "event_registration", limit=10, period=3600):',
    "if False:",
    [*T_EVENTS],
)
inside(
    "network.events.views.event_register: once per person",
    EVENTS,
    "event_register",
    "    if _own_registration(request, event) is not None:\n",
    "    if False:\n",
    [*T_EVENTS],
)
EVENT_SERVICES = "network/events/services.py"
inside(
    "network.events.services.registration_from_token: signed",
    EVENT_SERVICES,
    "registration_from_token",
    "signing.loads(",
    "_unguarded.unsigned_loads(",
    network_and(("registration_",), *T_EVENTS),
)
inside(
    "network.events.services.registration_from_token: confirmation links expire",
    EVENT_SERVICES,
    "registration_from_token",
    "max_age=max_age)",
    "max_age=None)",
    [*T_EVENTS],
)
inside(
    "network.events.services.registration_from_token: the address it was signed for",
    EVENT_SERVICES,
    "registration_from_token",
    ' or registration.email.lower() != data.get("e"):',
    ":",
    [*T_EVENTS],
)
rule(
    "network.events.services: a confirmation link does not cancel",
    EVENT_SERVICES,
    'CANCEL_SALT = "network.events.registration.cancel"',
    "CANCEL_SALT = CONFIRM_SALT",
    [*T_EVENTS],
)
inside(
    "network.events.services.certificate_pk_from_token: signed",
    EVENT_SERVICES,
    "certificate_pk_from_token",
    "signing.loads(",
    "_unguarded.unsigned_loads(",
    network_and(("certificate_download",), *T_EVENTS),
)
net_undecorated(
    EVENTS,
    named("event_register", "registration_confirm_action", "registration_cancel_action")
    + named("staff_event_cancel", "staff_question_delete", "staff_registration_cancel")
    + named("staff_certificates_issue", "staff_certificate_retry"),
    "require_POST",
)
net_undecorated(
    EVENTS,
    named(
        "staff_event_list",
        "staff_event_create",
        "staff_event_edit",
        "staff_event_detail",
        "staff_event_cancel",
        "staff_question_create",
        "staff_question_edit",
        "staff_question_delete",
    )
    + named(
        "staff_registration_export",
        "staff_registration_cancel",
        "staff_attendance",
        "staff_event_message",
        "staff_certificates_issue",
        "staff_certificate_retry",
        "staff_certificate_download",
    ),
    "agency_staff_required",
)
inside(
    "network.events.views.staff_question_edit: the event's own question",
    EVENTS,
    "staff_question_edit",
    "get_object_or_404(event.questions, pk=question_pk)",
    "get_object_or_404(EventQuestion, pk=question_pk)",
    [*T_EVENTS],
)
inside(
    "network.events.views.staff_question_delete: the event's own question",
    EVENTS,
    "staff_question_delete",
    "get_object_or_404(event.questions, pk=question_pk)",
    "get_object_or_404(EventQuestion, pk=question_pk)",
    [*T_EVENTS],
)
inside(
    "network.events.views.staff_registration_cancel: the event's own registration",
    EVENTS,
    "staff_registration_cancel",
    "get_object_or_404(event.registrations, pk=registration_pk)",
    "get_object_or_404(Registration, pk=registration_pk)",
    [*T_EVENTS],
)
rule(
    "network.events.services: a message to those present reaches those present only",
    EVENT_SERVICES,
    "return event.registrations.holding_seat().filter(attendance=AttendanceStatus.PRESENT)",
    "return event.registrations.holding_seat()",
    [f"{NET}test_events_services.py", "-k", "message_goes_only"],
)
rule(
    "network.events.certificates: certificates for those present only",
    "network/events/certificates.py",
    "        attendance=AttendanceStatus.PRESENT,\n        certificate__isnull=True,\n",
    "        certificate__isnull=True,\n",
    [f"{NET}test_events_services.py", "-k", "certificates_for_those_present"],
)

# The library: published resources that open something are public; agency staff edit.
rule(
    "network.library.selectors.public_resources: published, and opens something",
    "network/library/selectors.py",
    "    qs = Resource.objects.published().openable()\n",
    "    qs = Resource.objects.all()\n",
    [*T_LIBRARY],
)
inside(
    "network.library.views.resource_detail: agency staff preview unpublished ones",
    LIBRARY,
    "resource_detail",
    "Resource.objects.all() if staff else Resource.objects.published().openable()",
    "Resource.objects.published().openable()",
    network_and(("resource_detail",), *T_LIBRARY),
)
net_undecorated(
    LIBRARY,
    named("staff_resource_publish", "staff_resource_unpublish", "staff_resource_delete"),
    "require_POST",
)
net_undecorated(
    LIBRARY,
    named("staff_resource_list", "staff_resource_create", "staff_resource_edit")
    + named("staff_resource_publish", "staff_resource_unpublish")
    + named("staff_resource_delete_confirm", "staff_resource_delete"),
    "agency_staff_required",
)

# The newsletter: double opt-in by a signed link, one-click unsubscribe, limits.
NEWSLETTER_SERVICES = "network/newsletter/services.py"
for function, name in (
    ("subscriber_from_confirm_token", "newsletter_confirm"),
    ("subscriber_from_unsubscribe_token", "newsletter_unsubscribe"),
):
    inside(
        f"network.newsletter.services.{function}: signed",
        NEWSLETTER_SERVICES,
        function,
        "signing.loads(",
        "_unguarded.unsigned_loads(",
        network_and((name,), *T_NEWSLETTER),
    )
inside(
    "network.newsletter.services.subscriber_from_confirm_token: confirmation links expire",
    NEWSLETTER_SERVICES,
    "subscriber_from_confirm_token",
    "salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)",
    "salt=CONFIRM_SALT)",
    [*T_NEWSLETTER],
)
inside(
    "network.newsletter.services.subscriber_from_confirm_token: not one sent before leaving",
    NEWSLETTER_SERVICES,
    "subscriber_from_confirm_token",
    "        subscriber.unsubscribed_at is not None\n",
    "        False\n",
    [*T_NEWSLETTER],
)
inside(
    "network.newsletter.services._subscriber: the address it was signed for",
    NEWSLETTER_SERVICES,
    "_subscriber",
    ' or subscriber.email.lower() != data.get("e"):',
    ":",
    [*T_NEWSLETTER],
)
rule(
    "network.newsletter.services: a confirmation link does not unsubscribe",
    NEWSLETTER_SERVICES,
    'UNSUBSCRIBE_SALT = "network.newsletter.unsubscribe"',
    "UNSUBSCRIBE_SALT = CONFIRM_SALT",
    [*T_NEWSLETTER],
)
inside(
    "network.newsletter.views.newsletter_subscribe_send: the per-client limit",
    NEWSLETTER,
    "newsletter_subscribe_send",
    'if not ratelimit.allow(request, "newsletter_subscribe", **SUBSCRIBE_LIMIT):',
    "if False:",
    [*T_NEWSLETTER],
)
inside(
    "network.newsletter.views.newsletter_subscribe_send: the per-address limit",
    NEWSLETTER,
    "newsletter_subscribe_send",
    "if _address_allows(email):",
    "if True:",
    [*T_NEWSLETTER],
)
inside(
    "network.newsletter.views.newsletter_unsubscribe_one_click: a GET changes nothing",
    NEWSLETTER,
    "newsletter_unsubscribe_one_click",
    '    if request.method == "GET":\n',
    "    if False:\n",
    network_and(("newsletter_unsubscribe_one_click",), *T_NEWSLETTER),
)
net_undecorated(
    NEWSLETTER,
    named("newsletter_subscribe_send", "newsletter_confirm_send", "newsletter_unsubscribe_send"),
    "require_POST",
)
rule(
    "network.models.SubscriberQuerySet.receiving: confirmed ones",
    "network/models.py",
    "self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)",
    "self.filter(unsubscribed_at__isnull=True)",
    [*T_NEWSLETTER],
)
rule(
    "network.models.SubscriberQuerySet.receiving: not unsubscribed",
    "network/models.py",
    "self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)",
    "self.filter(confirmed_at__isnull=False)",
    [*T_NEWSLETTER],
)
NEWSLETTER_SELECTORS = "network/newsletter/selectors.py"
for label, old, new in (
    (
        "published experiences only",
        "published = Experience.objects.published().filter(",
        "published = Experience.objects.filter(",
    ),
    (
        "published events only",
        "        Event.objects.published()\n        .filter(cancelled_at__isnull=True,",
        "        Event.objects.all()\n        .filter(cancelled_at__isnull=True,",
    ),
    (
        "no cancelled event",
        ".filter(cancelled_at__isnull=True, starts_at__gte=",
        ".filter(starts_at__gte=",
    ),
):
    rule(
        f"network.newsletter.selectors.digest_contents: {label}",
        NEWSLETTER_SELECTORS,
        old,
        new,
        [*T_NEWSLETTER],
    )

# The public figures: no group of fewer than five organisations.
rule(
    "digitalees.figures.group_aggregate: fewer than five organisations are not shown",
    "digitalees/figures.py",
    "    if value is None or organisations < MIN_ORGANISATIONS:\n",
    "    if value is None:\n",
    [*T_STATISTICS],
)
rule(
    "digitalees.figures.group_aggregate: nor the small group's size",
    "digitalees/figures.py",
    "        return Aggregate(value=None, organisations=None)\n",
    "        return Aggregate(value=None, organisations=organisations)\n",
    [*T_STATISTICS],
)


# Narrower runs for the network's rules and selectors: the tests that should notice each.
def _k(module, expression):
    return [f"{NET}{module}.py", "-k", expression]


NETWORK_TESTS = {
    "network.rules.public_organisation: opted-in": _k("test_directory_profile", "private"),
    "selectors.public_organisations: opted-in": _k("test_directory_list", "only_public"),
    "search: a hidden municipality": _k("test_directory_list", "hidden"),
    "search: a hidden social purpose": _k("test_directory_list", "hidden"),
    "search: all shown, or searched": _k("test_directory_list", "hidden or search"),
    "with_theme: published": _k("test_directory_list", "theme"),
    "profile_themes: published": _k("test_directory_profile", "themes_and_published"),
    "published_experiences: a profile": _k("test_directory_profile", "themes_and_published"),
    "profile.html: a hidden": [
        f"{NET}test_directory_profile.py",
        NET_GUARDS,
        "-k",
        "hidden or admins_chose",
    ],
    "directory.html: a hidden": [
        f"{NET}test_directory_list.py",
        NET_GUARDS,
        "-k",
        "cards_show_public or hidden_logo",
    ],
    "may_offer_contact": _k("test_directory_profile", "contact_link"),
    "_target: organisations that accept": _k("test_contact", "private_or_closed"),
    "_refusal: not to one's own": _k("test_contact", "own_organisation"),
    "_refusal: members of an organisation": _k("test_contact", "no_organisation"),
    "network.contact.rules.": _k("test_contact", "not_found_by_others or hidden or answered"),
    "contact.rules.sees_addresses": _k("test_contact", "hidden or own_answer"),
    "_thread_page: the other side's": [NET_GUARDS, "-k", "no_address_to_show"],
    "thread.html: the other side's": [NET_GUARDS, "-k", "no_address_to_show"],
    "thread.html: authors' addresses": _k("test_contact", "hidden or own_answer"),
    "_relay:": _k("test_contact", "relayed or hidden or own_answer"),
    "contact_reply: only the organisation": _k("test_contact", "hidden or own_answer"),
    "contact_reply: strangers": [NET_GUARDS, "-k", "outside_the_thread"],
    "a day": _k("test_contact", "threads_a_day"),
    "a week": _k("test_contact", "a_week"),
    "the sender's row lock": [NET_GUARDS, "-k", "at_once"],
    "contact_create_send: the per-client": _k("test_contact", "one_client"),
    "threads_of": _k("test_contact", "list_shows"),
    "writable_organisations": [NET_GUARDS, "-k", "offered_to_write"],
    "experience_detail: an unpublished": _k("test_experiences_views", "unpublished"),
    "experience_preview: its": _k("test_experiences_views", "unpublished or lifecycle"),
    "experience_photo:": _k("test_experiences_views", "photos_served"),
    "selectors.published_experiences: published": _k(
        "test_experiences_views", "search or filters or list"
    ),
    "most_cited": _k("test_experiences_views", "most_cited"),
    "ExperienceAccess.can_moderate": [NET_GUARDS, "-k", "moderate"],
    "ExperienceAccess.can_view:": _k("test_experiences_views", "unpublished or photos"),
    "ExperienceAccess.can_view_private": _k("test_experiences_views", "unpublished"),
    "ExperienceAccess.can_edit: its members": network_rows("experience_edit"),
    "get_experience_for: strangers": network_rows("experience_edit"),
    "get_experience_for: those who may see": network_rows("experience_edit"),
    "latest_published": _k("test_experiences_views", "feed"),
    "_public_event: unpublished ones": _k("test_events_views", "unpublished"),
    "_public_event: agency staff preview": [NET_GUARDS, "-k", "unpublished_event"],
    "public_event_list": _k("test_events_views", "event_list"),
    "event_register: the visitors'": _k("test_events_views", "rate_limited"),
    "event_register: once per person": [NET_GUARDS, "-k", "registering_again"],
    "registration_from_token: signed": [*T_EVENTS, "-k", "tampered"],
    "registration_from_token: confirmation links expire": _k("test_events_views", "expired"),
    "registration_from_token: the address": [*T_EVENTS, "-k", "tampered"],
    "a confirmation link does not cancel": [*T_EVENTS, "-k", "tampered"],
    "certificate_pk_from_token": [MATRIX, *T_EVENTS, NET_GUARDS, "-k", "certificate"],
    "staff_question_edit: the event's own": [NET_GUARDS, "-k", "question_of_another"],
    "staff_question_delete: the event's own": [NET_GUARDS, "-k", "question_of_another"],
    "staff_registration_cancel: the event's own": [NET_GUARDS, "-k", "registration_of_another"],
    "public_resources: published": _k("test_library_public", "unpublished"),
    "resource_detail: agency staff preview": _k("test_library_public", "agency_staff_preview"),
    "subscriber_from_confirm_token: signed": _k("test_newsletter_views", "tampered_confirmation"),
    "subscriber_from_unsubscribe_token: signed": _k("test_newsletter_views", "tampered_unsub"),
    "subscriber_from_confirm_token: confirmation links": _k("test_newsletter_views", "expired"),
    "not one sent before leaving": _k("test_newsletter_views", "after_unsubscribing"),
    "_subscriber: the address": _k("test_newsletter_views", "signed_for_another"),
    "a confirmation link does not unsubscribe": [
        f"{NET}test_newsletter_views.py",
        NET_GUARDS,
        "-k",
        "tampered or unsub",
    ],
    "newsletter_subscribe_send: the per-client": _k("test_newsletter_views", "one_client"),
    "newsletter_subscribe_send: the per-address": _k("test_newsletter_views", "one_address"),
    "one_click: a GET": _k("test_newsletter_views", "browser_opening"),
    "receiving:": _k("test_newsletter_digest", "confirmed_subscribers_only"),
    "digest_contents:": [f"{NET}test_newsletter_digest.py", NET_GUARDS, "-k", "contents or digest"],
    "fewer than five organisations are not shown": [*T_STATISTICS, "-k", "fewer_than_five"],
    "nor the small group's size": [*T_STATISTICS, "-k", "fewer_than_five or four or csv"],
}
for index, (label, edit, _args) in enumerate(GUARDS):
    for part, narrow in NETWORK_TESTS.items():
        if part in label and (label.startswith(("network.", "templates/network", "digitalees.f"))):
            GUARDS[index] = (label, edit, narrow)


def main(only):
    folders = ("network", "diagnostic", "digitalees", "coaching", "grants")
    sources = [p for d in folders for p in (ROOT / d).rglob("*.py")]
    sources += [
        p
        for d in ("coaching", "grants", "network")
        for p in (ROOT / "templates" / d).rglob("*.html")
    ]
    sources += list((ROOT / "templates").glob("*.html"))
    UNGUARDED.write_text(UNGUARDED_SOURCE)
    try:
        for index, (label, edit, args) in enumerate(GUARDS):
            if only and str(index) not in only:
                continue
            saved = {path: path.read_text() for path in sources}
            try:
                edit()
                # One test database for all runs: no entry may run transactional tests (the
                # real workers'), which would empty the rows the data migrations loaded.
                command = [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-p",
                    "no:cacheprovider",
                    "--reuse-db",
                ]
                command += ["-p", "no:randomly", *args]
                out = subprocess.run(command, capture_output=True, text=True, cwd=ROOT).stdout
            finally:
                for path, text in saved.items():
                    if path.read_text() != text:
                        path.write_text(text)
            lines = out.strip().splitlines() or ["?"]
            failed = [line.split(" ")[1] for line in lines if line.startswith("FAILED")]
            print(f"## {index}. {label}\n   {lines[-1]}")
            for name in failed[:4]:
                print(f"   FAILED {name.replace(MATRIX + '::', '')}")
            if len(failed) > 4:
                print(f"   ... and {len(failed) - 4} more")
            sys.stdout.flush()
    finally:
        UNGUARDED.unlink()


if __name__ == "__main__":
    os.chdir(ROOT)
    main(sys.argv[1:])
