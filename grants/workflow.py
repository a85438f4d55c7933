"""An application's status moves here, and only here.

`TRANSITIONS` says which moves exist and who makes each: the applicant (a member of the
organisation) or the agency. `transition` makes one move on a locked row: it refuses a move
that the table does not list from the current status, records who, when and the comments as
a `StatusChange`, and queues the e-mails that tell the right people (`grants.notify`).
The services of each part (submitting, deciding, signing, reporting…) check what their move
needs, then call `transition` inside their transaction.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from digitalees.figures import figures_changed

from .models import Application, Status, StatusChange

# The public figures' name for decisions and payments (digitalees.figures): renewed by
# every move of an application and every payment.
GRANTS_DATA = "grants"

APPLICANT, AGENCY = "applicant", "agency"


@dataclass(frozen=True)
class Move:
    actor: str  # APPLICANT or AGENCY
    label: object  # the button's words (lazy)


TRANSITIONS: dict[tuple[str, str], Move] = {
    (Status.DRAFT, Status.SUBMITTED): Move(APPLICANT, gettext_lazy("Submit")),
    (Status.SUBMITTED, Status.SCREENING): Move(AGENCY, gettext_lazy("Start screening")),
    (Status.RESUBMITTED, Status.SCREENING): Move(AGENCY, gettext_lazy("Resume screening")),
    (Status.SCREENING, Status.INFO_REQUESTED): Move(
        AGENCY, gettext_lazy("Request more information")
    ),
    (Status.IN_REVIEW, Status.INFO_REQUESTED): Move(
        AGENCY, gettext_lazy("Request more information")
    ),
    (Status.INFO_REQUESTED, Status.RESUBMITTED): Move(APPLICANT, gettext_lazy("Send my answer")),
    (Status.SCREENING, Status.IN_REVIEW): Move(AGENCY, gettext_lazy("Send to review")),
    (Status.RESUBMITTED, Status.IN_REVIEW): Move(AGENCY, gettext_lazy("Resume the review")),
    # Screening may find an application ineligible: it is rejected with the reasons.
    (Status.SCREENING, Status.REJECTED): Move(AGENCY, gettext_lazy("Reject")),
    (Status.IN_REVIEW, Status.APPROVED): Move(AGENCY, gettext_lazy("Approve")),
    (Status.IN_REVIEW, Status.REJECTED): Move(AGENCY, gettext_lazy("Reject")),
    (Status.APPROVED, Status.SIGNED): Move(AGENCY, gettext_lazy("Record the signed agreement")),
    (Status.SIGNED, Status.REPORTED): Move(APPLICANT, gettext_lazy("Submit the final report")),
    # The final report sent back for more proofs.
    (Status.REPORTED, Status.SIGNED): Move(AGENCY, gettext_lazy("Send the report back")),
    (Status.REPORTED, Status.CLOSED): Move(AGENCY, gettext_lazy("Close")),
    **{
        (status, Status.WITHDRAWN): Move(APPLICANT, gettext_lazy("Withdraw"))
        for status in (
            Status.DRAFT,
            Status.SUBMITTED,
            Status.SCREENING,
            Status.INFO_REQUESTED,
            Status.RESUBMITTED,
            Status.IN_REVIEW,
        )
    },
}


class TransitionRefused(ValidationError):
    """The move does not exist from the application's current status: nothing changed."""


def moves_from(status: str, actor: str) -> list[str]:
    """The statuses `actor` may move an application in `status` to."""
    return [to for (frm, to), move in TRANSITIONS.items() if frm == status and move.actor == actor]


def move_of(from_status: str, to_status: str) -> Move | None:
    return TRANSITIONS.get((from_status, to_status))


def lock(application: Application) -> Application:
    """The application's row, locked until the transaction ends, read afresh: what a
    service checks is what it changes. Call inside `transaction.atomic()`."""
    return Application.objects.select_for_update().get(pk=application.pk)


def transition(
    application: Application,
    to_status: str,
    *,
    by,
    comment: str = "",
    internal_comment: str = "",
    fields: dict | None = None,
    notify: bool = True,
) -> StatusChange:
    """Move `application` to `to_status`, with `fields` set on it in the same write.

    The row is locked and read again; a move the table does not list from its current
    status is refused (TransitionRefused) and nothing changes. The caller checks the
    actor's right (grants.rules) and what the move needs; this checks the state."""
    with transaction.atomic():
        current = lock(application)
        if move_of(current.status, to_status) is None:
            raise TransitionRefused(
                _("This application is “%(status)s”: it cannot become “%(to)s”.")
                % {"status": current.get_status_display(), "to": Status(to_status).label},
                code="transition",
            )
        now = timezone.now()
        figures_changed(GRANTS_DATA)
        change = StatusChange.objects.create(
            application=current,
            from_status=current.status,
            to_status=to_status,
            by=by if getattr(by, "is_authenticated", False) else None,
            at=now,
            comment=comment.strip(),
            internal_comment=internal_comment.strip(),
        )
        changes = {
            "status": to_status,
            "status_changed_at": now,
            "updated_at": now,
            "version": current.version + 1,
            **(fields or {}),
        }
        Application.objects.filter(pk=current.pk).update(**changes)
        for name, value in changes.items():
            setattr(application, name, value)
            setattr(current, name, value)
        if notify:
            from .notify import transition_notify

            transition_notify(current, change)
    return change
