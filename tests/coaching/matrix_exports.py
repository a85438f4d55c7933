"""Permission-matrix rows of coaching's exports (merged by test_permission_matrix).

A plan's PDF is for whoever may see the plan; strangers get 404. Tasks never run here (the
matrix's transactions never commit), so a PDF asked for stays pending: the request and the
download send those who may see it back to the PDF page (302). A cohort's actions: the
agency and the cohort's coaches export them, its participants get 403, others 404.
"""

from coaching.models import PlanReport
from tests.test_permission_matrix import LOGIN, NOT_ALLOWED, OK_REDIRECT, ORG_VIEW, Row

from .factories import make_plan

ORG_VIEW_ACTION = {
    role: OK_REDIRECT if status == 200 else status for role, status in ORG_VIEW.items()
}
COHORT_EXPORT = {
    "anonymous": LOGIN,
    "member": 403,
    "org_admin": 403,
    "other_org_member": 404,
    "coach": 200,
    "unassigned_coach": 404,
    "agency": 200,
    "agency_without_mfa": 404,
    "superuser": 200,
}


def _plan_kwargs(org, p):
    return {"pk": make_plan(org).pk}


def _report_kwargs(org, p):
    report = PlanReport.objects.create(plan=make_plan(org), language="fr", content_stamp="x")
    return {"pk": report.pk}


def _export_kwargs(org, p):
    return {"slug": make_plan(org).enrolment.cohort.slug, "format": "csv"}


MATRIX = {
    ("coaching:plan_pdf", "get"): Row(_plan_kwargs, ORG_VIEW),
    ("coaching:plan_pdf", "post"): Row(_plan_kwargs, NOT_ALLOWED),
    ("coaching:plan_pdf_request", "get"): Row(_plan_kwargs, NOT_ALLOWED),
    ("coaching:plan_pdf_request", "post"): Row(_plan_kwargs, ORG_VIEW_ACTION),
    ("coaching:plan_pdf_status", "get"): Row(_report_kwargs, ORG_VIEW),
    ("coaching:plan_pdf_status", "post"): Row(_report_kwargs, NOT_ALLOWED),
    ("coaching:plan_pdf_download", "get"): Row(_report_kwargs, ORG_VIEW_ACTION),
    ("coaching:plan_pdf_download", "post"): Row(_report_kwargs, NOT_ALLOWED),
    ("coaching:cohort_actions_export", "get"): Row(_export_kwargs, COHORT_EXPORT),
    ("coaching:cohort_actions_export", "post"): Row(_export_kwargs, NOT_ALLOWED),
}
