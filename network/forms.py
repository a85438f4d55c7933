from django import forms
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from .models import Invitation, Membership, Organisation
from .selectors import coaches
from .validators import (
    is_walloon_postcode,
    normalise_enterprise_number,
    postcode_matches_province,
)


def _formfield(field, **kwargs):
    # Addresses typed without a scheme are taken as https (Django 6's default).
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class OrganisationForm(forms.ModelForm):
    # Wider than the stored 10 digits so that "BE 0403.170.701" is accepted and normalised.
    enterprise_number = forms.CharField(
        label=capfirst(Organisation._meta.get_field("enterprise_number").verbose_name),
        help_text=Organisation._meta.get_field("enterprise_number").help_text,
        max_length=20,
        widget=forms.TextInput(attrs={"placeholder": "0403.170.701", "inputmode": "numeric"}),
    )

    class Meta:
        model = Organisation
        formfield_callback = _formfield
        fields = [
            "name",
            "enterprise_number",
            "legal_form",
            "sector",
            "province",
            "postcode",
            "municipality",
            "size_band",
            "social_purpose",
            "website",
            "logo",
            "is_public",
        ]
        widgets = {
            "social_purpose": forms.Textarea(attrs={"rows": 4}),
            "postcode": forms.TextInput(
                attrs={"inputmode": "numeric", "autocomplete": "postal-code"}
            ),
            "municipality": forms.TextInput(attrs={"autocomplete": "address-level2"}),
            "logo": forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Asked of every profile saved from now on (see Organisation.municipality).
        self.fields["municipality"].required = True

    def clean_municipality(self):
        return " ".join(self.cleaned_data["municipality"].split())

    def clean_enterprise_number(self):
        return normalise_enterprise_number(self.cleaned_data["enterprise_number"])

    def clean(self):
        cleaned = super().clean()
        postcode, province = cleaned.get("postcode"), cleaned.get("province")
        # A postcode outside Wallonia gets its own message from the model's validator.
        if (
            postcode
            and province
            and is_walloon_postcode(postcode)
            and not postcode_matches_province(postcode, province)
        ):
            self.add_error(
                "postcode",
                _("Postcode %(postcode)s is not in the province of %(province)s.")
                % {
                    "postcode": postcode,
                    "province": Organisation.Province(province).label,
                },
            )
        return cleaned


class InvitationForm(forms.Form):
    # As long as the column: a longer address gets a form error, not a database error.
    email = forms.EmailField(
        label=_("Colleague's e-mail address"),
        max_length=Invitation._meta.get_field("email").max_length,
    )
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class MembershipRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices)


class CoachChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        # By name, with the address that tells two namesakes apart.
        if obj.display_name == obj.email:
            return obj.email
        return f"{obj.display_name} ({obj.email})"


class CoachAssignmentForm(forms.Form):
    coach = CoachChoiceField(label=_("Coach"), queryset=get_user_model().objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coach"].queryset = coaches()


class StaffOrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, enterprise number or municipality"), required=False)
    province = forms.ChoiceField(
        label=_("Province"),
        choices=[("", _("All provinces"))] + Organisation.Province.choices,
        required=False,
    )
    legal_form = forms.ChoiceField(
        label=_("Legal form"),
        choices=[("", _("All legal forms"))] + Organisation.LegalForm.choices,
        required=False,
    )
    sector = forms.ChoiceField(
        label=_("Sector"),
        choices=[("", _("All sectors"))] + Organisation.Sector.choices,
        required=False,
    )
