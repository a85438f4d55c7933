"""Reads of grants' core: an application's page (its budget, documents, timeline) and the
lists the other parts build on. Each part (calls, apply, decisions, review, payments,
pipeline) keeps its own reads in its folder's `selectors.py`."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, Sum

from digitalees.figures import Aggregate, cached_figures, group_aggregate
from network.selectors import ORGANISATIONS_DATA

from .models import Application, Payment, StatusChange
from .pipeline.selectors import GRANTED
from .workflow import GRANTS_DATA


@dataclass(frozen=True)
class TimelineEntry:
    change: StatusChange
    comment: str
    internal_comment: str  # empty unless the reader is agency staff


def timeline(application: Application, *, internal: bool) -> list[TimelineEntry]:
    """Every move of the application, oldest first; internal comments only for `internal`
    readers (agency staff)."""
    changes = StatusChange.objects.filter(application=application).select_related("by")
    return [
        TimelineEntry(
            change=change,
            comment=change.comment,
            internal_comment=change.internal_comment if internal else "",
        )
        for change in changes
    ]


def budget_of(application: Application):
    """The budget's lines with their category and action, in order (one query)."""
    return list(application.budget_lines.select_related("category", "action"))


def attachments_of(application: Application):
    return list(application.attachments.select_related("document_type"))


# --- The programme's public figures (digitalees.figures) --------------------------------


@dataclass(frozen=True)
class PublicFigures:
    grants: int  # applications approved (then signed, reported or closed)
    awarded: Aggregate  # their total amount, over the organisations granted
    paid: Aggregate  # what was paid of them, over the organisations paid


def public_figures() -> PublicFigures:
    """Two queries when a decision or a payment changed them, none otherwise."""
    return cached_figures(
        "grants", depends_on=(ORGANISATIONS_DATA, GRANTS_DATA), compute=_public_figures
    )


def _public_figures() -> PublicFigures:
    granted = Q(status__in=GRANTED, approved_amount__isnull=False)
    totals = Application.objects.filter(granted).aggregate(
        grants=Count("pk"),
        amount=Sum("approved_amount"),
        organisations=Count("organisation", distinct=True),
    )
    paid = Payment.objects.filter(
        application__status__in=GRANTED, application__approved_amount__isnull=False
    ).aggregate(
        amount=Sum("amount"), organisations=Count("application__organisation", distinct=True)
    )
    return PublicFigures(
        grants=totals["grants"],
        awarded=group_aggregate(totals["amount"] or Decimal("0.00"), totals["organisations"]),
        paid=group_aggregate(paid["amount"] or Decimal("0.00"), paid["organisations"]),
    )
