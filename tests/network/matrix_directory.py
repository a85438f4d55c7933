"""Permission-matrix rows of the public directory (merged by test_permission_matrix).

The directory and a public profile are public; what a profile shows is chosen by the
organisation's admins and the agency (the others who see the organisation get 403, strangers
404); its preview is for whoever sees the organisation."""

from tests.test_permission_matrix import (
    NOT_ALLOWED,
    NOT_ALLOWED_LOGGED_IN,
    ORG_MANAGE_ACTION,
    ORG_MANAGE_PAGE,
    ORG_VIEW,
    PUBLIC,
    Row,
)


def _none(org, p):
    return {}


def _slug(org, p):
    return {"slug": org.slug}


def _public_slug(org, p):
    org.is_public = True
    org.save(update_fields=["is_public"])
    return {"slug": org.slug}


def _choices(org, p):
    return {"is_public": "on", "public_social_purpose": "on", "accepts_contact": "on"}


MATRIX = {
    ("network:directory", "get"): Row(_none, PUBLIC),
    ("network:directory", "post"): Row(_none, NOT_ALLOWED),
    ("network:profile", "get"): Row(_public_slug, PUBLIC),
    ("network:profile", "post"): Row(_public_slug, NOT_ALLOWED),
    ("network:public_profile_edit", "get"): Row(_slug, ORG_MANAGE_PAGE),
    ("network:public_profile_edit", "post"): Row(_slug, NOT_ALLOWED_LOGGED_IN),
    ("network:public_profile_save", "get"): Row(_slug, NOT_ALLOWED_LOGGED_IN),
    ("network:public_profile_save", "post"): Row(_slug, ORG_MANAGE_ACTION, _choices),
    ("network:public_profile_preview", "get"): Row(_slug, ORG_VIEW),
    ("network:public_profile_preview", "post"): Row(_slug, NOT_ALLOWED_LOGGED_IN),
}
