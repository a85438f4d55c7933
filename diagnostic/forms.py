from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Assessment


class EmailForm(forms.Form):
    # As long as the column it is kept in (a resume link's or a campaign invitee's
    # address): a longer one gets a form error, not a database error.
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=Assessment._meta.get_field("respondent_email").max_length,
    )
