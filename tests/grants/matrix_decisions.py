"""Permission-matrix rows of grants' decisions part (merged by test_permission_matrix).

The agency's moves are agency staff's (a superuser's too): the applicant's members, its
coaches and the reviewer assigned to it see the application but may not move it (403);
strangers, and agency staff without their second factor, do not see it (404). Each action
is a POST (GET: 405 once logged in); the decision, the request for information and the
agreement have a form page. The decision letter is read by whoever sees the application
through its organisation, not by its reviewer (403); only agency staff render it again.
"""

from django.utils import timezone

from grants.models import Status
from tests.grants.decisions_factories import failed_letter, ready_letter
from tests.grants.matrix_core import APPLICATION_VIEW, assigned_application
from tests.test_permission_matrix import NOT_ALLOWED_LOGGED_IN, OK_REDIRECT, Row

MANAGE_PAGE = {
    **APPLICATION_VIEW,
    "member": 403,
    "org_admin": 403,
    "coach": 403,
    "reviewer": 403,
}
MANAGE_ACTION = {**MANAGE_PAGE, "agency": OK_REDIRECT, "superuser": OK_REDIRECT}
LETTER_VIEW = {**APPLICATION_VIEW, "reviewer": 403}


def _in(status):
    def kwargs(org, p):
        return {"pk": assigned_application(org, p, status).pk}

    return kwargs


def _letter(make):
    def kwargs(org, p):
        application = assigned_application(org, p, Status.APPROVED)
        return {"pk": make(application).pk}

    return kwargs


MATRIX = {
    ("grants:application_screen", "get"): Row(_in(Status.SUBMITTED), NOT_ALLOWED_LOGGED_IN),
    ("grants:application_screen", "post"): Row(_in(Status.SUBMITTED), MANAGE_ACTION),
    ("grants:application_request_info", "get"): Row(_in(Status.SCREENING), MANAGE_PAGE),
    ("grants:application_request_info", "post"): Row(
        _in(Status.SCREENING), MANAGE_ACTION, lambda org, p: {"message": "Joignez un devis."}
    ),
    ("grants:application_send_to_review", "get"): Row(_in(Status.SCREENING), NOT_ALLOWED_LOGGED_IN),
    ("grants:application_send_to_review", "post"): Row(_in(Status.SCREENING), MANAGE_ACTION),
    ("grants:application_decide", "get"): Row(_in(Status.IN_REVIEW), MANAGE_PAGE),
    ("grants:application_decide", "post"): Row(
        _in(Status.IN_REVIEW),
        MANAGE_ACTION,
        lambda org, p: {"decision": "reject", "reasons": "Hors du champ de l'appel."},
    ),
    ("grants:application_sign", "get"): Row(_in(Status.APPROVED), MANAGE_PAGE),
    ("grants:application_sign", "post"): Row(
        _in(Status.APPROVED),
        MANAGE_ACTION,
        lambda org, p: {"signed_on": timezone.localdate().isoformat()},
    ),
    ("grants:letter_download", "get"): Row(_letter(ready_letter), LETTER_VIEW),
    ("grants:letter_download", "post"): Row(_letter(ready_letter), NOT_ALLOWED_LOGGED_IN),
    ("grants:letter_retry", "get"): Row(_letter(failed_letter), NOT_ALLOWED_LOGGED_IN),
    ("grants:letter_retry", "post"): Row(_letter(failed_letter), MANAGE_ACTION),
}
