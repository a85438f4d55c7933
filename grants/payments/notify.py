"""The applicant's e-mails of this part: a tranche paid, the final report sent back. Queued
in the transaction of what caused them (digitalees.mail); the moves' own e-mails are
grants.notify's."""

from django.urls import reverse

from digitalees.mail import send_templated_mail

from ..models import Application, Payment
from ..notify import applicant_emails


def _context(application: Application) -> dict:
    return {
        "reference": application.reference,
        "title": application.title,
        "organisation_name": application.organisation.name,
        "call_title": str(application.call),
        "application_path": reverse("grants:application_detail", kwargs={"pk": application.pk}),
        "approved_amount": application.approved_amount,
    }


def tranche_paid(application: Application, payment: Payment) -> None:
    context = {
        **_context(application),
        "tranche": payment.get_kind_display(),
        "is_balance": payment.kind == Payment.Kind.BALANCE,
        "amount": payment.amount,
        "paid_on": payment.paid_on,
        "payment_reference": payment.reference,
        # The paid grant invites the organisation to share its experience (DESIGN.md).
        "experience_path": reverse(
            "network:experience_create", kwargs={"slug": application.organisation.slug}
        ),
    }
    for email in applicant_emails(application):
        send_templated_mail(
            template="email/grants/payments_tranche_paid", to=[email], context=context
        )


def report_sent_back(application: Application, message: str) -> None:
    context = {
        **_context(application),
        "message": message,
        "report_path": reverse("grants:final_report", kwargs={"pk": application.pk}),
    }
    for email in applicant_emails(application):
        send_templated_mail(
            template="email/grants/payments_report_sent_back", to=[email], context=context
        )
