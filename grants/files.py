"""Uploaded files of an application (its documents, the final report's invoices and proofs):
recognised by their content with `filetype` (magic numbers, and the parts inside an office
document's zip), never by their name; limited in size and, for images, in pixels. They are
stored in the private storage under random names (grants.models) and served only by
`grants.views_files`, which asks `grants.rules` first."""

import warnings
from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

MAX_BYTES = 10 * 1024 * 1024
# A small file may hold a huge picture that every reader's viewer would decode in full.
MAX_PIXELS = 50_000_000

# What may be uploaded: the type `filetype` recognises -> the extensions it may be named
# with and the content type it is served as.
ALLOWED = {
    "pdf": ((".pdf",), "application/pdf"),
    "png": ((".png",), "image/png"),
    "jpg": ((".jpg", ".jpeg"), "image/jpeg"),
    "docx": (
        (".docx",),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "xlsx": ((".xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "odt": ((".odt",), "application/vnd.oasis.opendocument.text"),
    "ods": ((".ods",), "application/vnd.oasis.opendocument.spreadsheet"),
}
IMAGES = {"png", "jpg"}
# Read to recognise a type: filetype needs the start of the file (and a zip's first entries).
HEAD_BYTES = 8192


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    name: str  # the uploader's file name, cut to what a row keeps


def allowed_types_text() -> str:
    return _("PDF, PNG or JPEG image, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS)")


def check_upload(file) -> CheckedFile:
    """The upload's content type, size and name, or ValidationError with what is wrong."""
    if not file:
        raise ValidationError(_("Choose a file to upload."), code="required")
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("The file must weigh %(max)s MB at most; this one weighs %(size)s MB.")
            % {
                "max": MAX_BYTES // (1024 * 1024),
                "size": number_format(file.size / (1024 * 1024), 1),
            },
            code="size",
        )
    suffix = PurePath(file.name or "").suffix.lower()
    file.seek(0)
    kind = filetype.guess(file.read(HEAD_BYTES))
    file.seek(0)
    allowed = ALLOWED.get(kind.extension) if kind is not None else None
    if allowed is None or suffix not in allowed[0]:
        raise ValidationError(
            _(
                "This file is not what its name says, or not a type we accept. "
                "Upload a %(types)s file."
            )
            % {"types": allowed_types_text()},
            code="type",
        )
    if kind.extension in IMAGES:
        _check_pixels(file)
    name = PurePath(file.name).name[-200:]
    return CheckedFile(content_type=allowed[1], size=file.size, name=name)


def _check_pixels(file) -> None:
    file.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                width, height = image.size
                image.verify()
    except Image.DecompressionBombError:
        width = height = MAX_PIXELS
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(_("This image cannot be read."), code="invalid_image") from exc
    finally:
        file.seek(0)
    if width * height > MAX_PIXELS:
        raise ValidationError(
            _("The image must hold %(max)s million pixels at most.")
            % {"max": MAX_PIXELS // 1_000_000},
            code="pixels",
        )


def file_response(field_file, *, name: str, content_type: str) -> FileResponse:
    """A private file, downloaded (never shown inline, never sniffed), not kept by caches."""
    response = FileResponse(
        field_file.open("rb"), as_attachment=True, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def content_type_of(name: str) -> str:
    suffix = PurePath(name).suffix.lower()
    for extensions, content_type in ALLOWED.values():
        if suffix in extensions:
            return content_type
    return "application/octet-stream"
