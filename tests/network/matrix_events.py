"""Permission-matrix rows of the network's events (merged by test_permission_matrix).

The list, an event's page, its .ics and the signed links in the e-mails are public;
registering is open to anyone (a visitor's empty form is shown again with its errors, a
logged-in person registers with their account); every staff page is the agency's."""

from django.core.files.base import ContentFile

from network.events import services
from network.models import Certificate, EventQuestion, Registration
from tests.network.factories import EventFactory, RegistrationFactory
from tests.test_permission_matrix import (
    AGENCY_ACTION,
    AGENCY_ACTION_GET,
    AGENCY_PAGE,
    NOT_ALLOWED,
    OK_REDIRECT,
    PUBLIC,
    ROLES,
    Row,
)

ANYONE_ACTS = dict.fromkeys(ROLES, OK_REDIRECT)


def _none(org, p):
    return {}


def _event(org=None, p=None):
    return EventFactory(slug="atelier-matrice")


def _slug(org, p):
    return {"slug": _event().slug}


def _pk(org, p):
    return {"pk": _event().pk}


def _visitor_registration():
    return RegistrationFactory(
        event=_event(), email="visiteur@example.be", status=Registration.Status.UNCONFIRMED
    )


def _confirm_token(org, p):
    token = services.registration_token(_visitor_registration(), salt=services.CONFIRM_SALT)
    return {"token": token}


def _cancel_token(org, p):
    token = services.registration_token(_visitor_registration(), salt=services.CANCEL_SALT)
    return {"token": token}


def _certificate():
    registration = RegistrationFactory(event=_event(), attendance="present")
    certificate = Certificate(registration=registration, language="fr", status="ready")
    certificate.file.save("matrix.pdf", ContentFile(b"%PDF-1.4 matrix"), save=False)
    certificate.save()
    return certificate


def _certificate_token(org, p):
    return {"token": services.certificate_url(_certificate()).rstrip("/").rsplit("/", 1)[1]}


def _certificate_pk(org, p):
    return {"pk": _certificate().pk}


def _failed_certificate_pk(org, p):
    registration = RegistrationFactory(event=_event(), attendance="present")
    certificate = Certificate.objects.create(
        registration=registration, language="fr", status="failed", error="Test"
    )
    return {"pk": certificate.pk}


def _question_kwargs(org, p):
    event = _event()
    question = EventQuestion.objects.create(event=event, label_fr="Régime", kind="text")
    return {"pk": event.pk, "question_pk": question.pk}


def _registration_kwargs(org, p):
    registration = RegistrationFactory(event=_event())
    return {"pk": registration.event_id, "registration_pk": registration.pk}


# A GET-only agency page asked with POST: the right first, then the method.
AGENCY_GET_ONLY_POST = AGENCY_ACTION_GET

MATRIX = {
    ("network:event_list", "get"): Row(_none, PUBLIC),
    ("network:event_list", "post"): Row(_none, NOT_ALLOWED),
    ("network:event_detail", "get"): Row(_slug, PUBLIC),
    ("network:event_detail", "post"): Row(_slug, NOT_ALLOWED),
    ("network:event_ics", "get"): Row(_slug, PUBLIC),
    ("network:event_ics", "post"): Row(_slug, NOT_ALLOWED),
    ("network:event_register", "get"): Row(_slug, NOT_ALLOWED),
    # A visitor's empty form is shown again with its errors; anyone logged in registers.
    ("network:event_register", "post"): Row(_slug, {**ANYONE_ACTS, "anonymous": 200}),
    ("network:registration_confirm", "get"): Row(_confirm_token, PUBLIC),
    ("network:registration_confirm", "post"): Row(_confirm_token, NOT_ALLOWED),
    ("network:registration_confirm_action", "get"): Row(_confirm_token, NOT_ALLOWED),
    ("network:registration_confirm_action", "post"): Row(_confirm_token, ANYONE_ACTS),
    ("network:registration_cancel", "get"): Row(_cancel_token, PUBLIC),
    ("network:registration_cancel", "post"): Row(_cancel_token, NOT_ALLOWED),
    ("network:registration_cancel_action", "get"): Row(_cancel_token, NOT_ALLOWED),
    ("network:registration_cancel_action", "post"): Row(_cancel_token, ANYONE_ACTS),
    ("network:certificate_download", "get"): Row(_certificate_token, PUBLIC),
    ("network:certificate_download", "post"): Row(_certificate_token, NOT_ALLOWED),
    ("network:staff_event_list", "get"): Row(_none, AGENCY_PAGE),
    ("network:staff_event_list", "post"): Row(_none, AGENCY_GET_ONLY_POST),
    ("network:staff_event_create", "get"): Row(_none, AGENCY_PAGE),
    # An empty form: shown again with its errors.
    ("network:staff_event_create", "post"): Row(_none, AGENCY_PAGE),
    ("network:staff_event_detail", "get"): Row(_pk, AGENCY_PAGE),
    ("network:staff_event_detail", "post"): Row(_pk, AGENCY_GET_ONLY_POST),
    ("network:staff_event_edit", "get"): Row(_pk, AGENCY_PAGE),
    ("network:staff_event_edit", "post"): Row(_pk, AGENCY_PAGE),
    ("network:staff_event_cancel", "get"): Row(_pk, AGENCY_ACTION_GET),
    ("network:staff_event_cancel", "post"): Row(_pk, AGENCY_ACTION),
    ("network:staff_question_create", "get"): Row(_pk, AGENCY_PAGE),
    ("network:staff_question_create", "post"): Row(_pk, AGENCY_PAGE),
    ("network:staff_question_edit", "get"): Row(_question_kwargs, AGENCY_PAGE),
    ("network:staff_question_edit", "post"): Row(_question_kwargs, AGENCY_PAGE),
    ("network:staff_question_delete", "get"): Row(_question_kwargs, AGENCY_ACTION_GET),
    ("network:staff_question_delete", "post"): Row(_question_kwargs, AGENCY_ACTION),
    ("network:staff_registration_export", "get"): Row(_pk, AGENCY_PAGE),
    ("network:staff_registration_export", "post"): Row(_pk, AGENCY_GET_ONLY_POST),
    ("network:staff_registration_cancel", "get"): Row(_registration_kwargs, AGENCY_ACTION_GET),
    ("network:staff_registration_cancel", "post"): Row(_registration_kwargs, AGENCY_ACTION),
    ("network:staff_attendance", "get"): Row(_pk, AGENCY_PAGE),
    # Before the event: refused, the form shown again with the reason.
    ("network:staff_attendance", "post"): Row(_pk, AGENCY_PAGE),
    ("network:staff_event_message", "get"): Row(_pk, AGENCY_PAGE),
    ("network:staff_event_message", "post"): Row(_pk, AGENCY_PAGE),
    ("network:staff_certificates_issue", "get"): Row(_pk, AGENCY_ACTION_GET),
    ("network:staff_certificates_issue", "post"): Row(_pk, AGENCY_ACTION),
    ("network:staff_certificate_retry", "get"): Row(_failed_certificate_pk, AGENCY_ACTION_GET),
    ("network:staff_certificate_retry", "post"): Row(_failed_certificate_pk, AGENCY_ACTION),
    ("network:staff_certificate_download", "get"): Row(_certificate_pk, AGENCY_PAGE),
    ("network:staff_certificate_download", "post"): Row(_certificate_pk, AGENCY_GET_ONLY_POST),
}
