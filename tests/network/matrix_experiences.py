"""Permission-matrix rows of the experiences' pages (merged by test_permission_matrix).

The public list, feed and a published experience's page are public. An organisation's
experiences are its private data until published: its members write them (coaches and the
agency see them, 403 on writing), strangers get 404. Agency staff moderate."""

from network.experiences import services
from tests.network.experiences_helpers import draft, form_data, image_upload
from tests.test_permission_matrix import (
    AGENCY_ACTION,
    AGENCY_ACTION_GET,
    AGENCY_PAGE,
    NOT_ALLOWED,
    NOT_ALLOWED_LOGGED_IN,
    OK_REDIRECT,
    ORG_VIEW,
    PUBLIC,
    Row,
)

# Written by its members only: coaches and the agency see it but may not write it.
MEMBER_PAGE = {**ORG_VIEW, "coach": 403, "agency": 403, "superuser": 403}
MEMBER_ACTION = {**MEMBER_PAGE, "member": OK_REDIRECT, "org_admin": OK_REDIRECT}


def _none(org, p):
    return {}


def _slug(org, p):
    return {"slug": org.slug}


def _draft_kwargs(org, p):
    return {"pk": draft(org, p["org_admin"]).pk}


def _submitted(org, p):
    return services.experience_submit(experience=draft(org, p["org_admin"]), by=p["org_admin"])


def _submitted_kwargs(org, p):
    return {"pk": _submitted(org, p).pk}


def _published(org, p):
    return services.experience_publish(experience=_submitted(org, p), by=p["agency"])


def _published_slug(org, p):
    return {"slug": _published(org, p).slug}


def _published_kwargs(org, p):
    return {"pk": _published(org, p).pk}


def _draft_photo_kwargs(org, p):
    experience = draft(org, p["org_admin"])
    photo = services.photo_add(experience=experience, file=image_upload(), alt_text="Une photo")
    return {"pk": photo.pk}


def _form(org, p):
    return form_data()


def _remarks(org, p):
    return {"remarks": "Ajoutez un exemple concret."}


MATRIX = {
    ("network:experience_list", "get"): Row(_none, PUBLIC),
    ("network:experience_list", "post"): Row(_none, NOT_ALLOWED),
    ("network:experience_feed", "get"): Row(_none, PUBLIC),
    ("network:experience_feed", "post"): Row(_none, NOT_ALLOWED),
    ("network:experience_detail", "get"): Row(_published_slug, PUBLIC),
    ("network:experience_detail", "post"): Row(_published_slug, NOT_ALLOWED),
    # A draft's photo: only where the draft may be seen (404 for everyone else, logged in
    # or not).
    ("network:experience_photo", "get"): Row(_draft_photo_kwargs, {**ORG_VIEW, "anonymous": 404}),
    ("network:experience_photo", "post"): Row(_draft_photo_kwargs, NOT_ALLOWED),
    ("network:organisation_experiences", "get"): Row(_slug, ORG_VIEW),
    ("network:organisation_experiences", "post"): Row(_slug, NOT_ALLOWED_LOGGED_IN),
    ("network:experience_create", "get"): Row(_slug, MEMBER_PAGE),
    ("network:experience_create", "post"): Row(_slug, MEMBER_ACTION, _form),
    ("network:experience_edit", "get"): Row(_draft_kwargs, MEMBER_PAGE),
    ("network:experience_edit", "post"): Row(_draft_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:experience_save", "get"): Row(_draft_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:experience_save", "post"): Row(_draft_kwargs, MEMBER_ACTION, _form),
    ("network:experience_preview", "get"): Row(_draft_kwargs, ORG_VIEW),
    ("network:experience_preview", "post"): Row(_draft_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:experience_submit", "get"): Row(_draft_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:experience_submit", "post"): Row(_draft_kwargs, MEMBER_ACTION),
    ("network:experience_photo_add", "get"): Row(_draft_kwargs, NOT_ALLOWED_LOGGED_IN),
    # No file: refused with a message, back to the draft.
    ("network:experience_photo_add", "post"): Row(_draft_kwargs, MEMBER_ACTION),
    ("network:experience_photo_remove", "get"): Row(_draft_photo_kwargs, NOT_ALLOWED_LOGGED_IN),
    ("network:experience_photo_remove", "post"): Row(_draft_photo_kwargs, MEMBER_ACTION),
    ("network:moderation_queue", "get"): Row(_none, AGENCY_PAGE),
    ("network:moderation_queue", "post"): Row(_none, NOT_ALLOWED),
    ("network:experience_moderate", "get"): Row(_submitted_kwargs, AGENCY_PAGE),
    ("network:experience_moderate", "post"): Row(_submitted_kwargs, NOT_ALLOWED),
    ("network:experience_publish", "get"): Row(_submitted_kwargs, AGENCY_ACTION_GET),
    ("network:experience_publish", "post"): Row(_submitted_kwargs, AGENCY_ACTION),
    ("network:experience_return", "get"): Row(_submitted_kwargs, AGENCY_ACTION_GET),
    ("network:experience_return", "post"): Row(_submitted_kwargs, AGENCY_ACTION, _remarks),
    ("network:experience_refuse", "get"): Row(_submitted_kwargs, AGENCY_ACTION_GET),
    ("network:experience_refuse", "post"): Row(_submitted_kwargs, AGENCY_ACTION, _remarks),
    ("network:experience_unpublish", "get"): Row(_published_kwargs, AGENCY_ACTION_GET),
    ("network:experience_unpublish", "post"): Row(_published_kwargs, AGENCY_ACTION, _remarks),
}
