"""Permission-matrix rows of the review part (merged by test_permission_matrix).

Agency staff assign and unassign reviewers and read the scores side by side; whoever else
may see the application gets 403 there, strangers 404. The declaration and the review form
are the assigned reviewer's alone: 404 for everyone else. A reviewer's home is for the
reviewer group and agency staff (403 for others)."""

from grants import services
from grants.models import ReviewerAssignment
from tests.grants.factories import reviewer
from tests.grants.matrix_core import APPLICATION_VIEW, assigned_application
from tests.test_permission_matrix import (
    LOGIN,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ROLES,
    Row,
)

# An agency page on an application: others who see it get 403 (the assigned reviewer too).
MANAGE_PAGE = {
    **APPLICATION_VIEW,
    "member": 403,
    "org_admin": 403,
    "coach": 403,
    "reviewer": 403,
}
MANAGE_ACTION = {**MANAGE_PAGE, "agency": OK_REDIRECT, "superuser": OK_REDIRECT}
# The assigned reviewer's pages: nobody else's.
REVIEWER_ONLY = {**dict.fromkeys(ROLES, 404), "anonymous": LOGIN, "reviewer": 200}
REVIEWERS_HOME = {
    **dict.fromkeys(ROLES, 403),
    "anonymous": LOGIN,
    "agency": 200,
    "superuser": 200,
    "reviewer": 200,
}


def _application(org, p):
    return {"pk": assigned_application(org, p).pk}


def _assignment(org, p):
    application = assigned_application(org, p)
    assignment = ReviewerAssignment.objects.get(application=application, reviewer=p["reviewer"])
    return {"pk": application.pk, "assignment_pk": assignment.pk}


def _pending(org, p):
    application = assigned_application(org, p)
    return {"pk": ReviewerAssignment.objects.get(application=application).pk}


def _declared(org, p):
    application = assigned_application(org, p)
    assignment = ReviewerAssignment.objects.get(application=application)
    services.conflict_declare(assignment, conflict=False)
    return {"pk": assignment.pk}


def _home(org, p):
    assigned_application(org, p)
    return {}


def _new_reviewer(org, p):
    return {"reviewer": reviewer().pk}


MATRIX = {
    ("grants:reviewer_assign", "get"): Row(_application, NOT_ALLOWED_LOGGED_IN),
    ("grants:reviewer_assign", "post"): Row(_application, MANAGE_ACTION, _new_reviewer),
    ("grants:reviewer_unassign", "get"): Row(_assignment, NOT_ALLOWED_LOGGED_IN),
    ("grants:reviewer_unassign", "post"): Row(_assignment, MANAGE_ACTION),
    ("grants:application_reviews", "get"): Row(_application, MANAGE_PAGE),
    ("grants:application_reviews", "post"): Row(_application, NOT_ALLOWED_LOGGED_IN),
    ("grants:review_home", "get"): Row(_home, REVIEWERS_HOME),
    ("grants:review_home", "post"): Row(_home, NOT_ALLOWED_LOGGED_IN),
    ("grants:review_declare", "get"): Row(_pending, REVIEWER_ONLY),
    # An empty declaration: shown again with its error, to the reviewer only.
    ("grants:review_declare", "post"): Row(_pending, REVIEWER_ONLY),
    ("grants:review_form", "get"): Row(_declared, REVIEWER_ONLY),
    # An empty review: shown again with its errors, nothing written.
    ("grants:review_form", "post"): Row(_declared, REVIEWER_ONLY),
}
