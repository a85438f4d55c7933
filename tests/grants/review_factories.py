"""Test data of the review part, through grants' services."""

from grants import services
from grants.models import ReviewerAssignment, Status
from tests.factories import AgencyStaffFactory
from tests.grants.factories import make_application, reviewer


def assign(application, who=None, *, by=None, declare: bool | None = None):
    """`who` (a new reviewer if None) assigned to `application`; `declare`: True declares
    no conflict, False a conflict, None leaves the declaration pending."""
    who = who or reviewer()
    assignment = services.reviewer_assign(application, reviewer=who, by=by or AgencyStaffFactory())
    if declare is not None:
        services.conflict_declare(
            assignment, conflict=not declare, details="" if declare else "J'y ai travaillé."
        )
    return assignment


def scores_for(call, value=4) -> dict[int, int]:
    return {c.pk: value for c in call.criteria.all()}


def review(assignment, value=4, *, submit=True, shared=False, comment="Un projet solide."):
    return services.review_save(
        assignment,
        scores=scores_for(assignment.application.call, value),
        recommendation="approve",
        comment=comment,
        comment_shared=shared,
        submit=submit,
    )


def in_review(organisation, **kwargs):
    return make_application(organisation, Status.IN_REVIEW, **kwargs)


def declared(assignment) -> ReviewerAssignment:
    assignment.refresh_from_db()
    return assignment
