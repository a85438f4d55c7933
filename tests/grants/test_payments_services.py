"""Payments, the final report and the balance, through the services: the numbers, and each
refusal (with its message, and nothing changed)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from digitalees.money import euros
from grants import amounts, services
from grants.models import Expense, FinalReport, Payment, Status, StatusChange
from grants.payments import services as payments_services
from tests.factories import AgencyStaffFactory, OrganisationFactory
from tests.grants.factories import make_application, make_call, pdf_file
from tests.grants.payments_factories import (
    add_expense,
    check_all,
    expense_fields,
    reported,
    signed,
    text_as_pdf,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _messages(error: ValidationError) -> str:
    return " ".join(error.messages)


def _pay(application, kind, amount, **extra):
    return services.payment_record(
        application,
        by=extra.pop("by", AgencyStaffFactory()),
        kind=kind,
        amount=Decimal(amount),
        paid_on=extra.pop("paid_on", TODAY()),
        reference=extra.pop("reference", "VIR-1"),
    )


# --- The balance, with numbers ---------------------------------------------------------
# The factories' application: approved 9,680.00 (10,000 + 2,100 VAT at 80 %), advance 50 %:
# 4,840.00 paid on signature.


def test_the_balance_is_the_rate_of_the_accepted_eligible_expenses_less_the_advance():
    application = reported(
        OrganisationFactory(), expenses=[{"amount": "5000.00", "vat": "1050.00"}]
    )
    check_all(application)
    balance = amounts.balance_of(application)
    assert balance.approved == Decimal("9680.00")
    assert balance.justified == Decimal("6050.00")
    assert balance.earned == Decimal("4840.00")  # 6,050 × 80 %
    assert balance.paid == Decimal("4840.00")
    assert balance.due == Decimal("0.00")


def test_expenses_above_the_approved_amount_top_the_balance_at_it_less_the_advance():
    application = reported(
        OrganisationFactory(), expenses=[{"amount": "30000.00", "vat": "6300.00"}]
    )
    check_all(application)
    balance = amounts.balance_of(application)
    assert balance.justified == Decimal("36300.00")
    assert balance.earned == Decimal("9680.00")
    assert balance.due == Decimal("4840.00")


def test_a_refused_expense_does_not_count():
    application = reported(
        OrganisationFactory(),
        expenses=[{"amount": "6000.00", "vat": "0.00"}, {"amount": "4000.00", "vat": "0.00"}],
    )
    staff = AgencyStaffFactory()
    first, second = application.final_report.expenses.order_by("amount_excl_vat")
    services.expense_check(first, by=staff, accepted=False, comment="Facture illisible.")
    services.expense_check(second, by=staff, accepted=True)
    balance = amounts.balance_of(application)
    assert balance.justified == Decimal("6000.00")
    assert balance.earned == Decimal("4800.00")
    assert balance.due == Decimal("0.00")  # 4,800 earned, 4,840 paid: never below zero


def test_an_expense_of_a_category_the_call_does_not_fund_does_not_count():
    # make_call funds every category but "staff".
    application = reported(
        OrganisationFactory(),
        expenses=[
            {"amount": "8000.00", "vat": "0.00"},
            {"amount": "5000.00", "vat": "0.00", "code": "staff"},
        ],
    )
    check_all(application)
    balance = amounts.balance_of(application)
    assert balance.justified == Decimal("8000.00")
    assert balance.earned == Decimal("6400.00")
    assert balance.due == Decimal("1560.00")


def test_recoverable_vat_does_not_count():
    application = reported(
        OrganisationFactory(),
        expenses=[
            {"amount": "7000.00", "vat": "1470.00", "recoverable": True},
            {"amount": "1000.00", "vat": "210.00"},
        ],
    )
    check_all(application)
    balance = amounts.balance_of(application)
    assert balance.justified == Decimal("8210.00")  # 7,000 + 1,000 + 210
    assert balance.earned == Decimal("6568.00")
    assert balance.due == Decimal("1728.00")


# --- Tranches ---------------------------------------------------------------------------


def test_the_balance_paid_closes_the_application_and_the_applicant_hears_of_it(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = reported(OrganisationFactory())
    check_all(application)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payment = _pay(application, Payment.Kind.BALANCE, "4840.00", reference="VIR-SOLDE-7")
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    assert payment.amount == Decimal("4840.00")
    assert amounts.call_figures(application.call).paid == Decimal("9680.00")
    paid = [m for m in mailoutbox if "versés à votre organisation" in m.subject]
    assert len(paid) == 1, [m.subject for m in mailoutbox]
    assert euros(Decimal("4840.00")) in paid[0].body
    assert "VIR-SOLDE-7" in paid[0].body
    assert "clôturé" in paid[0].body
    assert paid[0].to == [application.created_by.email]
    # ... and invited to share its experience, with the link to write it.
    write = reverse("network:experience_create", kwargs={"slug": application.organisation.slug})
    assert write in paid[0].body


def test_the_advance_paid_is_told_to_the_applicant(mailoutbox, django_capture_on_commit_callbacks):
    application = make_application(OrganisationFactory(), Status.APPROVED)
    services.agreement_sign(application, by=AgencyStaffFactory(), signed_on=TODAY())
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        _pay(application, Payment.Kind.ADVANCE, "4840.00", reference="VIR-AVANCE-3")
    assert len(mailoutbox) == 1
    assert "avance" in mailoutbox[0].body and "VIR-AVANCE-3" in mailoutbox[0].body


@pytest.mark.parametrize("amount", ["0.00", "-100.00"])
def test_a_zero_or_negative_amount_is_refused(amount):
    application = reported(OrganisationFactory())
    check_all(application)
    with pytest.raises(ValidationError) as refused:
        _pay(application, Payment.Kind.BALANCE, amount)
    assert "Indiquez un montant supérieur à zéro." in _messages(refused.value)
    assert application.payments.count() == 1
    application.refresh_from_db()
    assert application.status == Status.REPORTED


def test_a_date_in_the_future_is_refused():
    application = reported(OrganisationFactory())
    check_all(application)
    with pytest.raises(ValidationError) as refused:
        _pay(
            application,
            Payment.Kind.BALANCE,
            "100.00",
            paid_on=TODAY() + datetime.timedelta(days=1),
        )
    assert "futur" in _messages(refused.value)
    assert application.payments.count() == 1


def test_a_balance_above_what_the_expenses_justify_is_refused():
    application = reported(OrganisationFactory(), expenses=[{"amount": "8000.00", "vat": "0.00"}])
    check_all(application)
    with pytest.raises(ValidationError) as refused:
        _pay(application, Payment.Kind.BALANCE, "1560.01")
    assert euros(Decimal("1560.00")) in _messages(refused.value)
    assert not application.payments.filter(kind=Payment.Kind.BALANCE).exists()
    application.refresh_from_db()
    assert application.status == Status.REPORTED


def test_a_payment_above_the_approved_amount_is_refused():
    application = make_application(OrganisationFactory(), Status.APPROVED)
    services.agreement_sign(application, by=AgencyStaffFactory(), signed_on=TODAY())
    with pytest.raises(ValidationError) as refused:
        _pay(application, Payment.Kind.ADVANCE, "9680.01")  # the approved amount is 9,680
    assert euros(Decimal("4840.00")) in _messages(refused.value)
    assert not application.payments.exists()


def test_the_same_tranche_twice_is_refused():
    application = signed(OrganisationFactory())  # its advance is paid
    with pytest.raises(ValidationError) as refused:
        _pay(application, Payment.Kind.ADVANCE, "10.00")
    assert "déjà été enregistrée" in _messages(refused.value)
    assert application.payments.count() == 1


def test_the_balance_waits_for_every_expense_to_be_checked():
    application = reported(OrganisationFactory())
    with pytest.raises(ValidationError) as refused:
        _pay(application, Payment.Kind.BALANCE, "100.00")
    assert "Vérifiez" in _messages(refused.value)
    assert application.payments.count() == 1


def test_the_advance_waits_for_the_signature():
    application = make_application(OrganisationFactory(), Status.APPROVED)
    with pytest.raises(ValidationError) as refused:
        _pay(application, Payment.Kind.ADVANCE, "100.00")
    assert "signée" in _messages(refused.value)
    assert not application.payments.exists()


# --- The final report ------------------------------------------------------------------


def test_a_final_report_before_signature_is_refused():
    application = make_application(OrganisationFactory(), Status.APPROVED)
    with pytest.raises(ValidationError) as refused:
        services.final_report_save(
            application, by=application.created_by, achievements="Fait.", completed_actions=[]
        )
    assert "signée" in _messages(refused.value)
    with pytest.raises(ValidationError):
        add_expense(application)
    assert not FinalReport.objects.filter(application=application).exists()
    assert not Expense.objects.exists()


def test_an_expense_file_that_is_not_what_its_name_says_is_refused():
    application = signed(OrganisationFactory())
    with pytest.raises(ValidationError) as refused:
        payments_services.expense_add_for(
            application,
            by=application.created_by,
            invoice=text_as_pdf(),
            proof_of_payment=pdf_file("preuve.pdf"),
            **expense_fields(),
        )
    assert "invoice" in refused.value.message_dict
    assert "pas ce que son nom indique" in _messages(refused.value)
    assert not Expense.objects.exists()
    assert not FinalReport.objects.filter(application=application).exists()


def test_an_expense_with_a_negative_amount_or_a_future_invoice_is_refused():
    application = signed(OrganisationFactory())
    with pytest.raises(ValidationError) as refused:
        add_expense(
            application,
            amount="-5.00",
            invoice_date=TODAY() + datetime.timedelta(days=2),
        )
    assert set(refused.value.message_dict) >= {"amount_excl_vat", "invoice_date"}
    assert not Expense.objects.exists()


def test_the_report_is_submitted_with_what_was_done_and_its_expenses():
    application = signed(OrganisationFactory())
    add_expense(application)
    with pytest.raises(ValidationError) as refused:
        services.final_report_submit(application, by=application.created_by)
    assert "Décrivez" in _messages(refused.value)
    application.refresh_from_db()
    assert application.status == Status.SIGNED
    services.final_report_save(
        application, by=application.created_by, achievements="En place.", completed_actions=[]
    )
    services.final_report_submit(application, by=application.created_by)
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    assert application.final_report.submitted_at is not None


def test_a_stale_report_changes_nothing():
    application = signed(OrganisationFactory())
    report = services.final_report_save(
        application, by=application.created_by, achievements="Premier jet.", completed_actions=[]
    )
    services.final_report_save(
        application,
        by=application.created_by,
        achievements="Deuxième.",
        completed_actions=[],
        version=report.version,
    )
    with pytest.raises(ValidationError):
        services.final_report_save(
            application,
            by=application.created_by,
            achievements="Troisième, sur une page ancienne.",
            completed_actions=[],
            version=report.version,
        )
    report.refresh_from_db()
    assert report.achievements == "Deuxième."


def test_an_expense_is_removed_only_while_the_report_is_written():
    application = signed(OrganisationFactory())
    expense = add_expense(application)
    services.final_report_save(
        application, by=application.created_by, achievements="Fait.", completed_actions=[]
    )
    services.final_report_submit(application, by=application.created_by)
    with pytest.raises(ValidationError):
        payments_services.expense_remove(expense, by=application.created_by)
    assert Expense.objects.filter(pk=expense.pk).exists()


def test_refusing_an_expense_needs_a_reason():
    application = reported(OrganisationFactory())
    expense = application.final_report.expenses.get()
    with pytest.raises(ValidationError) as refused:
        services.expense_check(expense, by=AgencyStaffFactory(), accepted=False, comment=" ")
    assert "refusée" in _messages(refused.value)
    expense.refresh_from_db()
    assert expense.check_status == Expense.Check.PENDING


def test_a_report_sent_back_can_be_changed_and_submitted_again(
    mailoutbox, django_capture_on_commit_callbacks
):
    application = reported(OrganisationFactory())
    staff = AgencyStaffFactory()
    with pytest.raises(ValidationError):
        payments_services.report_send_back(application, by=staff, message="  ")
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        payments_services.report_send_back(
            application, by=staff, message="Joignez la preuve de paiement de la licence."
        )
    application.refresh_from_db()
    assert application.status == Status.SIGNED
    change = StatusChange.objects.filter(application=application).last()
    assert change.from_status == Status.REPORTED
    assert change.comment == "Joignez la preuve de paiement de la licence."
    # One e-mail, this part's: it says what is missing and links to the report.
    assert len(mailoutbox) == 1
    assert "renvoyé" in mailoutbox[0].subject
    assert "Joignez la preuve de paiement" in mailoutbox[0].body
    assert f"/grants/applications/{application.pk}/report/" in mailoutbox[0].body
    add_expense(application, amount="200.00", vat="0.00")
    services.final_report_submit(application, by=application.created_by)
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    assert application.final_report.expenses.count() == 2


def test_a_completed_action_must_be_of_the_application_plan():
    from tests.coaching.factories import make_action, make_plan

    application = signed(OrganisationFactory(), call=make_call())
    elsewhere = make_action(make_plan(OrganisationFactory()))
    with pytest.raises(ValidationError) as refused:
        services.final_report_save(
            application,
            by=application.created_by,
            achievements="Fait.",
            completed_actions=[elsewhere],
        )
    assert "completed_actions" in refused.value.message_dict
    assert not FinalReport.objects.filter(application=application).exists()
