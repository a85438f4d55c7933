"""Permission-matrix rows of the PDF reports (merged by test_permission_matrix).

Whoever may see the results may ask for their report and follow it; strangers get 404.
Tasks never run here (the matrix's transactions never commit), so the reports stay pending:
downloading a pending report sends those who may see it back to the results page (302).
"""

from diagnostic.models import Report
from tests.test_permission_matrix import (
    NOT_ALLOWED,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ORG_VIEW,
    Row,
    _result_kwargs,
    _submitted,
    _submitted_kwargs,
)

# Those who may see an organisation's results: the action succeeds and redirects.
ORG_VIEW_ACTION = {
    role: OK_REDIRECT if status == 200 else status for role, status in ORG_VIEW.items()
}


def _report_kwargs(org, p):
    report = Report.objects.create(result=_submitted(org, p).result, language="fr")
    return {"pk": report.pk}


MATRIX = {
    # The admin's diagnostic for the organisation: its results are the organisation's.
    ("diagnostic_reports:assessment_request", "get"): Row(_submitted_kwargs, NOT_ALLOWED),
    ("diagnostic_reports:assessment_request", "post"): Row(
        _submitted_kwargs, {**ORG_VIEW_ACTION, "anonymous": 404}
    ),
    ("diagnostic_reports:result_request", "get"): Row(_result_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("diagnostic_reports:result_request", "post"): Row(_result_kwargs, ORG_VIEW_ACTION),
    ("diagnostic_reports:status", "get"): Row(_report_kwargs, ORG_VIEW),
    ("diagnostic_reports:status", "post"): Row(_report_kwargs, NOT_ALLOWED),
    ("diagnostic_reports:download", "get"): Row(_report_kwargs, ORG_VIEW_ACTION),
    ("diagnostic_reports:download", "post"): Row(_report_kwargs, NOT_ALLOWED),
}
