"""The pre-check before submission: everything an application needs, each missing item in
words the applicant can act on. `application_submit` refuses while the list is not empty;
the submission page shows it."""

from django.utils.translation import gettext as _

from diagnostic.models import Assessment
from network.models import LegalForm
from network.validators import is_walloon_postcode

from . import amounts
from .models import Application


class Missing(str):
    """A missing item, in words, with `fix`: what mends it (a step of the form, or
    "organisation" for its profile, "diagnostic" for the self-diagnostic), so that the
    submission page links each item to the page that fixes it."""

    fix: str

    def __new__(cls, text: str, fix: str) -> "Missing":
        item = super().__new__(cls, text)
        item.fix = fix
        return item


def eligibility_missing(application: Application) -> list[Missing]:
    organisation = application.organisation
    call = application.call
    missing = []
    # The applicant: an EES with a social purpose, based in Wallonia, with a diagnostic.
    if organisation.legal_form == LegalForm.OTHER or not organisation.social_purpose.strip():
        missing.append(
            Missing(
                _(
                    "Your organisation's profile must show a social-economy legal form and its "
                    "social purpose."
                ),
                "organisation",
            )
        )
    if not is_walloon_postcode(organisation.postcode):
        missing.append(
            Missing(
                _("Your organisation must be based in Wallonia (see its postcode)."), "organisation"
            )
        )
    if not Assessment.objects.submitted().filter(organisation=organisation).exists():
        missing.append(
            Missing(
                _("Your organisation needs a submitted self-diagnostic of its digital maturity."),
                "diagnostic",
            )
        )
    # The form's steps.
    if not (application.summary.strip() and application.objectives.strip()):
        missing.append(
            Missing(_("Describe the project: its summary and its objectives."), "project")
        )
    if not application.budget_lines.exists():
        missing.append(Missing(_("Add the budget lines of the project."), "budget"))
    elif application.requested_amount <= 0:
        missing.append(
            Missing(_("None of the budget's lines is an eligible cost of this call."), "budget")
        )
    elif application.requested_amount > amounts.max_request(call, application.eligible_total):
        missing.append(
            Missing(
                _("The amount requested is above what the budget allows: save the budget again."),
                "budget",
            )
        )
    present = set(
        application.attachments.exclude(document_type=None).values_list("document_type", flat=True)
    )
    for document in call.required_documents.all():
        if document.pk not in present:
            missing.append(
                Missing(
                    _("Attach this document: %(document)s.") % {"document": document}, "documents"
                )
            )
    if application.de_minimis_declared_at is None:
        missing.append(
            Missing(
                _("Make the de minimis declaration (aid received in the last three years)."),
                "de_minimis",
            )
        )
    elif amounts.de_minimis(application).exceeded:
        missing.append(
            Missing(
                _("The de minimis ceiling would be exceeded: lower the amount requested."),
                "de_minimis",
            )
        )
    return missing
