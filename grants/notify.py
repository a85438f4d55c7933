"""Who hears of each move of an application, by e-mail, in the transaction of the move.

The applicant's side (the organisation's admins and whoever created the application) hears
of every move the agency makes, and of its own submissions; agency staff hear of what the
applicant sends them (a submission, an answer, a final report, a withdrawal). Internal
comments never go into an applicant's e-mail (only `change.comment` is in the context).
Templates: `email/grants/status_<status>`
where a move needs words of its own, `email/grants/status_changed` otherwise.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, Sum
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import reverse

from digitalees.mail import send_templated_mail
from digitalees.roles import AGENCY_GROUP
from network.models import Membership

from . import amounts
from .models import ZERO, Application, Payment, Status, StatusChange

# Moves the agency is told of (the applicant sent something).
TO_AGENCY = {Status.SUBMITTED, Status.RESUBMITTED, Status.REPORTED, Status.WITHDRAWN}


def applicant_emails(application: Application) -> list[str]:
    users = get_user_model().objects.filter(
        Q(
            memberships__organisation_id=application.organisation_id,
            memberships__role=Membership.Role.ADMIN,
        )
        | Q(pk=application.created_by_id),
        is_active=True,
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def agency_emails() -> list[str]:
    users = get_user_model().objects.filter(
        Q(groups__name=AGENCY_GROUP) | Q(is_superuser=True), is_active=True
    )
    return sorted({email for email in users.values_list("email", flat=True) if email})


def _template(status: str) -> str:
    name = f"email/grants/status_{status}"
    try:
        get_template(f"{name}.txt")
    except TemplateDoesNotExist:
        return "email/grants/status_changed"
    return name


def transition_notify(application: Application, change: StatusChange) -> None:
    context = {
        "reference": application.reference,
        "title": application.title,
        "organisation_name": application.organisation.name,
        "call_title": str(application.call),
        "status_label": Status(change.to_status).label,
        "comment": change.comment,
        "application_path": reverse("grants:application_detail", kwargs={"pk": application.pk}),
        "approved_amount": application.approved_amount,
        "screening_days": application.call.screening_days,
        "respond_path": reverse("grants:application_respond", kwargs={"pk": application.pk}),
        "signed_on": application.signed_on,
    }
    if change.to_status == Status.SIGNED:
        context["advance"] = amounts.advance_of(application)
    elif change.to_status == Status.CLOSED:
        context["paid"] = (
            Payment.objects.filter(application=application).aggregate(total=Sum("amount"))["total"]
            or ZERO
        )
    if change.to_status in TO_AGENCY:
        to = agency_emails()
        if to:
            send_templated_mail(
                template="email/grants/agency_status_changed", to=to, context=context
            )
    if change.to_status == Status.SUBMITTED or change.to_status not in TO_AGENCY:
        for email in applicant_emails(application):
            send_templated_mail(template=_template(change.to_status), to=[email], context=context)
