"""E-mails of the review: the reviewer asked to review, agency staff told of a conflict of
interest. Queued in the transaction of what caused them."""

from django.urls import reverse

from digitalees.mail import send_templated_mail

from ..models import ReviewerAssignment
from ..notify import agency_emails


def reviewer_assigned_notify(assignment: ReviewerAssignment) -> None:
    reviewer = assignment.reviewer
    if not reviewer.email:
        return
    application = assignment.application
    send_templated_mail(
        template="email/grants/review_assigned",
        to=[reviewer.email],
        context={
            "reference": application.reference,
            "title": application.title,
            "organisation_name": application.organisation.name,
            "call_title": str(application.call),
            "declare_path": reverse("grants:review_declare", kwargs={"pk": assignment.pk}),
            "home_path": reverse("grants:review_home"),
        },
    )


def conflict_declared_notify(assignment: ReviewerAssignment) -> None:
    to = agency_emails()
    if not to:
        return
    application = assignment.application
    send_templated_mail(
        template="email/grants/review_conflict",
        to=to,
        context={
            "reference": application.reference,
            "title": application.title,
            "organisation_name": application.organisation.name,
            "reviewer_name": assignment.reviewer.display_name,
            "details": assignment.conflict_details,
            "reviews_path": reverse("grants:application_reviews", kwargs={"pk": application.pk}),
        },
    )
