"""Reads of grants' payments part: the application's payments panel and the final report's
page. A fixed number of queries, whatever the number of tranches and expenses."""

from dataclasses import dataclass
from decimal import Decimal

from .. import amounts
from ..models import ZERO, Application, Expense, FinalReport, Payment, Status

# Statuses in which the application has an approved amount to pay.
PAYABLE = (Status.APPROVED, Status.SIGNED, Status.REPORTED, Status.CLOSED)


@dataclass(frozen=True)
class BalanceView:
    """amounts.balance_of's figures with what the page says of them."""

    balance: amounts.Balance
    rate: Decimal
    computed: Decimal  # justified × rate, before the cap
    capped: bool  # the approved amount cut it


def next_tranche(application: Application, payments: list[Payment]) -> str | None:
    """The tranche the agency may record now, if any."""
    kinds = {payment.kind for payment in payments}
    if application.status in (Status.SIGNED, Status.REPORTED) and Payment.Kind.ADVANCE not in kinds:
        return Payment.Kind.ADVANCE
    if application.status == Status.REPORTED and Payment.Kind.BALANCE not in kinds:
        return Payment.Kind.BALANCE
    return None


def default_amount(application: Application, kind: str | None) -> Decimal | None:
    if kind == Payment.Kind.ADVANCE:
        return amounts.advance_of(application)
    if kind == Payment.Kind.BALANCE:
        return amounts.balance_of(application).due
    return None


def payments_of(application: Application) -> list[Payment]:
    return list(Payment.objects.filter(application=application))


def report_of(application: Application) -> FinalReport | None:
    return FinalReport.objects.filter(application=application).first()


def expenses_of(report: FinalReport | None) -> list[Expense]:
    if report is None:
        return []
    return list(report.expenses.select_related("category", "budget_line", "checked_by"))


def balance_view(application: Application) -> BalanceView:
    balance = amounts.balance_of(application)
    rate = application.call.cofinancing_rate
    computed = amounts.cents(balance.justified * rate / 100)
    return BalanceView(
        balance=balance, rate=rate, computed=computed, capped=computed > balance.earned
    )


def funded_ids(application: Application) -> set[int]:
    return set(application.call.categories.values_list("pk", flat=True))


def panel(application: Application, access) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/payments/_panel.html with it as `panel`. Reviewers see the
    application, not its money."""
    if not access.organisation.can_view or application.status not in PAYABLE:
        return {}
    payments = payments_of(application)
    approved = application.approved_amount or ZERO
    paid = sum((payment.amount for payment in payments), ZERO)
    report = report_of(application)
    submitted = application.status in (Status.REPORTED, Status.CLOSED)
    expenses = expenses_of(report) if report is not None else []
    funded = funded_ids(application) if expenses else set()
    pending = sum(1 for expense in expenses if expense.check_status == Expense.Check.PENDING)
    kind = next_tranche(application, payments) if access.can_manage else None
    if kind == Payment.Kind.BALANCE and pending:
        kind = None  # the balance waits for every expense to be checked
    # Those who do not write the report read it here: what was done, the actions completed.
    completed = (
        list(report.completed_actions.order_by("pk"))
        if report is not None and not access.is_member
        else []
    )
    return {
        "approved": approved,
        "completed_actions": completed,
        "payments": payments,
        "paid": paid,
        "remaining": max(ZERO, approved - paid),
        "report": report,
        "report_submitted": submitted,
        "expenses": [(expense, expense.category_id in funded) for expense in expenses],
        "balance": balance_view(application)
        if submitted or (report and access.can_manage)
        else None,
        "is_applicant": access.is_member,
        "can_write_report": access.is_member and application.status == Status.SIGNED,
        "can_check": access.can_manage and application.status == Status.REPORTED,
        "pending": pending,
        "next_tranche": kind,
        "next_tranche_label": Payment.Kind(kind).label if kind else "",
        "next_amount": default_amount(application, kind),
    }
