import pytest
from django.core.exceptions import ValidationError

from network.validators import (
    format_enterprise_number,
    normalise_enterprise_number,
    postcode_matches_province,
    validate_enterprise_number,
    validate_walloon_postcode,
)
from tests.factories import enterprise_number


@pytest.mark.parametrize(
    "value",
    ["0403170701", "0403.170.701", "BE 0403.170.701", "be0403170701", " 0403 170 701 "],
)
def test_valid_enterprise_numbers_in_any_usual_spelling(value):
    validate_enterprise_number(value)
    assert normalise_enterprise_number(value) == "0403170701"


@pytest.mark.parametrize(
    "value,code",
    [
        ("0403170702", "checksum"),  # last digit changed
        ("2403170701", "format"),  # must start with 0 or 1
        ("040317070", "format"),  # 9 digits
        ("04031707011", "format"),  # 11 digits
        ("04O3170701", "format"),  # letter O
        ("", "format"),
    ],
)
def test_invalid_enterprise_numbers_are_refused_with_a_reason(value, code):
    with pytest.raises(ValidationError) as exc:
        validate_enterprise_number(value)
    assert exc.value.code == code


def test_factory_numbers_pass_the_check():
    for n in range(200):
        validate_enterprise_number(enterprise_number(n))


def test_format_enterprise_number():
    assert format_enterprise_number("0403170701") == "0403.170.701"


@pytest.mark.parametrize("postcode", ["1300", "4000", "5000", "6000", "6700", "7500"])
def test_walloon_postcodes(postcode):
    validate_walloon_postcode(postcode)


@pytest.mark.parametrize("postcode", ["1000", "9000", "2000", "500", "50000", "abcd"])
def test_non_walloon_postcodes_refused(postcode):
    with pytest.raises(ValidationError):
        validate_walloon_postcode(postcode)


def test_postcode_province_consistency():
    assert postcode_matches_province("5000", "NA")
    assert postcode_matches_province("6700", "LX")
    assert not postcode_matches_province("5000", "LG")
