"""Permission-matrix rows of the public statistics (merged by test_permission_matrix):
the page and its CSV are public, and take no POST."""

from tests.test_permission_matrix import NOT_ALLOWED, PUBLIC, Row


def _none(org, p):
    return {}


MATRIX = {
    (name, method): Row(_none, PUBLIC if method == "get" else NOT_ALLOWED)
    for name in ("statistics", "statistics_csv")
    for method in ("get", "post")
}
