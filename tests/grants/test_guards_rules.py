"""grants.rules asked directly, role by role: each clause of ApplicationAccess, of
get_application_for's flags and of applications_visible_to refuses someone a test names
(tests/remove_each_guard.py removes each one and runs these)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from grants import services
from grants.models import Status
from grants.rules import (
    ApplicationAccess,
    applications_visible_to,
    get_application_for,
    organisations_to_apply_for,
)
from tests.factories import MembershipFactory
from tests.grants.factories import advance, make_application, reviewer
from tests.grants.review_factories import assign

pytestmark = pytest.mark.django_db


def assigned_application(org, p, status=Status.SUBMITTED):
    """An application of `org` in `status`, with the matrix's reviewer assigned to it (as
    tests/grants/matrix_core.py makes them)."""
    application = make_application(org, Status.SUBMITTED, by=p["org_admin"])
    services.reviewer_assign(application, reviewer=p["reviewer"], by=p["agency"])
    return advance(application, status, staff=p["agency"])


SEE = {"member", "org_admin", "coach", "agency", "superuser", "reviewer"}
STRANGERS = {"anonymous", "other_org_member", "unassigned_coach", "agency_without_mfa"}


@pytest.fixture(autouse=True)
def _totp_required(settings):
    settings.STAFF_REQUIRE_MFA = True


def user_of(roles, role):
    return roles[role] or AnonymousUser()


def access(roles, role, application):
    return ApplicationAccess(user_of(roles, role), application)


def ask(roles, role, application, **flags):
    request = RequestFactory().get("/")
    request.user = user_of(roles, role)
    return get_application_for(request, application.pk, **flags)


@pytest.fixture
def submitted(organisation, roles):
    """A submitted application of `organisation`, the matrix's reviewer assigned to it."""
    return assigned_application(organisation, roles)


def test_who_may_view(roles, submitted):
    seeing = {role for role in roles if access(roles, role, submitted).can_view}
    assert seeing == SEE


def test_strangers_get_404_and_those_who_see_403(roles, submitted):
    for role in STRANGERS:
        with pytest.raises(Http404):
            ask(roles, role, submitted)
    with pytest.raises(PermissionDenied):
        ask(roles, "coach", submitted, applicant=True)


def test_only_members_edit_and_only_while_editable(organisation, roles):
    draft = make_application(organisation, Status.DRAFT, by=roles["org_admin"])
    editing = {role for role in roles if access(roles, role, draft).can_edit}
    assert editing == {"member", "org_admin"}
    ask(roles, "member", draft, edit=True)
    for role in ("coach", "agency", "superuser"):
        with pytest.raises(PermissionDenied):
            ask(roles, role, draft, edit=True)


def test_a_submitted_application_is_not_edited(roles, submitted):
    assert not access(roles, "org_admin", submitted).can_edit
    with pytest.raises(PermissionDenied):
        ask(roles, "org_admin", submitted, edit=True)


def test_only_members_act_as_the_applicant(roles, submitted):
    ask(roles, "member", submitted, applicant=True)
    for role in ("coach", "agency", "superuser", "reviewer"):
        with pytest.raises(PermissionDenied):
            ask(roles, role, submitted, applicant=True)


def test_only_agency_staff_with_totp_manage(roles, submitted):
    managing = {role for role in roles if access(roles, role, submitted).can_manage}
    assert managing == {"agency", "superuser"}
    ask(roles, "agency", submitted, manage=True)
    for role in ("member", "coach", "reviewer"):
        with pytest.raises(PermissionDenied):
            ask(roles, role, submitted, manage=True)
    with pytest.raises(Http404):
        ask(roles, "agency_without_mfa", submitted, manage=True)


def test_only_the_assigned_reviewer_reviews(roles, submitted):
    reviewing = {role for role in roles if access(roles, role, submitted).can_review}
    assert reviewing == {"reviewer"}
    ask(roles, "reviewer", submitted, review=True)
    for role in ("member", "coach", "agency"):
        with pytest.raises(PermissionDenied):
            ask(roles, role, submitted, review=True)


def test_internal_comments_are_agency_staffs(roles, submitted):
    internal = {role for role in roles if access(roles, role, submitted).sees_internal}
    assert internal == {"agency", "superuser"}


def test_each_side_makes_its_own_moves_and_only_those_of_the_table(roles, submitted):
    assert access(roles, "member", submitted).may_move(Status.WITHDRAWN)
    assert access(roles, "agency", submitted).may_move(Status.SCREENING)
    for role in ("coach", "reviewer", "agency", "agency_without_mfa", "other_org_member"):
        assert not access(roles, role, submitted).may_move(Status.WITHDRAWN), role
    for role in ("member", "org_admin", "coach", "reviewer", "agency_without_mfa"):
        assert not access(roles, role, submitted).may_move(Status.SCREENING), role
    # Not a move of the table, whoever asks.
    for role in ("member", "agency", "superuser"):
        assert not access(roles, role, submitted).may_move(Status.APPROVED), role
        assert not access(roles, role, submitted).may_move(Status.DRAFT), role


def test_an_assignment_is_the_users_own(roles, submitted):
    other = assign(submitted, declare=True)
    assert access(roles, "reviewer", submitted).assignment.reviewer == roles["reviewer"]
    assert ApplicationAccess(other.reviewer, submitted).assignment == other
    for role in ("member", "coach", "agency"):
        assert access(roles, role, submitted).assignment is None, role


def test_a_declared_conflict_takes_the_reviewer_off(organisation, roles):
    application = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    expert = reviewer()
    assign(application, expert, declare=False)
    off = ApplicationAccess(expert, application)
    assert off.assignment is None
    assert not off.can_view
    assert not off.can_review
    request = RequestFactory().get("/")
    request.user = expert
    with pytest.raises(Http404):
        get_application_for(request, application.pk, review=True)
    assert not applications_visible_to(expert).filter(pk=application.pk).exists()


def test_applications_visible_to_each_role(organisation, roles, submitted):
    elsewhere = make_application(MembershipFactory(role="admin").organisation, Status.SUBMITTED)
    visible = {
        role: set(applications_visible_to(user_of(roles, role)).values_list("pk", flat=True))
        for role in roles
    }
    for role in ("member", "org_admin", "coach", "reviewer"):
        assert visible[role] == {submitted.pk}, role
    for role in ("agency", "superuser"):
        assert visible[role] >= {submitted.pk, elsewhere.pk}, role
    for role in STRANGERS - {"other_org_member"}:
        assert visible[role] == set(), role
    assert visible["other_org_member"] == set()


def test_a_member_of_the_other_organisation_sees_only_theirs(roles, submitted):
    theirs = make_application(
        roles["other_org_member"].memberships.get().organisation,
        Status.SUBMITTED,
        by=roles["other_org_member"],
    )
    visible = set(applications_visible_to(roles["other_org_member"]).values_list("pk", flat=True))
    assert visible == {theirs.pk}


def test_organisations_to_apply_for_are_the_users(organisation, roles):
    MembershipFactory(role="admin")  # another organisation
    assert list(organisations_to_apply_for(roles["member"])) == [organisation]
    assert not organisations_to_apply_for(roles["coach"]).exists()
    assert not organisations_to_apply_for(AnonymousUser()).exists()
