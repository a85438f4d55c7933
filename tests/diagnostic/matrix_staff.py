"""Permission-matrix rows of the agency's diagnostic pages (merged by test_permission_matrix)."""

from tests.test_permission_matrix import AGENCY_PAGE, NOT_ALLOWED, Row, _none

MATRIX = {
    ("diagnostic_staff:assessment_list", "get"): Row(_none, AGENCY_PAGE),
    ("diagnostic_staff:assessment_list", "post"): Row(_none, NOT_ALLOWED),
    ("diagnostic_staff:assessment_export", "get"): Row(_none, AGENCY_PAGE),
    ("diagnostic_staff:assessment_export", "post"): Row(_none, NOT_ALLOWED),
}
