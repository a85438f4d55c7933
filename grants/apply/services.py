"""Writes of the applicant's side that grants' core services do not make alone: the
documents step saved without a new file, and an answer to a request for information
that brings a document with it (both in one transaction)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .. import services
from ..files import check_upload
from ..models import Application, DocumentType


def application_save_documents(application: Application, *, version: int | None) -> None:
    """The documents step saved as it stands (the pre-check lists what is still missing)."""
    with transaction.atomic():
        current = services._editable(application, version)
        services._saved(application, current, "documents")


def application_respond(
    application: Application,
    *,
    by,
    response: str,
    file=None,
    document_type: DocumentType | None = None,
) -> None:
    """Answer the agency's request and resubmit, with a document if one is given: the
    document and the answer are kept together or not at all."""
    if not (response or "").strip():
        raise ValidationError({"response": _("Write your answer to the agency's request.")})
    if file:
        try:
            check_upload(file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None
    with transaction.atomic():
        if file:
            services.attachment_add(application, by=by, file=file, document_type=document_type)
        services.info_respond(application, by=by, response=response)
