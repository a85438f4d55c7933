"""Permission-matrix rows of the agency's diagnostic pages (merged by test_permission_matrix)."""

from tests.test_permission_matrix import AGENCY_PAGE

MATRIX = {
    "diagnostic_staff:assessment_list": ("get", lambda org, p: {}, AGENCY_PAGE),
    "diagnostic_staff:assessment_export": ("get", lambda org, p: {}, AGENCY_PAGE),
}
