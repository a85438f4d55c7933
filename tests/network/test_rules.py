"""The organisation rule, and the agency's rights that count only once TOTP is on."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from diagnostic import services as diagnostic_services
from diagnostic.models import Report
from digitalees.roles import has_mfa, is_agency_member, is_agency_staff
from network.models import Invitation, Organisation
from network.rules import (
    OrganisationAccess,
    check_organisation_access,
    get_organisation_for,
    is_member,
    member_organisation,
    membership_of,
)
from tests.conftest import agency_with_mfa, superuser_with_mfa
from tests.diagnostic.conftest import answer_everything
from tests.factories import AgencyStaffFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings):
    settings.STAFF_REQUIRE_MFA = True


def _request(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_agency_without_totp_has_no_agency_right(mfa_required, organisation):
    staff = AgencyStaffFactory()
    assert is_agency_member(staff)
    assert not is_agency_staff(staff)
    access = OrganisationAccess(staff, organisation)
    assert not access.can_view and not access.can_manage and not access.can_assign_coaches
    with pytest.raises(Http404):
        check_organisation_access(staff, organisation)


def test_agency_rights_count_once_totp_is_on(mfa_required, organisation):
    staff = agency_with_mfa()
    access = OrganisationAccess(staff, organisation)
    assert access.can_view and access.can_manage and access.can_assign_coaches


def test_agency_without_totp_keeps_its_rights_when_the_setting_is_off(settings, organisation):
    settings.STAFF_REQUIRE_MFA = False
    assert OrganisationAccess(AgencyStaffFactory(), organisation).can_manage


def test_a_superuser_counts_as_agency_staff_once_totp_is_on(mfa_required, organisation):
    assert OrganisationAccess(superuser_with_mfa(), organisation).can_manage
    root = UserFactory(is_superuser=True, is_staff=True)
    assert is_agency_member(root) and not is_agency_staff(root)
    assert not OrganisationAccess(root, organisation).can_view


def test_whether_totp_is_on_is_asked_once_per_user_object(mfa_required, django_assert_num_queries):
    staff = AgencyStaffFactory()
    TOTP.activate(staff, generate_totp_secret())
    with django_assert_num_queries(2):  # the groups, then the authenticator
        assert is_agency_staff(staff)
        assert is_agency_staff(staff)
        assert has_mfa(staff)


def test_membership_and_admin(organisation):
    admin = MembershipFactory(organisation=organisation, role="admin")
    member = MembershipFactory(organisation=organisation)
    stranger = MembershipFactory().user
    assert membership_of(admin.user, organisation) == admin
    assert is_member(member.user, organisation) and not is_member(stranger, organisation)
    assert OrganisationAccess(admin.user, organisation).can_manage
    member_access = OrganisationAccess(member.user, organisation)
    assert member_access.can_view and not member_access.can_manage
    with pytest.raises(PermissionDenied):
        get_organisation_for(_request(member.user), organisation.slug, manage=True)
    with pytest.raises(Http404):
        get_organisation_for(_request(stranger), organisation.slug)
    assert member_organisation(member.user, organisation.slug) == organisation
    with pytest.raises(Http404):
        member_organisation(stranger, organisation.slug)


def test_access_of_a_known_membership_asks_nothing_more(organisation, django_assert_num_queries):
    membership = MembershipFactory(organisation=organisation, role="admin")
    with django_assert_num_queries(0):  # an admin: no need to ask about the agency
        assert OrganisationAccess.of_member(membership.user, membership).can_manage


# --- through the pages: an agency account without TOTP reads nothing private ------------


@pytest.fixture
def private_organisation(organisation):
    admin = MembershipFactory(
        organisation=organisation, role="admin", user__email="secret-admin@example.be"
    )
    assessment = diagnostic_services.assessment_start(
        respondent=admin.user, organisation=organisation
    )
    diagnostic_services.assessment_submit(assessment=answer_everything(assessment))
    assessment.refresh_from_db()
    report = Report.objects.create(result=assessment.result, language="fr")
    return organisation, assessment.result, report, admin


def test_agency_without_totp_cannot_read_members_results_or_reports(
    mfa_required, client, private_organisation
):
    organisation, result, report, _admin = private_organisation
    client.force_login(AgencyStaffFactory())
    page = client.get(organisation.get_absolute_url())
    assert page.status_code == 404
    assert "secret-admin@example.be" not in page.content.decode()
    urls = [
        reverse("network:organisation_edit", kwargs={"slug": organisation.slug}),
        reverse("diagnostic:organisation_history", kwargs={"slug": organisation.slug}),
        reverse(
            "diagnostic:organisation_result", kwargs={"slug": organisation.slug, "pk": result.pk}
        ),
        reverse("diagnostic_reports:status", kwargs={"pk": report.pk}),
        reverse("diagnostic_reports:download", kwargs={"pk": report.pk}),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    # Nor invite anyone into it.
    response = client.post(
        reverse("network:invitation_create", kwargs={"slug": organisation.slug}),
        {"email": "intruder@example.be", "role": "admin"},
    )
    assert response.status_code == 404
    assert not Invitation.objects.filter(email="intruder@example.be").exists()


def test_agency_with_totp_reads_them(mfa_required, client, private_organisation):
    organisation, result, _report, _admin = private_organisation
    client.force_login(agency_with_mfa())
    assert "secret-admin@example.be" in client.get(organisation.get_absolute_url()).content.decode()


def test_dashboard_asks_agency_without_totp_to_turn_it_on(mfa_required, client):
    client.force_login(AgencyStaffFactory())
    client.cookies["django_language"] = "en"
    page = client.get(reverse("dashboard")).content.decode()
    assert "Turn on two-factor authentication" in page
    assert reverse("network:staff_organisation_list") not in page


def test_superuser_opens_an_organisation_page(mfa_required, client, private_organisation):
    organisation, *_rest = private_organisation
    client.force_login(superuser_with_mfa())
    page = client.get(organisation.get_absolute_url())
    assert page.status_code == 200
    assert "secret-admin@example.be" in page.content.decode()


def test_the_admins_view_on_site_link_opens_the_organisation(
    mfa_required, client, private_organisation
):
    organisation, *_rest = private_organisation
    client.force_login(superuser_with_mfa())
    content_type = ContentType.objects.get_for_model(Organisation)
    shortcut = reverse("admin:view_on_site", args=[content_type.pk, organisation.pk])
    response = client.get(shortcut)
    assert response.status_code == 302
    assert response.url.endswith(organisation.get_absolute_url())
    assert client.get(organisation.get_absolute_url()).status_code == 200
