"""Permission-matrix rows of the applicant's pages (merged by test_permission_matrix).

An application is its organisation's: its members act as the applicant (edit the steps
while it is a draft or more information is asked, submit, answer, withdraw); its assigned
coaches, the agency and an assigned reviewer see it but do none of that (403); anyone else
does not find it (404). Reviewers are assigned once an application is submitted: on a
draft the matrix's reviewer is a stranger.
"""

from grants.models import Application, Status
from tests.grants.factories import make_call, make_draft, pdf_file
from tests.grants.matrix_core import assigned_application
from tests.test_permission_matrix import (
    LOGGED_IN,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ORG_VIEW,
    Row,
)

# The applicant's page of an application: its members, 403 for who else sees it.
APPLICANT_PAGE = {
    **ORG_VIEW,
    "coach": 403,
    "agency": 403,
    "superuser": 403,
    "reviewer": 404,
}
APPLICANT_ACTION = {**APPLICANT_PAGE, "member": OK_REDIRECT, "org_admin": OK_REDIRECT}
# Once submitted, the matrix's reviewer is assigned: they see it, and may do none of this.
ASSIGNED_PAGE = {**APPLICANT_PAGE, "reviewer": 403}
ASSIGNED_ACTION = {**APPLICANT_ACTION, "reviewer": 403}
# Who may download an application's documents.
DOWNLOAD = {**ORG_VIEW, "reviewer": 200}


def _draft(org, p):
    return make_draft(org, by=p["org_admin"])


def _draft_kwargs(org, p):
    return {"pk": _draft(org, p).pk}


def _step_kwargs(org, p):
    return {"pk": _draft(org, p).pk, "step": "project"}


def _project_data(org, p):
    application = Application.objects.get(organisation=org)
    return {"version": application.version, "title": "Un agenda", "summary": "Oui."}


def _attachment(org, p):
    application = Application.objects.filter(organisation=org).first() or _draft(org, p)
    from grants import services

    return services.attachment_add(application, by=p["org_admin"], file=pdf_file())


def _attachment_delete_kwargs(org, p):
    attachment = _attachment(org, p)
    return {"pk": attachment.application_id, "attachment_pk": attachment.pk}


def _download_kwargs(org, p):
    draft = _draft(org, p)
    from grants import services

    attachment = services.attachment_add(draft, by=p["org_admin"], file=pdf_file())
    services.application_submit(draft, by=p["org_admin"])
    services.reviewer_assign(draft, reviewer=p["reviewer"], by=p["agency"])
    return {"pk": attachment.pk}


def _call_kwargs(org, p):
    return {"slug": make_call().slug}


def _start_data(org, p):
    return {"organisation": org.pk, "title": "Un nouveau projet"}


def _submitted_kwargs(org, p):
    return {"pk": assigned_application(org, p).pk}


def _info_requested_kwargs(org, p):
    return {"pk": assigned_application(org, p, Status.INFO_REQUESTED).pk}


def _respond_data(org, p):
    return {"response": "Voici le second devis."}


MATRIX = {
    ("grants:application_list", "get"): Row(lambda org, p: {}, LOGGED_IN),
    ("grants:application_list", "post"): Row(lambda org, p: {}, NOT_ALLOWED_LOGGED_IN),
    # Anyone logged in may open the form; only the organisation's members start one (the
    # others are told to choose one of their organisations, and nothing is written).
    ("grants:application_start", "get"): Row(_call_kwargs, LOGGED_IN),
    ("grants:application_start", "post"): Row(
        _call_kwargs,
        {**LOGGED_IN, "member": OK_REDIRECT, "org_admin": OK_REDIRECT},
        _start_data,
    ),
    ("grants:application_step", "get"): Row(_step_kwargs, APPLICANT_PAGE),
    ("grants:application_step", "post"): Row(_step_kwargs, APPLICANT_ACTION, _project_data),
    ("grants:attachment_delete", "get"): Row(_attachment_delete_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("grants:attachment_delete", "post"): Row(_attachment_delete_kwargs, APPLICANT_ACTION),
    ("grants:attachment_download", "get"): Row(_download_kwargs, DOWNLOAD),
    ("grants:attachment_download", "post"): Row(
        _download_kwargs, {**NOT_ALLOWED_LOGGED_IN, "reviewer": 405}
    ),
    ("grants:application_submit", "get"): Row(_draft_kwargs, APPLICANT_PAGE),
    ("grants:application_submit", "post"): Row(_draft_kwargs, APPLICANT_ACTION),
    ("grants:application_withdraw", "get"): Row(_submitted_kwargs, ASSIGNED_PAGE),
    ("grants:application_withdraw", "post"): Row(_submitted_kwargs, ASSIGNED_ACTION),
    ("grants:application_respond", "get"): Row(_info_requested_kwargs, ASSIGNED_PAGE),
    ("grants:application_respond", "post"): Row(
        _info_requested_kwargs, ASSIGNED_ACTION, _respond_data
    ),
}
