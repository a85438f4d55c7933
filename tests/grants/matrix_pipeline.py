"""Permission-matrix rows of grants' staff pages (merged by test_permission_matrix).

The pipeline, its exports and the de minimis register are the agency's: everyone else gets
403 (a reviewer too, even one assigned to an application of the list), anonymous visitors
the login page, agency staff without TOTP the page to turn it on. They only show: a POST
is refused (405) whoever sends it.
"""

from grants.models import Status
from tests.grants.factories import make_application
from tests.test_permission_matrix import AGENCY_PAGE, NOT_ALLOWED, Row

from .matrix_core import assigned_application

# A reviewer, assigned or not, is no agency staff.
STAFF_PAGE = {**AGENCY_PAGE, "reviewer": 403}


def _applications(org, p):
    """An application in review (its reviewer the matrix's) and an approved one: the
    pipeline and the register have rows to show."""
    assigned_application(org, p, Status.IN_REVIEW)
    from tests.factories import OrganisationFactory

    make_application(OrganisationFactory(), Status.APPROVED, staff=p["agency"])
    return {}


NAMES = [
    "grants:pipeline",
    "grants:export_xlsx",
    "grants:export_csv",
    "grants:de_minimis_register",
    "grants:de_minimis_csv",
    "grants:de_minimis_xlsx",
]

MATRIX = {
    **{(name, "get"): Row(_applications, STAFF_PAGE) for name in NAMES},
    **{(name, "post"): Row(_applications, NOT_ALLOWED) for name in NAMES},
}
