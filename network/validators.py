import re
import warnings
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Postcodes of the five Walloon provinces (bpost ranges).
PROVINCE_POSTCODES = {
    "BW": [(1300, 1499)],
    "HT": [(6000, 6599), (7000, 7999)],
    "LG": [(4000, 4999)],
    "LX": [(6600, 6999)],
    "NA": [(5000, 5999)],
}


def normalise_enterprise_number(value: str) -> str:
    """'BE 0403.170.701' -> '0403170701'. Anything but digits and the BE prefix is dropped."""
    value = (value or "").strip().upper()
    if value.startswith("BE"):
        value = value[2:]
    return re.sub(r"[\s.\-/]", "", value)


def validate_enterprise_number(value: str) -> None:
    """Belgian enterprise number (BCE/KBO): 10 digits, starting 0 or 1, mod-97 check."""
    number = normalise_enterprise_number(value)
    if not re.fullmatch(r"[01]\d{9}", number):
        raise ValidationError(
            _("An enterprise number has 10 digits and starts with 0 or 1, e.g. 0403.170.701."),
            code="format",
        )
    if 97 - int(number[:8]) % 97 != int(number[8:]):
        raise ValidationError(
            _("This enterprise number is not valid: its check digits do not match."),
            code="checksum",
        )


def format_enterprise_number(number: str) -> str:
    return f"{number[:4]}.{number[4:7]}.{number[7:]}" if len(number) == 10 else number


def is_walloon_postcode(value: str) -> bool:
    return bool(re.fullmatch(r"\d{4}", value or "")) and any(
        postcode_matches_province(value, province) for province in PROVINCE_POSTCODES
    )


def validate_walloon_postcode(value: str) -> None:
    if not re.fullmatch(r"\d{4}", value or ""):
        raise ValidationError(_("A Belgian postcode has four digits."), code="format")
    if not is_walloon_postcode(value):
        raise ValidationError(_("This postcode is not in Wallonia."), code="region")


def postcode_matches_province(postcode: str, province: str) -> bool:
    code = int(postcode)
    return any(low <= code <= high for low, high in PROVINCE_POSTCODES.get(province, []))


# A small file may hold a huge picture (a 12,000 × 12,000 PNG weighs 17 KB) that every
# reader's browser, and the re-encoding, would decode in full.
LOGO_MAX_PIXELS = 4000


def validate_logo(file) -> None:
    if not file:
        return
    if file.size > 1024 * 1024:
        raise ValidationError(_("The logo must weigh 1 MB at most."), code="size")
    if getattr(file, "_committed", False):
        return  # already stored: checked and re-encoded when it was uploaded
    width, height = _image_size(file)
    if width > LOGO_MAX_PIXELS or height > LOGO_MAX_PIXELS:
        raise ValidationError(
            _(
                "The logo must measure %(max)s × %(max)s pixels at most; "
                "this one measures %(width)s × %(height)s."
            )
            % {"max": _number(LOGO_MAX_PIXELS), "width": _number(width), "height": _number(height)},
            code="pixels",
        )


def _number(value: int) -> str:
    return number_format(value, force_grouping=True)


def _image_size(file) -> tuple[int, int]:
    """Width and height from the image's header: Pillow opens lazily, decoding nothing."""
    file.seek(0)
    try:
        with warnings.catch_warnings():
            # Pillow warns of "decompression bombs" on opening; the size says it here.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(file) as image:
                return image.size
    except Image.DecompressionBombError as exc:  # far over the limit
        raise ValidationError(
            _("The logo must measure %(max)s × %(max)s pixels at most.")
            % {"max": _number(LOGO_MAX_PIXELS)},
            code="pixels",
        ) from exc
    except (UnidentifiedImageError, OSError) as exc:
        raise ValidationError(_("Upload a PNG, JPEG or WebP image."), code="invalid_image") from exc
    finally:
        file.seek(0)


# The documents a resource may offer, by extension, and how their content is recognised:
# a PDF by its header, an OpenDocument by its first entry ("mimetype", as the standard
# requires), an Office Open XML file by the part that makes it a text or a workbook. Written
# here rather than with a file-type library: a zip's name list is the test those libraries
# make too, and it needs no new dependency.
RESOURCE_FILE_TYPES = {
    ".pdf": "application/pdf",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
RESOURCE_FILE_MAX_BYTES = 5 * 1024 * 1024
_OOXML_PART = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}


def validate_resource_file(file) -> None:
    if not file:
        return
    if file.size > RESOURCE_FILE_MAX_BYTES:
        raise ValidationError(_("The document must weigh 5 MB at most."), code="size")
    if getattr(file, "_committed", False):
        return  # already stored: checked when it was uploaded
    suffix = PurePath(file.name).suffix.lower()
    if suffix not in RESOURCE_FILE_TYPES or not _content_is(file, suffix):
        raise ValidationError(
            _("Upload a PDF, OpenDocument (ODT, ODS), Word (DOCX) or Excel (XLSX) document."),
            code="type",
        )


def _content_is(file, suffix: str) -> bool:
    """Whether the bytes are a document of the type the extension says."""
    file.seek(0)
    try:
        if suffix == ".pdf":
            return file.read(5) == b"%PDF-"
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            if suffix in _OOXML_PART:
                return _OOXML_PART[suffix] in names and "[Content_Types].xml" in names
            return (
                bool(names)
                and names[0] == "mimetype"
                and (
                    archive.read("mimetype").decode("ascii", "replace").strip()
                    == RESOURCE_FILE_TYPES[suffix]
                )
            )
    except (zipfile.BadZipFile, OSError, KeyError):
        return False
    finally:
        file.seek(0)
