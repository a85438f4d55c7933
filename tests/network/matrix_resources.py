"""Permission-matrix rows of the resource library's pages (merged by test_permission_matrix).

A published resource's page is public; the page takes no POST."""

from network.models import Resource
from tests.test_permission_matrix import NOT_ALLOWED, PUBLIC, Row


def _resource_kwargs(org, p):
    resource = Resource.objects.create(
        slug="matrix-guide",
        title_fr="Un guide",
        title_en="A guide",
        summary_fr="Résumé.",
        summary_en="Summary.",
        body_fr="Premier paragraphe.",
        body_en="First paragraph.",
        kind=Resource.Kind.GUIDE,
        language="fr",
    )
    return {"slug": resource.slug}


MATRIX = {
    ("network:resource_detail", "get"): Row(_resource_kwargs, PUBLIC),
    ("network:resource_detail", "post"): Row(_resource_kwargs, NOT_ALLOWED),
}
