"""Payments and the final report in the browser's terms: the pages, what they say, what a
refusal shows and leaves unchanged, who reaches the files, and query counts that do not
grow with the expenses."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from digitalees.money import euros
from grants.models import Expense, FinalReport, Payment, Status
from tests.conftest import agency_with_mfa
from tests.factories import MembershipFactory, OrganisationFactory
from tests.grants.factories import make_application, pdf_file
from tests.grants.payments_factories import (
    add_expense,
    check_all,
    expense_fields,
    reported,
    signed,
    text_as_pdf,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return agency_with_mfa()


def _expense_post(**overrides):
    fields = expense_fields()
    data = {
        "category": fields["category_id"],
        "description": "Formation à l'outil",
        "supplier": "Coopérative du Code",
        "invoice_number": "F-2026-042",
        "invoice_date": fields["invoice_date"].isoformat(),
        "amount_excl_vat": "1500,00",
        "vat": "315,00",
        "invoice": pdf_file("facture.pdf"),
        "proof_of_payment": pdf_file("preuve.pdf"),
    }
    data.update(overrides)
    return data


def test_the_applicant_writes_the_report_adds_an_expense_and_submits_it(client, mailoutbox):
    application = signed(OrganisationFactory())
    client.force_login(application.created_by)
    url = reverse("grants:final_report", kwargs={"pk": application.pk})
    page = client.get(url)
    assert "Ce qui a été réalisé" in page.content.decode()
    response = client.post(url, {"achievements": "Le planning partagé est en service."})
    assert response.status_code == 302
    response = client.post(
        reverse("grants:expense_add", kwargs={"pk": application.pk}), _expense_post()
    )
    assert response.status_code == 302, response.content.decode()
    page = client.get(url).content.decode()
    assert "Formation à l&#x27;outil" in page and "F-2026-042" in page
    expense = Expense.objects.get()
    assert expense.amount_excl_vat == Decimal("1500.00")
    response = client.post(reverse("grants:final_report_submit", kwargs={"pk": application.pk}))
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    page = client.get(reverse("grants:application_detail", kwargs={"pk": application.pk}))
    assert "Voir le rapport final" in page.content.decode()


def test_an_expense_file_that_is_not_what_its_name_says_shows_why_and_adds_nothing(client):
    application = signed(OrganisationFactory())
    client.force_login(application.created_by)
    response = client.post(
        reverse("grants:expense_add", kwargs={"pk": application.pk}),
        _expense_post(invoice=text_as_pdf()),
    )
    assert response.status_code == 200
    assert escape("n'est pas ce que son nom indique") in response.content.decode()
    assert not Expense.objects.exists()


def test_a_final_report_before_signature_is_refused_with_the_reason(client):
    application = make_application(OrganisationFactory(), Status.APPROVED)
    client.force_login(application.created_by)
    url = reverse("grants:final_report", kwargs={"pk": application.pk})
    page = client.get(url).content.decode()
    assert "Le rapport final se rédige une fois la convention signée." in page
    assert 'name="achievements"' not in page
    response = client.post(url, {"achievements": "Trop tôt."})
    assert response.status_code == 200
    assert "Le rapport final se rédige une fois la convention signée." in response.content.decode()
    assert not FinalReport.objects.exists()


def test_another_organisation_member_reaches_neither_the_report_nor_a_file(client):
    application = signed(OrganisationFactory())
    expense = add_expense(application)
    client.force_login(MembershipFactory(role="admin").user)
    for url in (
        reverse("grants:final_report", kwargs={"pk": application.pk}),
        reverse("grants:expense_file", kwargs={"pk": expense.pk, "which": "invoice"}),
        reverse("grants:expense_file", kwargs={"pk": expense.pk, "which": "proof"}),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("grants:expense_delete", kwargs={"pk": expense.pk})).status_code == 404
    )
    assert Expense.objects.filter(pk=expense.pk).exists()


def test_the_files_are_served_privately_to_the_organisation(client):
    application = signed(OrganisationFactory())
    expense = add_expense(application)
    client.force_login(application.created_by)
    response = client.get(
        reverse("grants:expense_file", kwargs={"pk": expense.pk, "which": "proof"})
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "preuve.pdf" in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    other = reverse("grants:expense_file", kwargs={"pk": expense.pk, "which": "quote"})
    assert client.get(other).status_code == 404


def test_staff_check_the_expenses_and_pay_the_balance_shown_in_words(client, staff):
    application = reported(
        OrganisationFactory(),
        expenses=[{"amount": "8000.00", "vat": "0.00"}, {"amount": "900.00", "vat": "0.00"}],
    )
    client.force_login(staff)
    detail = reverse("grants:application_detail", kwargs={"pk": application.pk})
    page = client.get(detail).content.decode()
    assert "Vérifier cette dépense" in page
    # Staff read what was done on the application's page (the report's own is the applicant's).
    assert escape("L'outil est en place.") in page
    first, second = application.final_report.expenses.order_by("-amount_excl_vat")
    check = reverse("grants:expense_check", kwargs={"pk": first.pk})
    assert client.post(check, {"decision": "accept"}).status_code == 302
    # Refusing without a reason is refused, and the expense stays to check.
    client.post(reverse("grants:expense_check", kwargs={"pk": second.pk}), {"decision": "refuse"})
    second.refresh_from_db()
    assert second.check_status == Expense.Check.PENDING
    page = client.get(detail).content.decode()
    assert "Indiquez pourquoi cette dépense est refusée." in page or "refusée" in page
    client.post(
        reverse("grants:expense_check", kwargs={"pk": second.pk}),
        {"decision": "refuse", "comment": "Sans lien avec le projet."},
    )
    page = client.get(detail).content.decode()
    # 8,000 accepted × 80 % = 6,400; 4,840 paid: 1,560 due.
    assert euros(Decimal("8000.00")) in page
    assert euros(Decimal("6400.00")) in page
    assert euros(Decimal("1560.00")) in page
    assert "Sans lien avec le projet." in page
    assert "Enregistrer le solde" in page
    response = client.post(
        reverse("grants:payment_create", kwargs={"pk": application.pk}),
        {
            "kind": "balance",
            "amount": "1560.00",
            "paid_on": timezone.localdate().isoformat(),
            "reference": "VIR-SOLDE",
        },
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.CLOSED
    page = client.get(detail).content.decode()
    assert "VIR-SOLDE" in page


@pytest.mark.parametrize(
    "amount,message",
    [
        ("0", "Indiquez un montant supérieur à zéro."),
        ("-10", "Indiquez un montant supérieur à zéro."),
        ("4840.01", "Les dépenses acceptées justifient un solde de"),
    ],
)
def test_a_bad_payment_shows_why_and_records_nothing(client, staff, amount, message):
    application = reported(OrganisationFactory())
    check_all(application)
    client.force_login(staff)
    response = client.post(
        reverse("grants:payment_create", kwargs={"pk": application.pk}),
        {
            "kind": "balance",
            "amount": amount,
            "paid_on": timezone.localdate().isoformat(),
            "reference": "VIR-X",
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert application.payments.count() == 1
    application.refresh_from_db()
    assert application.status == Status.REPORTED


def test_the_same_tranche_twice_shows_why(client, staff):
    application = signed(OrganisationFactory())
    client.force_login(staff)
    response = client.post(
        reverse("grants:payment_create", kwargs={"pk": application.pk}),
        {
            "kind": "advance",
            "amount": "100",
            "paid_on": timezone.localdate().isoformat(),
            "reference": "VIR-BIS",
        },
    )
    assert response.status_code == 200
    assert escape("L'avance a déjà été enregistrée.") in response.content.decode()
    assert application.payments.filter(kind=Payment.Kind.ADVANCE).count() == 1


def test_a_report_sent_back_tells_the_applicant_what_is_missing(
    client, staff, mailoutbox, django_capture_on_commit_callbacks
):
    application = reported(OrganisationFactory())
    client.force_login(staff)
    url = reverse("grants:report_send_back", kwargs={"pk": application.pk})
    client.post(url, {"message": ""})
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"message": "La preuve de paiement manque."})
    application.refresh_from_db()
    assert application.status == Status.SIGNED
    assert any("La preuve de paiement manque." in m.body for m in mailoutbox)
    client.force_login(application.created_by)
    page = client.get(reverse("grants:final_report", kwargs={"pk": application.pk})).content
    assert "renvoyé le rapport" in page.decode()
    assert 'name="achievements"' in page.decode()


def test_a_reviewer_sees_no_payments_panel(client):
    from grants import services
    from tests.grants.factories import reviewer

    application = make_application(OrganisationFactory(), Status.SUBMITTED)
    expert = reviewer()
    services.reviewer_assign(application, reviewer=expert, by=agency_with_mfa())
    client.force_login(expert)
    from tests.grants.factories import advance

    advance(application, Status.SIGNED)
    page = client.get(reverse("grants:application_detail", kwargs={"pk": application.pk}))
    assert page.status_code == 200
    assert 'id="payments-title"' not in page.content.decode()


# --- Query counts ------------------------------------------------------------------------


def _reported_with(expenses: int):
    return reported(
        OrganisationFactory(),
        expenses=[{"amount": "1000.00", "vat": "0.00"} for _ in range(expenses)],
    )


@pytest.mark.parametrize("expenses", [1, 6])
def test_the_application_page_with_the_report_costs_the_same_queries(
    client, staff, expenses, django_assert_max_num_queries
):
    application = _reported_with(expenses)
    client.force_login(staff)
    url = reverse("grants:application_detail", kwargs={"pk": application.pk})
    client.get(url)
    with django_assert_max_num_queries(MOST["application_detail"]):
        response = client.get(url)
    assert response.content.decode().count("Vérifier cette dépense") == expenses


@pytest.mark.parametrize("expenses", [1, 6])
def test_the_report_page_costs_the_same_queries(client, expenses, django_assert_max_num_queries):
    application = _reported_with(expenses)
    client.force_login(application.created_by)
    url = reverse("grants:final_report", kwargs={"pk": application.pk})
    client.get(url)
    with django_assert_max_num_queries(MOST["final_report"]):
        response = client.get(url)
    assert response.content.decode().count('id="expense-') == expenses


# Measured with 1 and with 6 expenses, plus a margin of three: the application's page as
# agency staff (with the check of each expense and the balance) 17/17 before the other
# parts' panels land; the report's page 7/7.
MOST = {"application_detail": 20, "final_report": 10}
