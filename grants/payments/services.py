"""Writes of the final report that grants.services does not hold: an expense added to the
report (the report opened if need be), an expense removed, the report sent back to the
applicant. The tranches, the report's text, its submission and the check of each expense
are grants.services' (payment_record, final_report_save, expense_add, final_report_submit,
expense_check)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import services as core
from ..models import Application, Expense, FinalReport, Status
from ..workflow import lock, transition
from . import notify

# A message sent back is read in an e-mail and on the timeline.
SEND_BACK_MAX_LENGTH = 4000


def expense_add_for(
    application: Application, *, by, invoice, proof_of_payment, **fields
) -> Expense:
    """An expense of `application`'s final report; the report is opened (with nothing
    written yet) by the first expense, so that the applicant may list expenses first."""
    with transaction.atomic():
        current = lock(application)
        if current.status != Status.SIGNED:
            raise ValidationError(_("Expenses are added while the final report is being written."))
        report, _created = FinalReport.objects.get_or_create(
            application=current, defaults={"achievements": ""}
        )
        return core.expense_add(
            report, invoice=invoice, proof_of_payment=proof_of_payment, **fields
        )


def expense_remove(expense: Expense, *, by) -> None:
    """Remove an expense (and its files) while the report is being written."""
    with transaction.atomic():
        current = lock(expense.report.application)
        if current.status != Status.SIGNED:
            raise ValidationError(
                _("Expenses are removed while the final report is being written.")
            )
        files = [expense.invoice, expense.proof_of_payment]
        expense.delete()

        def delete_files() -> None:
            for file in files:
                file.delete(save=False)

        transaction.on_commit(delete_files)


def report_send_back(application: Application, *, by, message: str) -> None:
    """The final report back to the applicant (reported → signed) with what is missing: they
    change it and submit it again. Checks made so far are kept."""
    message = (message or "").strip()
    if not message:
        raise ValidationError({"message": _("Say what is missing from the report.")})
    if len(message) > SEND_BACK_MAX_LENGTH:
        raise ValidationError(
            {
                "message": _("A message has at most %(max)s characters.")
                % {"max": SEND_BACK_MAX_LENGTH}
            }
        )
    with transaction.atomic():
        current = lock(application)
        if current.status != Status.REPORTED:
            raise ValidationError(_("Only a submitted final report can be sent back."))
        # The applicant's e-mail is this part's (it links to the report), not the move's.
        transition(current, Status.SIGNED, by=by, comment=message, notify=False)
        FinalReport.objects.filter(application=current).update(submitted_at=None)
        notify.report_sent_back(current, message)
    application.refresh_from_db()
