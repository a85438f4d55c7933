import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

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


def validate_logo(file) -> None:
    if file and file.size > 1024 * 1024:
        raise ValidationError(_("The logo must weigh 1 MB at most."), code="size")
