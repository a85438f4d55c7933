"""Public uploads (logos) served by the app itself, so that DEBUG=0 works without a proxy
rule; a proxy or a CDN in front caches them. Only the public storage is reachable here:
private files (reports) live in another storage and are served by views that check access."""

from pathlib import PurePosixPath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import storages
from django.http import FileResponse, Http404
from django.views.decorators.http import require_safe

# What the public storage holds: re-encoded logos. Anything else is not served.
PUBLIC_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
}
# A stored name is never reused for other bytes (the storage picks a free name), so
# browsers and proxies may keep a copy for a long time.
CACHE_SECONDS = 30 * 24 * 3600


@require_safe
def public_media(request, path):
    content_type = PUBLIC_TYPES.get(PurePosixPath(path).suffix.lower())
    if content_type is None:
        raise Http404
    storage = storages["default"]
    try:
        file = storage.open(path, "rb")
    except (SuspiciousFileOperation, FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise Http404 from None
    response = FileResponse(file, content_type=content_type)
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
