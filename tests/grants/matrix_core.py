"""Permission-matrix rows of grants' core pages (merged by test_permission_matrix).

An application is its organisation's: its members, its assigned coaches and the agency see
it, and so does a reviewer assigned to it (the rows assign the matrix's reviewer); anyone
else gets 404.
"""

from grants import services
from grants.models import Status
from tests.grants.factories import make_application
from tests.test_permission_matrix import NOT_ALLOWED_LOGGED_IN, ORG_VIEW, Row

# Who sees an application that the matrix's reviewer is assigned to.
APPLICATION_VIEW = {**ORG_VIEW, "reviewer": 200}


def assigned_application(org, p, status=Status.SUBMITTED):
    """An application of `org` in `status`, with the matrix's reviewer assigned to it."""
    application = make_application(org, Status.SUBMITTED, by=p["org_admin"])
    services.reviewer_assign(application, reviewer=p["reviewer"], by=p["agency"])
    if status != Status.SUBMITTED:
        from tests.grants.factories import advance

        advance(application, status, staff=p["agency"])
    return application


def _application_kwargs(org, p):
    return {"pk": assigned_application(org, p).pk}


MATRIX = {
    ("grants:application_detail", "get"): Row(_application_kwargs, APPLICATION_VIEW),
    ("grants:application_detail", "post"): Row(
        _application_kwargs, {**NOT_ALLOWED_LOGGED_IN, "reviewer": 405}
    ),
}
