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
    "network.views.resource_detail: published, and opens something",
    NETWORK,
    "Resource.objects.published().openable()",
    "Resource.objects",
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


def main(only):
    sources = [p for d in ("network", "diagnostic", "digitalees") for p in (ROOT / d).rglob("*.py")]
    UNGUARDED.write_text(UNGUARDED_SOURCE)
    try:
        for index, (label, edit, args) in enumerate(GUARDS):
            if only and str(index) not in only:
                continue
            saved = {path: path.read_text() for path in sources}
            try:
                edit()
                command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
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
