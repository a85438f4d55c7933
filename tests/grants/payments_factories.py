"""Test data of payments and the final report, through the services."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from grants import services
from grants.models import CostCategory, Status
from grants.payments import services as payments_services
from tests.factories import AgencyStaffFactory
from tests.grants.factories import make_application, pdf_file


def category(code: str) -> int:
    return CostCategory.objects.get(code=code).pk


def expense_fields(amount="1000.00", *, vat="210.00", recoverable=False, code="software", **extra):
    fields = {
        "category_id": category(code),
        "description": "Licence annuelle",
        "supplier": "Coopérative du Code",
        "invoice_number": "F-2026-017",
        "invoice_date": timezone.localdate() - datetime.timedelta(days=3),
        "amount_excl_vat": Decimal(amount),
        "vat": Decimal(vat),
        "vat_recoverable": recoverable,
        "budget_line_id": None,
    }
    fields.update(extra)
    return fields


def add_expense(application, *, by=None, **fields):
    return payments_services.expense_add_for(
        application,
        by=by or application.created_by,
        invoice=pdf_file("facture.pdf"),
        proof_of_payment=pdf_file("preuve.pdf"),
        **expense_fields(**fields),
    )


def signed(organisation, *, call=None, staff=None, by=None):
    """An application whose agreement is signed and whose advance is paid."""
    return make_application(organisation, Status.SIGNED, call=call, staff=staff, by=by)


def reported(
    organisation, *, expenses=({"amount": "10000.00", "vat": "2100.00"},), staff=None, **kw
):
    """An application whose final report (with `expenses`) is with the agency."""
    application = signed(organisation, staff=staff, **kw)
    services.final_report_save(
        application,
        by=application.created_by,
        achievements="L'outil est en place.",
        completed_actions=[],
    )
    for fields in expenses:
        add_expense(application, **fields)
    services.final_report_submit(application, by=application.created_by)
    return application


def check_all(application, *, staff=None, accepted=True):
    staff = staff or AgencyStaffFactory()
    for expense in application.final_report.expenses.all():
        services.expense_check(
            expense, by=staff, accepted=accepted, comment="" if accepted else "Hors projet."
        )


def text_as_pdf(name="facture.pdf") -> SimpleUploadedFile:
    """A text file named like a PDF: not what its name says."""
    return SimpleUploadedFile(name, b"just some text, not a PDF", content_type="application/pdf")
