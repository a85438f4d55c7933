"""Public uploads (logos) served by the app itself, so that DEBUG=0 works without a proxy
rule; a proxy or a CDN in front caches them. Only the public storage is reachable here:
private files (reports) live in another storage and are served by views that check access."""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# What the public storage holds: re-encoded logos, and the documents of the resource
# library (checked on upload, downloaded rather than shown). Anything else is not served.
PUBLIC_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
# Documents are served from their folder only (Resource.file's upload_to): nothing else
# stored in the public storage becomes downloadable by being named .pdf.
DOCUMENTS_FOLDER = "resources/"
DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# A stored name is never reused for other bytes (the storage picks a free name), so
# browsers and proxies may keep a copy for a long time.
CACHE_SECONDS = 30 * 24 * 3600


@require_safe
def public_media(request, path):
    suffix = PurePosixPath(path).suffix.lower()
    content_type = PUBLIC_TYPES.get(suffix)
    if path.startswith(DOCUMENTS_FOLDER):
        content_type = content_type or DOCUMENT_TYPES.get(suffix)
    if content_type is None:
        raise Http404
    storage = storages["default"]
    try:
        file = storage.open(path, "rb")
    except (SuspiciousFileOperation, FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404 from None
    response = FileResponse(file, content_type=content_type, as_attachment=suffix in DOCUMENT_TYPES)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
