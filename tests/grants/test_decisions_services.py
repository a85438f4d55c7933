"""The decisions' services: approving within the envelope, the cap, the request and the de
minimis ceiling; rejecting with reasons; moves the table does not allow; two approvals
racing on PostgreSQL."""

import datetime
import threading
import time
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.utils import timezone, translation

from grants import amounts, services
from grants.models import Application, DecisionLetter, Status, StatusChange
from grants.services import AidInput
from grants.workflow import TransitionRefused
from tests.factories import AgencyStaffFactory, OrganisationFactory
from tests.grants.factories import advance, make_application, make_call, make_draft

pytestmark = pytest.mark.django_db

REQUESTED = Decimal("9680.00")  # the factories' budget: 12,100 eligible at 80 %


def _unchanged(application, status=Status.IN_REVIEW):
    application.refresh_from_db()
    assert application.status == status
    assert application.approved_amount is None
    assert application.decided_at is None
    assert not DecisionLetter.objects.filter(application=application).exists()
    assert not StatusChange.objects.filter(application=application, to_status="approved").exists()


def _refusal(error) -> str:
    return " ".join(error.value.messages)


def test_approving_above_the_remaining_envelope_is_refused(english):
    call = make_call(envelope=Decimal("12000.00"), max_grant=Decimal("10000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=call)
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application, by=AgencyStaffFactory(), amount=REQUESTED, reasons="Solide."
        )
    assert "The call's envelope has €2,320.00 left: €9,680.00 cannot be granted." in _refusal(error)
    _unchanged(application)
    assert amounts.call_figures(call).committed == REQUESTED


def test_approving_what_is_left_of_the_envelope_is_accepted():
    call = make_call(envelope=Decimal("12000.00"), max_grant=Decimal("10000.00"))
    make_application(OrganisationFactory(), Status.APPROVED, call=call)
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    services.application_approve(
        application, by=AgencyStaffFactory(), amount=Decimal("2320.00"), reasons="Réduit."
    )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert amounts.call_figures(call).remaining == Decimal("0.00")


def test_approving_above_the_call_cap_is_refused(english):
    call = make_call(max_grant=Decimal("5000.00"))
    application = make_application(OrganisationFactory(), Status.IN_REVIEW, call=call)
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application, by=AgencyStaffFactory(), amount=Decimal("5000.01"), reasons="Oui."
        )
    assert "The call grants €5,000.00 at most." in _refusal(error)
    _unchanged(application)


def test_approving_above_the_request_is_refused(english):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.application_approve(
            application, by=AgencyStaffFactory(), amount=REQUESTED + 1, reasons="Oui."
        )
    assert "The applicant requested €9,680.00: grant no more." in _refusal(error)
    _unchanged(application)


def test_approving_past_the_de_minimis_ceiling_is_refused(english):
    """Declared aid of 290,000 left room for this request; another grant of the programme
    approved since takes the total past 300,000."""
    organisation = OrganisationFactory()
    staff = AgencyStaffFactory()
    application = make_draft(organisation)
    services.application_save_de_minimis(
        application,
        version=application.version,
        aids=[
            AidInput(
                granting_body="Fonds européen",
                granted_on=timezone.localdate() - datetime.timedelta(days=100),
                amount=Decimal("290000.00"),
            )
        ],
    )
    services.application_submit(application, by=application.created_by)
    advance(application, Status.IN_REVIEW, staff=staff)
    make_application(organisation, Status.APPROVED, staff=staff)  # another call's grant
    with pytest.raises(ValidationError) as error:
        services.application_approve(application, by=staff, amount=REQUESTED, reasons="Oui.")
    assert (
        "This grant would take the organisation's de minimis aid to €309,360.00, above the "
        "ceiling of €300,000.00." in _refusal(error)
    )
    _unchanged(application)


def test_rejecting_without_reasons_is_refused(english):
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    with pytest.raises(ValidationError) as error:
        services.application_reject(application, by=AgencyStaffFactory(), reasons="  ")
    assert "Give the reasons for the refusal." in _refusal(error)
    application.refresh_from_db()
    assert application.status == Status.IN_REVIEW and not application.decision_reasons
    assert not DecisionLetter.objects.exists()


@pytest.mark.parametrize(
    "status,service,kwargs",
    [
        (Status.DRAFT, services.screening_start, {}),
        (Status.IN_REVIEW, services.screening_start, {}),
        (Status.SUBMITTED, services.review_start, {}),
        (Status.SUBMITTED, services.info_request, {"message": "Un devis ?"}),
        (Status.APPROVED, services.application_reject, {"reasons": "Trop tard."}),
        (Status.SUBMITTED, services.application_reject, {"reasons": "Pas encore."}),
        (Status.IN_REVIEW, services.agreement_sign, {"signed_on": datetime.date.today()}),
    ],
)
def test_a_move_the_table_does_not_allow_is_refused_and_changes_nothing(
    status, service, kwargs, english
):
    application = make_application(OrganisationFactory(), status)
    moves = StatusChange.objects.filter(application=application).count()
    version = Application.objects.get(pk=application.pk).version
    with pytest.raises(TransitionRefused) as error:
        service(application, by=AgencyStaffFactory(), **kwargs)
    assert f"This application is “{Status(status).label}”: it cannot become" in _refusal(error)
    application.refresh_from_db()
    assert application.status == status and application.version == version
    assert StatusChange.objects.filter(application=application).count() == moves


def test_approving_an_application_not_in_review_is_refused(english):
    application = make_application(OrganisationFactory(), Status.SCREENING)
    with pytest.raises(TransitionRefused) as error:
        services.application_approve(
            application, by=AgencyStaffFactory(), amount=REQUESTED, reasons="Oui."
        )
    assert "This application is “Screening”: it cannot be approved." in _refusal(error)
    _unchanged(application, Status.SCREENING)


def test_approving_records_the_decision_and_asks_for_its_letter():
    staff = AgencyStaffFactory()
    application = make_application(OrganisationFactory(), Status.IN_REVIEW)
    services.application_approve(
        application,
        by=staff,
        amount=Decimal("9000.00"),
        reasons="Un projet solide.",
        internal_comment="Vu en comité le 3.",
    )
    application.refresh_from_db()
    assert application.status == Status.APPROVED
    assert application.approved_amount == Decimal("9000.00")
    assert application.decided_by == staff and application.decision_reasons == "Un projet solide."
    letter = DecisionLetter.objects.get(application=application)
    assert letter.decision == Status.APPROVED and letter.status == DecisionLetter.Status.PENDING
    change = StatusChange.objects.get(application=application, to_status="approved")
    assert change.comment == "Un projet solide." and change.internal_comment == "Vu en comité le 3."


# --- two approvals at once, on PostgreSQL ---------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_two_approvals_racing_never_exceed_the_envelope(monkeypatch, published_questionnaire):
    """Two staff approve two applications at the same moment, each on its own connection;
    together they exceed what the envelope holds. The call's row lock makes the second
    read the figures after the first committed: exactly one is approved."""
    call = make_call(envelope=Decimal("15000.00"), max_grant=Decimal("10000.00"))
    staff = AgencyStaffFactory()
    first, second = (
        make_application(OrganisationFactory(), Status.IN_REVIEW, call=call, staff=staff)
        for _n in range(2)
    )
    real_figures = amounts.call_figures

    def slow_figures(locked_call):
        figures = real_figures(locked_call)
        time.sleep(0.5)  # the other approval reaches its own read meanwhile
        return figures

    monkeypatch.setattr(amounts, "call_figures", slow_figures)
    start = threading.Barrier(2, timeout=20)
    approved, refused, errors = [], [], []

    def approve(application):
        try:
            start.wait()
            with translation.override("en"):  # the language is the thread's own
                services.application_approve(
                    application, by=staff, amount=REQUESTED, reasons="Projet solide."
                )
            approved.append(application.pk)
        except ValidationError as error:
            with translation.override("en"):
                refused.append(" ".join(str(m) for m in error.messages))
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=approve, args=(a,)) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors
    assert len(approved) == 1 and len(refused) == 1
    assert refused[0] == "The call's envelope has €5,320.00 left: €9,680.00 cannot be granted."
    assert real_figures(call).committed == REQUESTED <= call.envelope
    statuses = sorted(Application.objects.filter(call=call).values_list("status", flat=True))
    assert statuses == [Status.APPROVED, Status.IN_REVIEW]
