"""Permission-matrix rows of the agency's diagnostic pages (merged by test_permission_matrix)."""

from diagnostic.services import assessment_start, assessment_submit
from tests.diagnostic.conftest import answer_everything
from tests.test_permission_matrix import AGENCY_PAGE, NOT_ALLOWED, Row, _none


def _visitor_result(org, p):
    """A visitor's submitted diagnostic: the agency's read-only view of it."""
    return {"uuid": assessment_submit(assessment=answer_everything(assessment_start())).uuid}


MATRIX = {
    ("diagnostic_staff:assessment_list", "get"): Row(_none, AGENCY_PAGE),
    ("diagnostic_staff:assessment_list", "post"): Row(_none, NOT_ALLOWED),
    ("diagnostic_staff:assessment_export", "get"): Row(_none, AGENCY_PAGE),
    ("diagnostic_staff:assessment_export", "post"): Row(_none, NOT_ALLOWED),
    ("diagnostic_staff:assessment_export_xlsx", "get"): Row(_none, AGENCY_PAGE),
    ("diagnostic_staff:assessment_export_xlsx", "post"): Row(_none, NOT_ALLOWED),
    ("diagnostic_staff:assessment_result", "get"): Row(_visitor_result, AGENCY_PAGE),
    ("diagnostic_staff:assessment_result", "post"): Row(_visitor_result, NOT_ALLOWED),
}
