"""What each reader sees, and may not reach, on grants' pages: the guards that are not a
whole page's right (the permission matrix has those) but a part of a page or an object
that must belong to the one in the URL (tests/remove_each_guard.py removes each one and
runs these)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from grants import services
from grants.models import Application, Attachment, ReviewerAssignment, Status
from tests.factories import MembershipFactory
from tests.grants.calls_factories import draft_call
from tests.grants.factories import (
    advance,
    make_application,
    make_call,
    make_draft,
    pdf_file,
    reviewer,
)
from tests.grants.review_factories import assign, review

pytestmark = pytest.mark.django_db


def assigned_application(org, p, status=Status.SUBMITTED):
    """An application of `org` in `status`, with the matrix's reviewer assigned to it (as
    tests/grants/matrix_core.py makes them)."""
    application = make_application(org, Status.SUBMITTED, by=p["org_admin"])
    services.reviewer_assign(application, reviewer=p["reviewer"], by=p["agency"])
    return advance(application, status, staff=p["agency"])


INTERNAL = "Note interne : le trésorier est le beau-frère du directeur."
ASKED = "Joignez le devis signé du second fournisseur."


@pytest.fixture(autouse=True)
def _totp_required(settings):
    settings.STAFF_REQUIRE_MFA = True


def page(client_for, user, application):
    response = client_for(user).get(
        reverse("grants:application_detail", kwargs={"pk": application.pk})
    )
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def screened(organisation, roles):
    """Screening started with an internal comment, then information asked of the applicant;
    the matrix's reviewer is assigned."""
    application = assigned_application(organisation, roles)
    services.screening_start(application, by=roles["agency"], internal_comment=INTERNAL)
    services.info_request(application, by=roles["agency"], message=ASKED)
    return application


def test_an_internal_comment_is_for_agency_staff_only(roles, client_for, screened):
    assert INTERNAL in page(client_for, roles["agency"], screened)
    for role in ("member", "org_admin", "coach", "reviewer"):
        assert INTERNAL not in page(client_for, roles[role], screened), role


def test_the_applicant_reads_the_timeline_a_reviewer_does_not(roles, client_for, screened):
    for role in ("member", "coach", "agency"):
        content = page(client_for, roles[role], screened)
        assert 'id="timeline-title"' in content, role
        assert ASKED in content, role
    content = page(client_for, roles["reviewer"], screened)
    assert 'id="timeline-title"' not in content
    assert ASKED not in content


def test_the_applicants_panel_is_its_members(organisation, roles, client_for):
    application = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    withdraw = reverse("grants:application_withdraw", kwargs={"pk": application.pk})
    assert withdraw in page(client_for, roles["member"], application)
    for role in ("coach", "agency"):
        content = page(client_for, roles[role], application)
        assert 'id="apply-panel-title"' not in content, role
        assert withdraw not in content, role


@pytest.fixture
def reviewed(organisation, roles):
    """In review: the matrix's reviewer submitted a review shared with the applicant,
    a second one a private review, a third a shared draft."""
    application = assigned_application(organisation, roles, Status.IN_REVIEW)
    mine = ReviewerAssignment.objects.get(application=application, reviewer=roles["reviewer"])
    services.conflict_declare(mine, conflict=False)
    review(mine, shared=True, comment="Avis partagé : un budget clair.")
    review(assign(application, declare=True), comment="Avis privé : porteur fragile.")
    review(
        assign(application, declare=True),
        submit=False,
        shared=True,
        comment="Brouillon partagé : à revoir.",
    )
    return application


def test_the_applicant_reads_shared_submitted_comments_only(roles, client_for, reviewed):
    content = page(client_for, roles["member"], reviewed)
    assert "Avis partagé : un budget clair." in content
    assert "Avis privé : porteur fragile." not in content
    assert "Brouillon partagé : à revoir." not in content


def test_scores_and_names_of_reviewers_are_for_agency_staff(roles, client_for, reviewed):
    names = [a.reviewer.display_name for a in reviewed.reviewer_assignments.all()]
    staff = page(client_for, roles["agency"], reviewed)
    assert all(name in staff for name in names)
    assert 'id="reviews-title"' in staff
    for role in ("member", "coach", "reviewer"):
        content = page(client_for, roles[role], reviewed)
        assert 'id="reviews-title"' not in content, role
        others = [name for name in names if name != roles[role].display_name]
        assert not any(name in content for name in others), role


def test_a_reviewer_does_not_read_the_others_shared_comments(organisation, roles, client_for):
    application = assigned_application(organisation, roles, Status.IN_REVIEW)
    review(
        assign(application, declare=True), shared=True, comment="Avis partagé par un autre expert."
    )
    assert "Avis partagé par un autre expert." not in page(
        client_for, roles["reviewer"], application
    )
    assert "Avis partagé par un autre expert." in page(client_for, roles["member"], application)


def test_a_reviewer_sees_neither_the_decision_nor_the_money(organisation, roles, client_for):
    application = assigned_application(organisation, roles, Status.SIGNED)
    content = page(client_for, roles["reviewer"], application)
    assert 'id="decisions-title"' not in content
    assert 'id="payments-title"' not in content
    member = page(client_for, roles["member"], application)
    assert 'id="decisions-title"' in member
    assert 'id="payments-title"' in member


def test_the_agencys_moves_are_for_agency_staff(organisation, roles, client_for):
    application = make_application(organisation, Status.SCREENING, by=roles["org_admin"])
    decide = reverse("grants:application_decide", kwargs={"pk": application.pk})
    assert decide in page(client_for, roles["agency"], application)
    for role in ("member", "coach"):
        assert decide not in page(client_for, roles[role], application), role


def test_recording_a_tranche_is_for_agency_staff(organisation, roles, client_for):
    application = make_application(organisation, Status.APPROVED, by=roles["org_admin"])
    services.agreement_sign(application, by=roles["agency"], signed_on=timezone.localdate())
    record = reverse("grants:payment_create", kwargs={"pk": application.pk})
    assert record in page(client_for, roles["agency"], application)
    for role in ("member", "coach"):
        assert record not in page(client_for, roles[role], application), role


def test_a_declared_conflict_leaves_the_reviewers_home(organisation, roles, client_for):
    application = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    kept = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    expert = reviewer()
    assign(application, expert, declare=False)
    assign(kept, expert)
    content = client_for(expert).get(reverse("grants:review_home")).content.decode()
    assert kept.reference in content
    assert application.reference not in content


def test_a_declared_conflict_closes_the_review_form(organisation, roles, client_for):
    application = make_application(organisation, Status.IN_REVIEW, by=roles["org_admin"])
    expert = reviewer()
    assignment = assign(application, expert, declare=False)
    for name in ("grants:review_form", "grants:review_declare"):
        url = reverse(name, kwargs={"pk": assignment.pk})
        assert client_for(expert).get(url).status_code == 404, name
        assert client_for(expert).post(url, {"conflict": "no"}).status_code == 404, name
    assignment.refresh_from_db()
    assert assignment.declaration == ReviewerAssignment.Declaration.CONFLICT
    assert not hasattr(assignment, "review") or assignment.review is None


def test_a_member_of_the_applicant_is_not_offered_as_reviewer(organisation, roles, client_for):
    application = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    insider = reviewer()
    MembershipFactory(organisation=organisation, user=insider)
    outsider = reviewer()
    response = client_for(roles["agency"]).get(
        reverse("grants:application_reviews", kwargs={"pk": application.pk})
    )
    offered = set(response.context["form"].fields["reviewer"].queryset)
    assert outsider in offered
    assert insider not in offered


def test_one_cannot_start_an_application_to_a_draft_call(roles, client_for):
    call = draft_call()
    url = reverse("grants:application_start", kwargs={"slug": call.slug})
    client = client_for(roles["org_admin"])
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Projet"}).status_code == 404
    assert not Application.objects.filter(call=call).exists()


def test_one_starts_an_application_for_ones_own_organisation_only(roles, client_for):
    call = make_call()
    theirs = MembershipFactory(role="admin").organisation
    url = reverse("grants:application_start", kwargs={"slug": call.slug})
    response = client_for(roles["org_admin"]).post(
        url, {"organisation": theirs.pk, "title": "Un projet pour eux"}
    )
    assert response.status_code == 200
    (message,) = response.context["form"].errors["organisation"]
    assert escape(message) in response.content.decode()
    assert not Application.objects.filter(call=call, organisation=theirs).exists()


def test_an_attachment_is_removed_only_through_its_own_application(organisation, roles, client_for):
    mine = make_draft(organisation, by=roles["org_admin"])
    other = MembershipFactory(role="admin")
    theirs = make_draft(other.organisation, by=other.user)
    attachment = services.attachment_add(theirs, by=other.user, file=pdf_file("statuts.pdf"))
    url = reverse(
        "grants:attachment_delete", kwargs={"pk": mine.pk, "attachment_pk": attachment.pk}
    )
    assert client_for(roles["org_admin"]).post(url).status_code == 404
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_unassign_removes_an_assignment_only_through_its_own_application(
    organisation, roles, client_for
):
    one = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    other = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    assignment = assign(other)
    url = reverse("grants:reviewer_unassign", kwargs={"pk": one.pk, "assignment_pk": assignment.pk})
    assert client_for(roles["agency"]).post(url).status_code == 404
    assert ReviewerAssignment.objects.filter(pk=assignment.pk).exists()


def test_the_applicants_list_is_their_organisations(organisation, roles, client_for):
    mine = make_application(organisation, Status.SUBMITTED, by=roles["org_admin"])
    other = MembershipFactory(role="admin")
    theirs = make_application(other.organisation, Status.SUBMITTED, by=other.user)
    hidden = draft_call(title_en="A call still in preparation", title_fr="Un appel en préparation")
    content = client_for(roles["member"]).get(reverse("grants:application_list")).content.decode()
    assert mine.reference in content
    assert theirs.reference not in content
    assert hidden.title_fr not in content


def test_apply_is_offered_on_open_calls_only(roles, client_for):
    now = timezone.now()
    open_call = make_call()
    closed = make_call(
        opens_at=now - datetime.timedelta(days=60), deadline=now - datetime.timedelta(days=1)
    )
    client = client_for(roles["org_admin"])
    for call, offered in ((open_call, True), (closed, False)):
        content = client.get(reverse("grants:call_detail", kwargs={"slug": call.slug}))
        start = reverse("grants:application_start", kwargs={"slug": call.slug})
        assert (start in content.content.decode()) is offered, call
    coach = client_for(roles["coach"]).get(
        reverse("grants:call_detail", kwargs={"slug": open_call.slug})
    )
    start = reverse("grants:application_start", kwargs={"slug": open_call.slug})
    assert start not in coach.content.decode()
