"""Every URL of the project, for every role and every method, with the status code each
must get.

Rows are keyed by (URL name, method): each URL has a GET and a POST row (a view that refuses
a method answers 405), so that a right checked on one method only shows. Later issues add
their URLs here: `test_every_url_is_in_the_matrix` fails until they do.
Strangers to an organisation get 404 (its private pages do not exist for them), those
who may see but not change get 403, anonymous visitors are sent to the login page (302).
Agency staff without TOTP have no agency right (STAFF_REQUIRE_MFA is on here): organisation
pages do not exist for them, agency pages send them to set TOTP up.
"""

from importlib import import_module
from pathlib import Path
from typing import NamedTuple

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from diagnostic.services import (
    access_token,
    assessment_start,
    assessment_submit,
    campaign_open,
)
from network.models import Invitation, Membership
from network.services import invitation_token
from tests.diagnostic.conftest import answer_everything

ROLES = [
    "anonymous",
    "member",
    "org_admin",
    "other_org_member",
    "coach",
    "unassigned_coach",
    "agency",
    "agency_without_mfa",
    "superuser",
    "reviewer",
]
METHODS = ("get", "post")

# Third-party URL sets, tested by their authors; their templates are checked in test_pages.
EXCLUDED_MODULES = (
    "allauth.",
    "django.contrib.admin",
    "django.views.i18n",
    "django.views.static",
)

LOGIN = "login"  # redirected to the login page
MFA = "mfa"  # redirected to turn on two-factor authentication
OK_REDIRECT = 302  # an action that succeeded and redirects
NOT_ALLOWED = dict.fromkeys(ROLES, 405)  # the view refuses the method, whoever asks
# ... once logged in: login_required is checked before the method.
NOT_ALLOWED_LOGGED_IN = {**NOT_ALLOWED, "anonymous": LOGIN}

PUBLIC = dict.fromkeys(ROLES, 200)
LOGGED_IN = {**dict.fromkeys(ROLES, 200), "anonymous": LOGIN}
ORG_VIEW = {
    "anonymous": LOGIN,
    "member": 200,
    "org_admin": 200,
    "other_org_member": 404,
    "coach": 200,
    "unassigned_coach": 404,
    "agency": 200,
    "agency_without_mfa": 404,
    "superuser": 200,
}
ORG_MANAGE_PAGE = {**ORG_VIEW, "member": 403, "coach": 403}
ORG_MANAGE_ACTION = {
    **ORG_MANAGE_PAGE,
    "org_admin": OK_REDIRECT,
    "agency": OK_REDIRECT,
    "superuser": OK_REDIRECT,
}
AGENCY_PAGE = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": LOGIN,
    "agency": 200,
    "agency_without_mfa": MFA,
    "superuser": 200,
}
AGENCY_ACTION = {**AGENCY_PAGE, "agency": OK_REDIRECT, "superuser": OK_REDIRECT}
# An agency action asked with GET: the right is checked first, then the method.
AGENCY_ACTION_GET = {**AGENCY_PAGE, "agency": 405, "superuser": 405}
RESPONDENT_ONLY = {**dict.fromkeys(ROLES, 404), "org_admin": 200}


class Row(NamedTuple):
    kwargs: object  # (organisation, people) -> URL kwargs
    expected: dict  # role -> status, LOGIN or MFA
    data: object = None  # (organisation, people) -> POST data


def _draft(org, p):
    return assessment_start(respondent=p["org_admin"], organisation=org)


def _submitted(org, p):
    return assessment_submit(assessment=answer_everything(_draft(org, p)))


def _visitor_draft():
    return assessment_start()


def _campaign_kwargs(org, p):
    return {"slug": org.slug, "pk": campaign_open(organisation=org, opened_by=p["org_admin"]).pk}


def _invitation(org, admin):
    return Invitation.objects.create(organisation=org, email="new@example.be", invited_by=admin)


def _slug(org, p):
    return {"slug": org.slug}


def _none(org, p):
    return {}


def _invitation_kwargs(org, p):
    return {"slug": org.slug, "pk": _invitation(org, p["org_admin"]).pk}


def _membership_kwargs(org, p):
    return {"slug": org.slug, "pk": Membership.objects.get(organisation=org, user=p["member"]).pk}


def _assignment_kwargs(org, p):
    return {"slug": org.slug, "pk": org.coach_assignments.get().pk}


def _token_kwargs(org, p):
    return {"token": invitation_token(_invitation(org, p["org_admin"]))}


def _draft_kwargs(org, p):
    return {"uuid": _draft(org, p).uuid}


def _submitted_kwargs(org, p):
    return {"uuid": _submitted(org, p).uuid}


def _result_kwargs(org, p):
    return {"slug": org.slug, "pk": _submitted(org, p).result.pk}


MATRIX = {
    ("home", "get"): Row(_none, PUBLIC),
    ("home", "post"): Row(_none, NOT_ALLOWED),
    ("healthz", "get"): Row(_none, PUBLIC),
    ("healthz", "post"): Row(_none, PUBLIC),
    ("dashboard", "get"): Row(_none, LOGGED_IN),
    ("dashboard", "post"): Row(_none, NOT_ALLOWED_LOGGED_IN),
    ("network:organisation_create", "get"): Row(_none, LOGGED_IN),
    # An empty form: shown again with its errors.
    ("network:organisation_create", "post"): Row(_none, LOGGED_IN),
    ("network:organisation_detail", "get"): Row(_slug, ORG_VIEW),
    ("network:organisation_detail", "post"): Row(_slug, NOT_ALLOWED),
    ("network:organisation_edit", "get"): Row(_slug, ORG_MANAGE_PAGE),
    # An empty form: shown again with its errors to those who may change the profile.
    ("network:organisation_edit", "post"): Row(_slug, ORG_MANAGE_PAGE),
    ("network:invitation_create", "get"): Row(_slug, ORG_MANAGE_PAGE),
    ("network:invitation_create", "post"): Row(
        _slug, ORG_MANAGE_ACTION, lambda org, p: {"email": "new@example.be", "role": "admin"}
    ),
    ("network:invitation_revoke", "get"): Row(_invitation_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:invitation_revoke", "post"): Row(_invitation_kwargs, ORG_MANAGE_ACTION),
    ("network:membership_remove", "get"): Row(_membership_kwargs, NOT_ALLOWED_LOGGED_IN),
    # The member's own membership: admins and the agency remove it, the member may leave.
    ("network:membership_remove", "post"): Row(
        _membership_kwargs, {**ORG_MANAGE_ACTION, "member": OK_REDIRECT}
    ),
    ("network:coach_assign", "get"): Row(_slug, AGENCY_ACTION_GET),
    ("network:coach_assign", "post"): Row(
        _slug, AGENCY_ACTION, lambda org, p: {"coach": p["unassigned_coach"].pk}
    ),
    ("network:coach_unassign", "get"): Row(_assignment_kwargs, AGENCY_ACTION_GET),
    ("network:coach_unassign", "post"): Row(_assignment_kwargs, AGENCY_ACTION),
    # The link in the e-mail opens for anyone; joining needs the invited address (nobody
    # here has it: each is sent back to the invitation's page with the reason).
    ("network:invitation_accept", "get"): Row(_token_kwargs, PUBLIC),
    ("network:invitation_accept", "post"): Row(_token_kwargs, NOT_ALLOWED),
    ("network:invitation_join", "get"): Row(_token_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:invitation_join", "post"): Row(
        _token_kwargs, {**dict.fromkeys(ROLES, OK_REDIRECT), "anonymous": LOGIN}
    ),
    ("network:staff_organisation_list", "get"): Row(_none, AGENCY_PAGE),
    ("network:staff_organisation_list", "post"): Row(_none, NOT_ALLOWED),
    # The diagnostic: anyone may start; answering pages exist only for their respondent
    # (here the organisation's admin); results of an organisation's diagnostic are the
    # organisation's.
    ("diagnostic:start", "get"): Row(_none, PUBLIC),
    # Starting for an organisation: for its members only.
    ("diagnostic:start", "post"): Row(
        _none,
        {**dict.fromkeys(ROLES, 404), "member": OK_REDIRECT, "org_admin": OK_REDIRECT},
        lambda org, p: {"organisation": org.slug},
    ),
    ("diagnostic:dimension", "get"): Row(
        lambda org, p: {**_draft_kwargs(org, p), "position": 1}, RESPONDENT_ONLY
    ),
    ("diagnostic:dimension", "post"): Row(
        lambda org, p: {**_draft_kwargs(org, p), "position": 1},
        {**RESPONDENT_ONLY, "org_admin": OK_REDIRECT},
    ),
    ("diagnostic:answer", "get"): Row(
        lambda org, p: {**_draft_kwargs(org, p), "code": "strategy.plan"}, NOT_ALLOWED
    ),
    ("diagnostic:answer", "post"): Row(
        lambda org, p: {**_draft_kwargs(org, p), "code": "strategy.plan"},
        {**RESPONDENT_ONLY, "org_admin": OK_REDIRECT},
    ),
    ("diagnostic:review", "get"): Row(_draft_kwargs, RESPONDENT_ONLY),
    # Submitting a draft with questions left: refused, with the list of what is missing.
    ("diagnostic:review", "post"): Row(_draft_kwargs, {**RESPONDENT_ONLY, "org_admin": 400}),
    ("diagnostic:results", "get"): Row(_submitted_kwargs, {**ORG_VIEW, "anonymous": 404}),
    ("diagnostic:results", "post"): Row(_submitted_kwargs, NOT_ALLOWED),
    ("diagnostic:resume_link", "get"): Row(_draft_kwargs, NOT_ALLOWED),
    ("diagnostic:resume_link", "post"): Row(
        _draft_kwargs, {**RESPONDENT_ONLY, "org_admin": OK_REDIRECT}
    ),
    # Claiming is for a visitor's unattached results: others' diagnostics are not found.
    ("diagnostic:claim", "get"): Row(_draft_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("diagnostic:claim", "post"): Row(
        _draft_kwargs,
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "org_admin": OK_REDIRECT},
    ),
    # The e-mailed link opens the diagnostic to whoever holds it.
    ("diagnostic:access", "get"): Row(
        lambda org, p: {"token": access_token(_visitor_draft())},
        dict.fromkeys(ROLES, OK_REDIRECT),
    ),
    ("diagnostic:access", "post"): Row(
        lambda org, p: {"token": access_token(_visitor_draft())}, NOT_ALLOWED
    ),
    ("diagnostic:campaign_open", "get"): Row(_slug, NOT_ALLOWED_LOGGED_IN),
    ("diagnostic:campaign_open", "post"): Row(_slug, ORG_MANAGE_ACTION),
    ("diagnostic:campaign_detail", "get"): Row(_campaign_kwargs, ORG_VIEW),
    ("diagnostic:campaign_detail", "post"): Row(_campaign_kwargs, NOT_ALLOWED),
    ("diagnostic:campaign_invite", "get"): Row(_campaign_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("diagnostic:campaign_invite", "post"): Row(
        _campaign_kwargs, ORG_MANAGE_ACTION, lambda org, p: {"email": "colleague@example.be"}
    ),
    ("diagnostic:campaign_close", "get"): Row(_campaign_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("diagnostic:campaign_close", "post"): Row(_campaign_kwargs, ORG_MANAGE_ACTION),
    ("diagnostic:organisation_history", "get"): Row(_slug, ORG_VIEW),
    ("diagnostic:organisation_history", "post"): Row(_slug, NOT_ALLOWED),
    ("diagnostic:organisation_result", "get"): Row(_result_kwargs, ORG_VIEW),
    ("diagnostic:organisation_result", "post"): Row(_result_kwargs, NOT_ALLOWED),
}


def _collect_app_matrices():
    """Apps may keep their rows in `tests/<app>/matrix_<part>.py` (a MATRIX dict of the same
    shape, built with the expectations and Row above); they are merged here."""
    root = Path(__file__).parent
    for path in sorted(root.glob("*/matrix_*.py")):
        module = import_module(f"tests.{path.parent.name}.{path.stem}")
        overlap = set(module.MATRIX) & set(MATRIX)
        assert not overlap, f"{path.name} repeats {overlap}"
        MATRIX.update(module.MATRIX)


_collect_app_matrices()


def _reviewer_as_stranger():
    """A reviewer is a stranger wherever a row does not say otherwise (only grants' rows
    assign them to something): they get what the member of another organisation gets,
    except where that one acts for its own organisation."""
    for row in MATRIX.values():
        row.expected.setdefault("reviewer", row.expected["other_org_member"])


_reviewer_as_stranger()


def _project_url_names(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            module = getattr(pattern.urlconf_module, "__name__", "")
            if module.startswith(EXCLUDED_MODULES) or pattern.namespace == "admin":
                continue
            prefix = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _project_url_names(pattern, prefix)
        elif isinstance(pattern, URLPattern):
            if pattern.callback.__module__.startswith(EXCLUDED_MODULES):
                continue
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    assert set(_project_url_names()) == {name for name, _method in MATRIX}


def test_every_url_has_a_row_per_method():
    """A GET and a POST row for every URL: what a view accepts is tested, what it refuses too."""
    names = {name for name, _method in MATRIX}
    missing = {(name, method) for name in names for method in METHODS} - set(MATRIX)
    assert not missing


def test_every_role_has_an_expectation():
    incomplete = [key for key, row in MATRIX.items() if set(row.expected) != set(ROLES)]
    assert not incomplete


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name,method", sorted(MATRIX))
def test_status_for_role(name, method, role, roles, organisation, client_for, settings):
    settings.STAFF_REQUIRE_MFA = True
    row = MATRIX[(name, method)]
    url = reverse(name, kwargs=row.kwargs(organisation, roles))
    client = client_for(roles[role])
    data = row.data(organisation, roles) if row.data else {}
    response = getattr(client, method)(url, data)
    expected = row.expected[role]
    where = f"{role} on {method.upper()} {name}"
    if expected == LOGIN:
        assert response.status_code == 302, f"{where}: {response.status_code}, expected login"
        assert response.url.startswith(reverse("account_login")), f"{where}: {response.url}"
    elif expected == MFA:
        assert response.status_code == 302, f"{where}: {response.status_code}, expected MFA"
        assert response.url == reverse("mfa_activate_totp"), f"{where}: {response.url}"
    else:
        assert response.status_code == expected, (
            f"{where}: {response.status_code}, expected {expected}"
        )
