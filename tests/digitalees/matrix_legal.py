"""Permission-matrix rows of the legal pages (merged by test_permission_matrix): public."""

from tests.test_permission_matrix import NOT_ALLOWED, PUBLIC, Row


def _none(org, p):
    return {}


MATRIX = {
    (name, method): Row(_none, PUBLIC if method == "get" else NOT_ALLOWED)
    for name in ("privacy", "legal_notice", "accessibility", "contact")
    for method in ("get", "post")
}
