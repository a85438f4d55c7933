"""Dates read in day-month order in English too, as in Belgium."""

import datetime

from django.utils import formats, translation


def test_english_dates_put_the_day_first():
    moment = datetime.datetime(2026, 3, 4, 14, 30)
    with translation.override("en"):
        assert formats.date_format(moment.date()) == "4 March 2026"
        assert formats.date_format(moment.date(), "SHORT_DATE_FORMAT") == "04/03/2026"
        assert formats.date_format(moment, "DATETIME_FORMAT") == "4 March 2026, 14:30"
        assert formats.date_format(moment, "SHORT_DATETIME_FORMAT") == "04/03/2026 14:30"
        assert formats.get_format("FIRST_DAY_OF_WEEK") == 1


def test_english_forms_read_day_first_dates():
    from django import forms

    with translation.override("en"):
        field = forms.DateField()
        assert field.clean("04/03/2026") == datetime.date(2026, 3, 4)
        assert field.clean("2026-03-04") == datetime.date(2026, 3, 4)


def test_french_dates_are_unchanged():
    with translation.override("fr"):
        assert formats.date_format(datetime.date(2026, 3, 4)) == "4 mars 2026"


def test_time_elements_get_a_moment_without_microseconds():
    from django.utils import timezone

    from digitalees.templatetags.digitalees_tags import datetime_attr

    moment = datetime.datetime(2025, 3, 31, 23, 30, 5, 123456, tzinfo=datetime.UTC)
    assert datetime_attr(moment) == "2025-04-01T01:30:05+02:00"
    assert datetime_attr(timezone.now()).count(".") == 0
    assert datetime_attr(datetime.date(2025, 4, 1)) == "2025-04-01"
    assert datetime_attr(None) == ""
