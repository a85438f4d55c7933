"""The agency's filter over submitted diagnostics."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from network.models import Organisation

from ..scoring import LEVELS


def _choice_field(label, everything, choices, invalid):
    return forms.ChoiceField(
        label=label,
        choices=[("", everything), *choices],
        required=False,
        error_messages={"invalid_choice": invalid},
    )


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Enter a date such as 2025-03-31.")},
    )


class StaffAssessmentFilterForm(forms.Form):
    search = forms.CharField(
        label=_("Organisation name"),
        required=False,
        max_length=200,
        strip=True,
        help_text=_("Accents and capitals do not matter."),
        error_messages={"max_length": _("Search with at most 200 characters.")},
    )
    sector = _choice_field(
        _("Sector"),
        _("All sectors"),
        Organisation.Sector.choices,
        _("Choose a sector from the list."),
    )
    province = _choice_field(
        _("Province"),
        _("All provinces"),
        Organisation.Province.choices,
        _("Choose a province from the list."),
    )
    legal_form = _choice_field(
        _("Legal form"),
        _("All legal forms"),
        Organisation.LegalForm.choices,
        _("Choose a legal form from the list."),
    )
    level = forms.TypedChoiceField(
        label=_("Maturity level"),
        choices=[
            ("", _("All levels")),
            *((lv.number, format_lazy("{} – {}", lv.number, lv.name)) for lv in LEVELS),
        ],
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": _("Choose a maturity level from the list.")},
    )
    submitted_from = _date_field(_("Submitted from"))
    submitted_until = _date_field(_("Submitted until"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("submitted_from"), cleaned.get("submitted_until")
        if start and end and start > end:
            self.add_error("submitted_until", _("The end date must be on or after the start date."))
        return cleaned
