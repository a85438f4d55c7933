"""Permission-matrix rows of the PDF reports (merged by test_permission_matrix).

Whoever may see the results may ask for their report and follow it; strangers get 404.
Tasks never run here (the matrix's transactions never commit), so the reports stay pending:
downloading a pending report sends those who may see it back to the results page (302).
"""

from diagnostic.models import Report
from tests.test_permission_matrix import OK_REDIRECT, ORG_VIEW, _submitted

# Those who may see an organisation's results: the action succeeds and redirects.
ORG_VIEW_ACTION = {
    role: OK_REDIRECT if status == 200 else status for role, status in ORG_VIEW.items()
}


def _result_report(org, p):
    return Report.objects.create(result=_submitted(org, p).result, language="fr")


MATRIX = {
    # The admin's diagnostic for the organisation: its results are the organisation's.
    "diagnostic_reports:assessment_request": (
        "post",
        lambda org, p: {"uuid": _submitted(org, p).uuid},
        {**ORG_VIEW_ACTION, "anonymous": 404},
    ),
    "diagnostic_reports:result_request": (
        "post",
        lambda org, p: {"slug": org.slug, "pk": _submitted(org, p).result.pk},
        ORG_VIEW_ACTION,
    ),
    "diagnostic_reports:status": (
        "get",
        lambda org, p: {"pk": _result_report(org, p).pk},
        ORG_VIEW,
    ),
    "diagnostic_reports:download": (
        "get",
        lambda org, p: {"pk": _result_report(org, p).pk},
        ORG_VIEW_ACTION,
    ),
}
