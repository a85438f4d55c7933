"""Permission-matrix rows of the members' pages: confirmations of destructive actions and
role changes (merged by test_permission_matrix)."""

from tests.test_permission_matrix import (
    NOT_ALLOWED_LOGGED_IN,
    ORG_MANAGE_ACTION,
    ORG_MANAGE_PAGE,
    ORG_VIEW,
    Row,
    _invitation_kwargs,
    _membership_kwargs,
)

MATRIX = {
    # The member's own membership: the member is asked before leaving, admins and the agency
    # before removing them; a coach may see the organisation, not change its members.
    ("network:membership_remove_confirm", "get"): Row(
        _membership_kwargs, {**ORG_VIEW, "coach": 403}
    ),
    ("network:membership_remove_confirm", "post"): Row(_membership_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:membership_role", "get"): Row(_membership_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:membership_role", "post"): Row(
        _membership_kwargs, ORG_MANAGE_ACTION, lambda org, p: {"role": "admin"}
    ),
    ("network:invitation_revoke_confirm", "get"): Row(_invitation_kwargs, ORG_MANAGE_PAGE),
    ("network:invitation_revoke_confirm", "post"): Row(_invitation_kwargs, NOT_ALLOWED_LOGGED_IN),
}
