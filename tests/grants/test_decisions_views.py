"""The agency's pages and actions through the client: the moves, their refusals shown on
the page with nothing changed, the decision page's figures, the letter's download, the
panel each reader sees, and query counts that do not grow with the rows."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from grants import services
from grants.models import DecisionLetter, ReviewerAssignment, Status, StatusChange
from tests.factories import MembershipFactory, OrganisationFactory
from tests.grants.decisions_factories import failed_letter, ready_letter
from tests.grants.factories import make_application, make_call, reviewer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_mfa(settings):
    settings.STAFF_REQUIRE_MFA = False


@pytest.fixture(autouse=True)
def _pages_in_english(client, settings, english):
    """The pages in English, like the messages the tests match (French is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def staff():
    from tests.factories import AgencyStaffFactory

    return AgencyStaffFactory()


@pytest.fixture
def agency(client, staff):
    client.force_login(staff)
    return client


def _url(name, application):
    return reverse(f"grants:{name}", kwargs={"pk": application.pk})


def _detail(application):
    return _url("application_detail", application)


def _status(application):
    application.refresh_from_db()
    return application.status


def test_agency_staff_start_screening_from_the_panel(agency, english):
    application = make_application(OrganisationFactory(), Status.SUBMITTED)
    page = agency.get(_detail(application))
    assert _url("application_screen", application) in page.content.decode()
    response = agency.post(_url("application_screen", application), follow=True)
    assert response.redirect_chain[-1][0] == _detail(application)
    assert "Screening has started." in response.content.decode()
    assert _status(application) == Status.SCREENING


def test_a_stale_move_is_refused_with_its_message_and_changes_nothing(agency, english):
    """The page showed "Start screening"; meanwhile a colleague sent it to review."""
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    moves = StatusChange.objects.filter(application=application).count()
    response = agency.post(_url("application_screen", application), follow=True)
    assert "This application is “In review”: it cannot become “Screening”." in (
        response.content.decode()
    )
    assert _status(application) == Status.IN_REVIEW
    assert StatusChange.objects.filter(application=application).count() == moves


def test_a_tampered_send_to_review_from_a_draft_is_refused(agency, english):
    application = make_application(OrganisationFactory(), Status.DRAFT)
    response = agency.post(_url("application_send_to_review", application), follow=True)
    assert "This application is “Draft”: it cannot become “In review”." in (
        response.content.decode()
    )
    assert _status(application) == Status.DRAFT


def test_a_request_for_information_needs_its_message(agency, english):
    application = make_application(OrganisationFactory(), Status.SCREENING)
    response = agency.post(_url("application_request_info", application), {"message": " "})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert _status(application) == Status.SCREENING
    response = agency.post(
        _url("application_request_info", application),
        {"message": "Joignez le devis.", "internal_comment": "Relancer lundi."},
    )
    assert response.status_code == 302
    assert _status(application) == Status.INFO_REQUESTED
    change = StatusChange.objects.get(application=application, to_status="info_requested")
    assert change.comment == "Joignez le devis." and change.internal_comment == "Relancer lundi."


def _review(application, staff, score):
    assignment = services.reviewer_assign(application, reviewer=reviewer(), by=staff)
    services.conflict_declare(assignment, conflict=False)
    assignment = ReviewerAssignment.objects.get(pk=assignment.pk)
    services.review_save(
        assignment,
        scores={c.pk: score for c in application.call.criteria.all()},
        recommendation="approve",
        comment="Un projet réaliste.",
    )


def test_the_decision_page_shows_the_figures_and_the_requested_amount(agency, staff, english):
    call = make_call(envelope=Decimal("30000.00"), max_grant=Decimal("12000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=call, staff=staff)
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    _review(application, staff, 4)
    _review(application, staff, 3)
    page = agency.get(_url("application_decide", application)).content.decode()
    assert "3.50 out of 5" in page  # the two reviews' weighted average
    assert "€20,320.00" in page  # what the envelope has left after the other grant
    assert 'value="9680.00"' in page  # the amount requested, to approve as it is
    assert "€300,000.00" in page  # the de minimis ceiling


def test_approving_above_the_remaining_envelope_shows_the_message_and_changes_nothing(
    agency, staff, english
):
    call = make_call(envelope=Decimal("12000.00"), max_grant=Decimal("10000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=call, staff=staff)
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    response = agency.post(
        _url("application_decide", application),
        {"decision": "approve", "amount": "9680.00", "reasons": "Solide."},
    )
    assert response.status_code == 200
    assert "The call&#x27;s envelope has €2,320.00 left" in response.content.decode()
    assert _status(application) == Status.IN_REVIEW
    assert not DecisionLetter.objects.filter(application=application).exists()


def test_rejecting_without_reasons_shows_the_message(agency, english):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    response = agency.post(_url("application_decide", application), {"decision": "reject"})
    assert response.status_code == 200
    assert "Give the reasons for the refusal." in response.content.decode()
    assert _status(application) == Status.IN_REVIEW


def test_approving_without_an_amount_is_refused_by_the_form(agency, english):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    response = agency.post(
        _url("application_decide", application), {"decision": "approve", "reasons": "Oui."}
    )
    assert "Enter the amount granted, above zero." in response.content.decode()
    assert _status(application) == Status.IN_REVIEW


def test_deciding_twice_is_refused(agency, english):
    """A second tab's decision, after the first was recorded."""
    application = make_application(OrganisationFactory(), Status.APPROVED)
    response = agency.post(
        _url("application_decide", application), {"decision": "reject", "reasons": "Non."}
    )
    assert response.status_code == 200
    assert "This application is “Approved”: it cannot become “Rejected”." in (
        response.content.decode()
    )
    assert _status(application) == Status.APPROVED


def test_an_approval_through_the_page(agency, english):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    response = agency.post(
        _url("application_decide", application),
        {"decision": "approve", "amount": "9000.00", "reasons": "Un bon projet."},
        follow=True,
    )
    assert "The application is approved" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.approved_amount == Decimal("9000.00")


def test_signing_needs_a_date_not_in_the_future(agency, english):
    application = make_application(OrganisationFactory(), Status.APPROVED)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = agency.post(_url("application_sign", application), {"signed_on": tomorrow})
    assert "Enter the date the agreement was signed." in response.content.decode()
    assert _status(application) == Status.APPROVED
    response = agency.post(
        _url("application_sign", application), {"signed_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.SIGNED and application.signed_on == timezone.localdate()


# --- the letter and the panel ---------------------------------------------------------------


def test_the_applicant_downloads_the_letter_once_ready(client, english):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.APPROVED, by=admin)
    client.force_login(admin)
    letter = DecisionLetter.objects.get(application=application)
    response = client.get(reverse("grants:letter_download", kwargs={"pk": letter.pk}), follow=True)
    assert "The decision letter is not ready yet." in response.content.decode()
    letter = ready_letter(application)
    page = client.get(_detail(application)).content.decode()
    assert "Download the decision letter (PDF)" in page
    assert "Projet solide." in page  # the reasons
    response = client.get(reverse("grants:letter_download", kwargs={"pk": letter.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert f"digitalees-decision-{application.reference}-fr.pdf" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_the_applicant_sees_no_agency_action_and_no_retry(client, english):
    admin = MembershipFactory(role="admin").user
    application = make_application(admin.memberships.get().organisation, Status.APPROVED, by=admin)
    failed_letter(application)
    client.force_login(admin)
    page = client.get(_detail(application)).content.decode()
    assert "Agency actions" not in page
    assert "Prepare the letter again" not in page
    assert _url("application_sign", application) not in page


def test_agency_staff_render_a_failed_letter_again(agency, english):
    application = make_application(OrganisationFactory(), Status.APPROVED)
    letter = failed_letter(application)
    page = agency.get(_detail(application)).content.decode()
    assert "The decision letter could not be prepared." in page
    assert _url("application_sign", application) in page
    response = agency.post(reverse("grants:letter_retry", kwargs={"pk": letter.pk}), follow=True)
    assert "The decision letter is being prepared again." in response.content.decode()
    letter.refresh_from_db()
    assert letter.status == DecisionLetter.Status.PENDING


def test_the_panel_tells_staff_that_screening_is_overdue(agency, english):
    application = make_application(OrganisationFactory(), Status.SUBMITTED)
    page = agency.get(_detail(application)).content.decode()
    assert "To be screened by" in page and "Screening overdue" not in page
    type(application).objects.filter(pk=application.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=11)
    )
    page = agency.get(_detail(application)).content.decode()
    assert "Screening overdue" in page


def test_an_assigned_reviewer_sees_no_decision_panel(client, staff, english):
    application = make_application(OrganisationFactory(), Status.APPROVED)
    expert = reviewer()
    ReviewerAssignment.objects.create(application=application, reviewer=expert, assigned_by=staff)
    client.force_login(expert)
    page = client.get(_detail(application)).content.decode()
    assert "Reasons for the decision" not in page and "decision letter" not in page


# --- query counts ---------------------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_decision_page_makes_as_many_queries_at_one_review_as_at_several(agency, staff):
    call = make_call(envelope=Decimal("90000.00"))
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    _review(application, staff, 4)
    one = _queries(agency, _url("application_decide", application))
    for score in (2, 3, 5):
        _review(application, staff, score)
    for _n in range(3):
        make_application(OrganisationFactory(), Status.APPROVED, call=call, staff=staff)
    assert _queries(agency, _url("application_decide", application)) == one


def test_the_panel_adds_the_same_queries_whatever_the_letters(
    agency, staff, django_assert_max_num_queries
):
    application = make_application(OrganisationFactory(), Status.APPROVED, staff=staff)
    one = _queries(agency, _detail(application))
    failed_letter(application)
    from grants import letters

    for _n in range(3):
        letters.letter_request(application, decision=Status.APPROVED)
    with django_assert_max_num_queries(one):
        agency.get(_detail(application))


def test_the_amount_granted_is_offered_and_read_with_french_separators(client, settings, staff):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"  # this file's pages are English
    client.force_login(staff)
    url = reverse("grants:application_decide", kwargs={"pk": application.pk})
    page = client.get(url).content.decode()
    assert 'value="9680,00"' in page
    response = client.post(
        url, {"decision": "approve", "amount": "9000,50", "reasons": "Projet solide."}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.approved_amount == Decimal("9000.50")
