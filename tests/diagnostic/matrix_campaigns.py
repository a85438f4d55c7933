"""Permission-matrix rows of the campaign's confirmation page (merged by
test_permission_matrix)."""

from tests.test_permission_matrix import (
    NOT_ALLOWED_LOGGED_IN,
    ORG_MANAGE_PAGE,
    Row,
    _campaign_kwargs,
)

MATRIX = {
    ("diagnostic:campaign_close_confirm", "get"): Row(_campaign_kwargs, ORG_MANAGE_PAGE),
    ("diagnostic:campaign_close_confirm", "post"): Row(_campaign_kwargs, NOT_ALLOWED_LOGGED_IN),
}
