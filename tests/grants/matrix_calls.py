"""Permission-matrix rows of calls (merged by test_permission_matrix). The list and a
published call's page are public; the agency runs the calls (their list, form, criteria,
publication and overview)."""

from tests.grants.calls_factories import call_form_data, criteria_form_data, draft_call
from tests.grants.factories import make_call
from tests.test_permission_matrix import (
    AGENCY_ACTION,
    AGENCY_ACTION_GET,
    AGENCY_PAGE,
    NOT_ALLOWED,
    PUBLIC,
    Row,
    _none,
)


def _published_slug(org, p):
    return {"slug": make_call().slug}


def _draft_pk(org, p):
    return {"pk": draft_call().pk}


def _criteria(org, p):
    return criteria_form_data(
        [{"title_fr": "Pertinence", "title_en": "Relevance", "weight": "2", "ORDER": "1"}]
    )


def _pair(name, kwargs, *, get=AGENCY_PAGE, post=NOT_ALLOWED, data=None):
    return {(name, "get"): Row(kwargs, get), (name, "post"): Row(kwargs, post, data)}


MATRIX = {
    ("grants:call_list", "get"): Row(_none, PUBLIC),
    ("grants:call_list", "post"): Row(_none, NOT_ALLOWED),
    ("grants:call_detail", "get"): Row(_published_slug, PUBLIC),
    ("grants:call_detail", "post"): Row(_published_slug, NOT_ALLOWED),
    **_pair("grants:staff_calls", _none),
    **_pair("grants:call_overview", _draft_pk),
    # Forms: a valid one saves and redirects.
    **_pair("grants:call_create", _none, post=AGENCY_ACTION, data=lambda o, p: call_form_data()),
    **_pair("grants:call_edit", _draft_pk, post=AGENCY_ACTION, data=lambda o, p: call_form_data()),
    **_pair("grants:call_criteria", _draft_pk, post=AGENCY_ACTION, data=_criteria),
    **_pair("grants:call_publish", _draft_pk, get=AGENCY_ACTION_GET, post=AGENCY_ACTION),
}
