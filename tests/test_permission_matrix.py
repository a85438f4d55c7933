"""Every URL of the project, for every role, with the status code each must get.

Later issues add their URLs here: `test_every_url_is_in_the_matrix` fails until they do.
Strangers to an organisation get 404 (its private pages do not exist for them), those
who may see but not change get 403, anonymous visitors are sent to the login page (302).
"""

from importlib import import_module
from pathlib import Path

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
]

# Third-party URL sets, tested by their authors; their templates are checked in test_pages.
EXCLUDED_MODULES = ("allauth.", "django.contrib.admin", "django.views.i18n", "django.views.static")

LOGIN = "login"  # redirected to the login page
OK_REDIRECT = 302  # an action that succeeded and redirects

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
}
ORG_MANAGE_PAGE = {**ORG_VIEW, "member": 403, "coach": 403}
ORG_MANAGE_ACTION = {**ORG_MANAGE_PAGE, "org_admin": OK_REDIRECT, "agency": OK_REDIRECT}
AGENCY_PAGE = {**dict.fromkeys(ROLES, 403), "anonymous": LOGIN, "agency": 200}
AGENCY_ACTION = {**AGENCY_PAGE, "agency": OK_REDIRECT}
RESPONDENT_ONLY = {**dict.fromkeys(ROLES, 404), "org_admin": 200}


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


# name -> (method, kwargs builder(org, people), expected status per role)
MATRIX = {
    "home": ("get", lambda org, p: {}, PUBLIC),
    "healthz": ("get", lambda org, p: {}, PUBLIC),
    "dashboard": ("get", lambda org, p: {}, LOGGED_IN),
    "network:organisation_create": ("get", lambda org, p: {}, LOGGED_IN),
    "network:organisation_detail": ("get", lambda org, p: {"slug": org.slug}, ORG_VIEW),
    "network:organisation_edit": ("get", lambda org, p: {"slug": org.slug}, ORG_MANAGE_PAGE),
    "network:invitation_create": ("get", lambda org, p: {"slug": org.slug}, ORG_MANAGE_PAGE),
    "network:invitation_revoke": (
        "post",
        lambda org, p: {"slug": org.slug, "pk": _invitation(org, p["org_admin"]).pk},
        ORG_MANAGE_ACTION,
    ),
    "network:membership_remove": (
        "post",
        lambda org, p: {
            "slug": org.slug,
            "pk": Membership.objects.get(organisation=org, user=p["member"]).pk,
        },
        ORG_MANAGE_ACTION,
    ),
    "network:coach_assign": ("post", lambda org, p: {"slug": org.slug}, AGENCY_ACTION),
    "network:coach_unassign": (
        "post",
        lambda org, p: {"slug": org.slug, "pk": org.coach_assignments.get().pk},
        AGENCY_ACTION,
    ),
    # The link in the e-mail opens for anyone; accepting needs the invited address.
    "network:invitation_accept": (
        "get",
        lambda org, p: {"token": invitation_token(_invitation(org, p["org_admin"]))},
        PUBLIC,
    ),
    "network:staff_organisation_list": ("get", lambda org, p: {}, AGENCY_PAGE),
    # The diagnostic: anyone may start; answering pages exist only for their respondent
    # (here the organisation's admin); results of an organisation's diagnostic are the
    # organisation's.
    "diagnostic:start": ("get", lambda org, p: {}, PUBLIC),
    "diagnostic:dimension": (
        "get",
        lambda org, p: {"uuid": _draft(org, p).uuid, "position": 1},
        RESPONDENT_ONLY,
    ),
    "diagnostic:answer": (
        "post",
        lambda org, p: {"uuid": _draft(org, p).uuid, "code": "strategy.plan"},
        {**RESPONDENT_ONLY, "org_admin": OK_REDIRECT},
    ),
    "diagnostic:review": ("get", lambda org, p: {"uuid": _draft(org, p).uuid}, RESPONDENT_ONLY),
    "diagnostic:results": (
        "get",
        lambda org, p: {"uuid": _submitted(org, p).uuid},
        {**ORG_VIEW, "anonymous": 404},
    ),
    "diagnostic:resume_link": (
        "post",
        lambda org, p: {"uuid": _draft(org, p).uuid},
        {**RESPONDENT_ONLY, "org_admin": OK_REDIRECT},
    ),
    # Claiming is for a visitor's unattached results: others' diagnostics are not found.
    "diagnostic:claim": (
        "post",
        lambda org, p: {"uuid": _draft(org, p).uuid},
        {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "org_admin": OK_REDIRECT},
    ),
    # The e-mailed link opens the diagnostic to whoever holds it.
    "diagnostic:access": (
        "get",
        lambda org, p: {"token": access_token(_visitor_draft())},
        dict.fromkeys(ROLES, OK_REDIRECT),
    ),
    "diagnostic:campaign_open": ("post", lambda org, p: {"slug": org.slug}, ORG_MANAGE_ACTION),
    "diagnostic:campaign_detail": ("get", _campaign_kwargs, ORG_VIEW),
    "diagnostic:campaign_close": ("post", _campaign_kwargs, ORG_MANAGE_ACTION),
    "diagnostic:organisation_history": ("get", lambda org, p: {"slug": org.slug}, ORG_VIEW),
    "diagnostic:organisation_result": (
        "get",
        lambda org, p: {"slug": org.slug, "pk": _submitted(org, p).result.pk},
        ORG_VIEW,
    ),
}


def _collect_app_matrices():
    """Apps may keep their rows in `tests/<app>/matrix_<part>.py` (a MATRIX dict of the same
    shape, built with the expectations above); they are merged here."""
    root = Path(__file__).parent
    for path in sorted(root.glob("*/matrix_*.py")):
        module = import_module(f"tests.{path.parent.name}.{path.stem}")
        overlap = set(module.MATRIX) & set(MATRIX)
        assert not overlap, f"{path.name} repeats {overlap}"
        MATRIX.update(module.MATRIX)


_collect_app_matrices()


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
    assert set(_project_url_names()) == set(MATRIX)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_status_for_role(name, role, roles, organisation, client_for, settings):
    settings.STAFF_REQUIRE_MFA = True
    method, kwargs_for, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs_for(organisation, roles))
    client = client_for(roles[role])
    data = {"coach": roles["unassigned_coach"].pk} if name == "network:coach_assign" else {}
    response = getattr(client, method)(url, data)
    if expected[role] == LOGIN:
        assert response.status_code == 302, (
            f"{role} on {name}: {response.status_code}, expected login"
        )
        assert response.url.startswith(reverse("account_login")), (
            f"{role} on {name}: {response.url}"
        )
    else:
        assert response.status_code == expected[role], (
            f"{role} on {name}: {response.status_code}, expected {expected[role]}"
        )
