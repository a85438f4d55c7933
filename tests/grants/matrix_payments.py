"""Permission-matrix rows of payments and the final report (merged by test_permission_matrix).

The report and its files are the organisation's affairs with the agency: its members write
it, its coaches and the agency read it, the agency checks it and pays; the reviewer assigned
to the application sees the application but not its money nor its report (403); strangers
get 404."""

from decimal import Decimal

from django.utils import timezone

from grants import amounts, services
from grants.models import Payment, Status
from tests.grants.factories import pdf_file
from tests.grants.matrix_core import assigned_application
from tests.grants.payments_factories import add_expense, check_all, expense_fields
from tests.test_permission_matrix import LOGIN, NOT_ALLOWED_LOGGED_IN, OK_REDIRECT, ORG_VIEW, Row

# Who reads the report and its files: those who see the organisation; the reviewer may not.
REPORT_VIEW = {**ORG_VIEW, "reviewer": 403}
# The applicant's actions: the organisation's members.
APPLICANT_ACTION = {
    **REPORT_VIEW,
    "member": OK_REDIRECT,
    "org_admin": OK_REDIRECT,
    "coach": 403,
    "agency": 403,
    "superuser": 403,
}
APPLICANT_PAGE = {**APPLICANT_ACTION, "member": 200, "org_admin": 200}
# The agency's actions on an application (staff without TOTP do not see it: 404).
AGENCY_MONEY_PAGE = {
    "anonymous": LOGIN,
    "member": 403,
    "org_admin": 403,
    "other_org_member": 404,
    "coach": 403,
    "unassigned_coach": 404,
    "agency": 200,
    "agency_without_mfa": 404,
    "superuser": 200,
    "reviewer": 403,
}
AGENCY_MONEY_ACTION = {**AGENCY_MONEY_PAGE, "agency": OK_REDIRECT, "superuser": OK_REDIRECT}


def _signed(org, p):
    return assigned_application(org, p, Status.SIGNED)


def _reported(org, p, *, checked=False):
    application = assigned_application(org, p, Status.REPORTED)
    if checked:
        check_all(application, staff=p["agency"])
    return application


def _signed_kwargs(org, p):
    return {"pk": _signed(org, p).pk}


def _with_report_kwargs(org, p):
    application = _signed(org, p)
    services.final_report_save(
        application, by=p["org_admin"], achievements="C'est fait.", completed_actions=[]
    )
    add_expense(application, by=p["org_admin"])
    return {"pk": application.pk}


def _reported_kwargs(org, p):
    return {"pk": _reported(org, p).pk}


def _checked_kwargs(org, p):
    return {"pk": _reported(org, p, checked=True).pk}


def _expense_kwargs(org, p):
    return {"pk": add_expense(_signed(org, p), by=p["org_admin"]).pk}


def _file_kwargs(org, p):
    return {**_expense_kwargs(org, p), "which": "invoice"}


def _reported_expense_kwargs(org, p):
    return {"pk": _reported(org, p).final_report.expenses.get().pk}


def _balance(org, p):
    from grants.models import Application

    application = Application.objects.get(organisation=org)
    return {
        "kind": Payment.Kind.BALANCE,
        "amount": str(amounts.balance_of(application).due),
        "paid_on": timezone.localdate().isoformat(),
        "reference": "VIR-MATRIX",
    }


def _expense_data(org, p):
    fields = expense_fields()
    return {
        "category": fields["category_id"],
        "description": fields["description"],
        "supplier": fields["supplier"],
        "invoice_number": fields["invoice_number"],
        "invoice_date": fields["invoice_date"].isoformat(),
        "amount_excl_vat": str(fields["amount_excl_vat"]),
        "vat": str(Decimal("0")),
        "invoice": pdf_file("facture.pdf"),
        "proof_of_payment": pdf_file("preuve.pdf"),
    }


MATRIX = {
    ("grants:payment_create", "get"): Row(_checked_kwargs, AGENCY_MONEY_PAGE),
    ("grants:payment_create", "post"): Row(_checked_kwargs, AGENCY_MONEY_ACTION, _balance),
    # The applicant's page (to read and to write); the others read the report on the
    # application's page.
    ("grants:final_report", "get"): Row(_signed_kwargs, APPLICANT_PAGE),
    ("grants:final_report", "post"): Row(
        _signed_kwargs, APPLICANT_ACTION, lambda org, p: {"achievements": "Tout est en place."}
    ),
    ("grants:expense_add", "get"): Row(_signed_kwargs, APPLICANT_PAGE),
    ("grants:expense_add", "post"): Row(_signed_kwargs, APPLICANT_ACTION, _expense_data),
    ("grants:expense_delete", "get"): Row(_expense_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("grants:expense_delete", "post"): Row(_expense_kwargs, APPLICANT_ACTION),
    ("grants:expense_file", "get"): Row(_file_kwargs, REPORT_VIEW),
    ("grants:expense_file", "post"): Row(_file_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("grants:final_report_submit", "get"): Row(_with_report_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("grants:final_report_submit", "post"): Row(_with_report_kwargs, APPLICANT_ACTION),
    ("grants:expense_check", "get"): Row(_reported_expense_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("grants:expense_check", "post"): Row(
        _reported_expense_kwargs, AGENCY_MONEY_ACTION, lambda org, p: {"decision": "accept"}
    ),
    ("grants:report_send_back", "get"): Row(_reported_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("grants:report_send_back", "post"): Row(
        _reported_kwargs, AGENCY_MONEY_ACTION, lambda org, p: {"message": "Il manque une preuve."}
    ),
}
