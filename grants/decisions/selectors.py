"""Reads of grants' decisions part: the panel on the application's page and the decision
page's figures."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import amounts
from ..models import Application, Criterion, DecisionLetter, Review, Status
from ..workflow import AGENCY, TRANSITIONS, moves_from

# Each agency move of this part and the URL that makes it; `form`: the move needs a page of
# its own (a message, a decision, a date), else a button posts it from the panel.
MOVE_URLS: dict[str, tuple[str, bool]] = {
    Status.SCREENING: ("grants:application_screen", False),
    Status.INFO_REQUESTED: ("grants:application_request_info", True),
    Status.IN_REVIEW: ("grants:application_send_to_review", False),
    Status.APPROVED: ("grants:application_decide", True),
    Status.REJECTED: ("grants:application_decide", True),
    Status.SIGNED: ("grants:application_sign", True),
}


@dataclass(frozen=True)
class PanelMove:
    to_status: str
    label: str
    url: str
    form: bool  # a link to the move's page, else a button posting to `url`


def agency_moves(application: Application) -> list[PanelMove]:
    """The agency's moves of this part from the application's status (the decision's two
    moves are one link to the decision page)."""
    moves: list[PanelMove] = []
    seen: set[str] = set()
    for to_status in moves_from(application.status, AGENCY):
        if to_status not in MOVE_URLS:
            continue  # another part's move (the final report's)
        name, form = MOVE_URLS[to_status]
        if name in seen:
            continue
        seen.add(name)
        label = (
            _("Decide")
            if name == "grants:application_decide"
            else str(TRANSITIONS[(application.status, to_status)].label)
        )
        moves.append(
            PanelMove(to_status, label, reverse(name, kwargs={"pk": application.pk}), form)
        )
    return moves


def screening_deadline(application: Application) -> datetime.datetime | None:
    """When a submitted application should have been screened by."""
    if application.submitted_at is None:
        return None
    return application.submitted_at + datetime.timedelta(days=application.call.screening_days)


def screening_overdue(application: Application, now=None) -> bool:
    deadline = screening_deadline(application)
    return (
        application.status == Status.SUBMITTED
        and deadline is not None
        and (now or timezone.now()) > deadline
    )


def latest_letter(application: Application) -> DecisionLetter | None:
    return DecisionLetter.objects.filter(application=application).order_by("-created_at").first()


DECIDED = (Status.APPROVED, Status.REJECTED, Status.SIGNED, Status.REPORTED, Status.CLOSED)


def panel(application: Application, access) -> dict:
    """What the application's page shows of this part, for this reader (empty: nothing);
    the page includes grants/decisions/_panel.html with it as `panel`."""
    if not access.organisation.can_view:
        return {}  # a reviewer reads the application, not its decision
    decided = application.status in DECIDED and application.decided_at is not None
    letter = latest_letter(application) if decided else None
    result: dict = {
        "decided": decided,
        "approved": application.approved_amount is not None
        and application.status != Status.REJECTED,
        "letter": letter,
    }
    if access.can_manage:
        result.update(
            manage=True,
            moves=agency_moves(application),
            screening_deadline=screening_deadline(application)
            if application.status in (Status.SUBMITTED, Status.SCREENING)
            else None,
            screening_overdue=screening_overdue(application),
        )
    elif not decided:
        return {}
    return result


@dataclass(frozen=True)
class ReviewFigures:
    count: int
    average: Decimal | None  # the mean of the submitted reviews' weighted scores


def review_figures(application: Application) -> ReviewFigures:
    """The submitted reviews' weighted average (grants.review keeps each weighted score)."""
    figures = Review.objects.filter(
        assignment__application=application, submitted_at__isnull=False
    ).aggregate(count=Count("pk"), average=Avg("weighted_score"))
    average = figures["average"]
    return ReviewFigures(
        count=figures["count"],
        average=Decimal(average).quantize(Decimal("0.01")) if average is not None else None,
    )


def decision_page(application: Application) -> dict:
    """The decision page's figures: the application's amounts, the reviews' average, the
    call's envelope and the de minimis aid (a fixed number of queries)."""
    return {
        "reviews": review_figures(application),
        "call_figures": amounts.call_figures(application.call),
        "de_minimis": amounts.de_minimis(application),
        "max_score": Criterion.MAX_SCORE,
    }
