"""The money rules, in one place: what a budget asks, what a call has left, the de minimis
ceiling, what the balance comes to. Amounts are Decimals in euros, rounded down to the cent
(a grant never pays a fraction of a cent more than its rules allow)."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from .models import (
    COMMITTED_STATUSES,
    DE_MINIMIS_CEILING,
    DE_MINIMIS_YEARS,
    ZERO,
    Application,
    Call,
    DeMinimisAid,
    Expense,
    Payment,
    Status,
)

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_DOWN)


@dataclass(frozen=True)
class BudgetTotals:
    total_cost: Decimal  # every line, excluding VAT
    total_vat: Decimal
    eligible_total: Decimal  # lines of categories the call funds, with unrecoverable VAT
    max_request: Decimal  # eligible × rate, capped at the call's maximum grant


def budget_totals(call: Call, lines, eligible_category_ids: set[int]) -> BudgetTotals:
    """`lines`: objects (or rows) with category_id, amount_excl_vat, vat, vat_recoverable."""
    total_cost = total_vat = eligible = ZERO
    for line in lines:
        total_cost += line.amount_excl_vat
        total_vat += line.vat
        if line.category_id in eligible_category_ids:
            eligible += line.amount_excl_vat + (ZERO if line.vat_recoverable else line.vat)
    return BudgetTotals(total_cost, total_vat, eligible, max_request(call, eligible))


def max_request(call: Call, eligible_total: Decimal) -> Decimal:
    return min(cents(eligible_total * call.cofinancing_rate / 100), call.max_grant)


@dataclass(frozen=True)
class CallFigures:
    envelope: Decimal
    committed: Decimal  # approved and not yet closed, plus what closed ones were paid
    paid: Decimal
    remaining: Decimal  # envelope - committed
    applications: int  # not drafts, not withdrawn
    approved: int


def call_figures(call: Call) -> CallFigures:
    """Committed, paid and remaining amounts of a call (two queries). Inside
    `application_approve` the call row is locked first, so the figures read there are
    those no other approval can change before the transaction ends."""
    totals = Application.objects.filter(call=call).aggregate(
        committed=Sum("approved_amount", filter=Q(status__in=COMMITTED_STATUSES)),
        applications=Count("pk", filter=~Q(status__in=(Status.DRAFT, Status.WITHDRAWN))),
        approved=Count("pk", filter=Q(approved_amount__isnull=False)),
    )
    payments = Payment.objects.filter(application__call=call).aggregate(
        paid=Sum("amount"),
        paid_closed=Sum("amount", filter=Q(application__status=Status.CLOSED)),
    )
    committed = (totals["committed"] or ZERO) + (payments["paid_closed"] or ZERO)
    return CallFigures(
        envelope=call.envelope,
        committed=committed,
        paid=payments["paid"] or ZERO,
        remaining=call.envelope - committed,
        applications=totals["applications"],
        approved=totals["approved"],
    )


def de_minimis_window_start(on: datetime.date) -> datetime.date:
    """The first day of the rolling three years that end on `on`."""
    try:
        return on.replace(year=on.year - DE_MINIMIS_YEARS)
    except ValueError:  # 29 February
        return on.replace(year=on.year - DE_MINIMIS_YEARS, day=28)


@dataclass(frozen=True)
class DeMinimis:
    declared: Decimal  # aid from other bodies, as declared in this application
    programme: Decimal  # the programme's own grants to the organisation in the window
    requested: Decimal
    ceiling: Decimal

    @property
    def total(self) -> Decimal:
        return self.declared + self.programme + self.requested

    @property
    def exceeded(self) -> bool:
        return self.total > self.ceiling

    @property
    def room(self) -> Decimal:
        """How much more aid the ceiling allows, this request aside."""
        return max(ZERO, self.ceiling - self.declared - self.programme)


def de_minimis(application: Application, *, requested: Decimal | None = None, on=None) -> DeMinimis:
    """The aid the organisation received over the three years ending `on` (today), with
    what this application requests: Regulation (EU) 2023/2831 caps it at EUR 300,000."""
    on = on or timezone.localdate()
    start = de_minimis_window_start(on)
    declared = DeMinimisAid.objects.filter(
        application=application, granted_on__gt=start, granted_on__lte=on
    ).aggregate(total=Sum("amount"))["total"]
    programme = (
        Application.objects.filter(
            organisation_id=application.organisation_id,
            approved_amount__isnull=False,
            decided_at__date__gt=start,
        )
        .exclude(pk=application.pk)
        .exclude(status=Status.REJECTED)
        .aggregate(total=Sum("approved_amount"))["total"]
    )
    return DeMinimis(
        declared=declared or ZERO,
        programme=programme or ZERO,
        requested=application.requested_amount if requested is None else requested,
        ceiling=DE_MINIMIS_CEILING,
    )


@dataclass(frozen=True)
class Balance:
    approved: Decimal
    justified: Decimal  # eligible costs of the accepted expenses
    earned: Decimal  # justified × rate, never above the approved amount
    paid: Decimal
    due: Decimal  # earned - paid, never below zero


def balance_of(application: Application) -> Balance:
    """The balance due on the final report: the call's rate applied to the accepted
    expenses of categories it funds, never above the approved amount, less what was paid."""
    call = application.call
    approved = application.approved_amount or ZERO
    eligible_ids = set(call.categories.values_list("pk", flat=True))
    justified = ZERO
    expenses = Expense.objects.filter(
        report__application=application, check_status=Expense.Check.ACCEPTED
    )
    for expense in expenses:
        if expense.category_id in eligible_ids:
            justified += expense.cost
    earned = min(cents(justified * call.cofinancing_rate / 100), approved)
    paid = (
        Payment.objects.filter(application=application).aggregate(total=Sum("amount"))["total"]
        or ZERO
    )
    return Balance(approved, justified, earned, paid, max(ZERO, earned - paid))


def advance_of(application: Application) -> Decimal:
    """The advance paid on signature: the call's share of the approved amount."""
    return cents((application.approved_amount or ZERO) * application.call.advance_rate / 100)
