"""Permission-matrix rows of the resource library (merged by test_permission_matrix).

The list and a published resource's page are public and take no POST; the agency edits the
library: its list, the form to add or change a resource, publishing or withdrawing it, and
deleting it after a confirmation page."""

from network.models import Resource
from tests.network.library_factories import form_data
from tests.test_permission_matrix import (
    AGENCY_ACTION,
    AGENCY_ACTION_GET,
    AGENCY_PAGE,
    NOT_ALLOWED,
    PUBLIC,
    Row,
    _none,
)


def _resource(**fields) -> Resource:
    defaults = {
        "title_fr": "Un guide",
        "title_en": "A guide",
        "summary_fr": "Résumé.",
        "summary_en": "Summary.",
        "body_fr": "Premier paragraphe.",
        "body_en": "First paragraph.",
        "kind": Resource.Kind.GUIDE,
        "language": "fr",
    }
    n = Resource.objects.filter(slug__startswith="matrix-guide").count()
    return Resource.objects.create(slug=f"matrix-guide-{n}", **{**defaults, **fields})


def _slug(org, p):
    return {"slug": _resource().slug}


def _pk(org, p):
    return {"pk": _resource().pk}


def _unpublished_pk(org, p):
    return {"pk": _resource(is_published=False).pk}


def _pair(name, kwargs, *, get=AGENCY_PAGE, post=NOT_ALLOWED, data=None):
    return {(name, "get"): Row(kwargs, get), (name, "post"): Row(kwargs, post, data)}


MATRIX = {
    **_pair("network:resource_list", _none, get=PUBLIC),
    **_pair("network:resource_detail", _slug, get=PUBLIC),
    **_pair("network:staff_resource_list", _none),
    # Forms: a valid one saves and redirects.
    **_pair("network:staff_resource_create", _none, post=AGENCY_ACTION, data=form_data),
    **_pair("network:staff_resource_edit", _pk, post=AGENCY_ACTION, data=form_data),
    **_pair(
        "network:staff_resource_publish", _unpublished_pk, get=AGENCY_ACTION_GET, post=AGENCY_ACTION
    ),
    **_pair("network:staff_resource_unpublish", _pk, get=AGENCY_ACTION_GET, post=AGENCY_ACTION),
    **_pair("network:staff_resource_delete_confirm", _pk),
    **_pair("network:staff_resource_delete", _pk, get=AGENCY_ACTION_GET, post=AGENCY_ACTION),
}
