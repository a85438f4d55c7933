"""Permission-matrix rows of the public uploads (merged by test_permission_matrix): a logo
is public, for everyone."""

from django.core.files.base import ContentFile
from django.core.files.storage import storages

from tests.test_permission_matrix import NOT_ALLOWED, PUBLIC, Row


def _logo(org, p):
    return {"path": storages["default"].save("logos/matrix.webp", ContentFile(b"RIFF"))}


MATRIX = {
    ("public_media", "get"): Row(_logo, PUBLIC),
    ("public_media", "post"): Row(_logo, NOT_ALLOWED),
}
