"""Permission-matrix rows of the respondent's own pages (merged by test_permission_matrix):
attaching results kept for oneself, a campaign's welcome page, deleting a draft.

Each exists only for the diagnostic's respondent (here the organisation's admin): for anyone
else they do not exist (404), whatever their rights on the organisation.
"""

from diagnostic.models import Assessment
from diagnostic.services import assessment_start, assessment_submit, campaign_open
from tests.diagnostic.conftest import answer_everything
from tests.test_permission_matrix import (
    LOGIN,
    NOT_ALLOWED,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    RESPONDENT_ONLY,
    ROLES,
    Row,
    _draft_kwargs,
)

RESPONDENT_ACTION = {**dict.fromkeys(ROLES, 404), "org_admin": OK_REDIRECT}


def _kept_for_oneself_kwargs(org, p):
    """The admin's results, kept for themselves (attached to no organisation)."""
    assessment = assessment_start(respondent=p["org_admin"])
    return {"uuid": assessment_submit(assessment=answer_everything(assessment)).uuid}


def _campaign_draft_kwargs(org, p):
    campaign = campaign_open(organisation=org, opened_by=p["org_admin"])
    return {"uuid": Assessment.objects.get(campaign=campaign, respondent=p["org_admin"]).uuid}


MATRIX = {
    ("diagnostic:attach", "get"): Row(_kept_for_oneself_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("diagnostic:attach", "post"): Row(
        _kept_for_oneself_kwargs,
        {**RESPONDENT_ACTION, "anonymous": LOGIN},
        lambda org, p: {"organisation": org.slug},
    ),
    ("diagnostic:welcome", "get"): Row(_campaign_draft_kwargs, RESPONDENT_ONLY),
    ("diagnostic:welcome", "post"): Row(_campaign_draft_kwargs, NOT_ALLOWED),
    ("diagnostic:draft_delete_confirm", "get"): Row(_draft_kwargs, RESPONDENT_ONLY),
    ("diagnostic:draft_delete_confirm", "post"): Row(_draft_kwargs, NOT_ALLOWED),
    ("diagnostic:draft_delete", "get"): Row(_draft_kwargs, NOT_ALLOWED),
    ("diagnostic:draft_delete", "post"): Row(_draft_kwargs, RESPONDENT_ACTION),
}
