from django import forms
from django.utils.translation import gettext_lazy


class ReportRequestForm(forms.Form):
    """A visitor may leave an address to receive the link; members get it at theirs."""

    # No longer than an address column (254, the most SMTP carries), like the other forms.
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address (optional)"), required=False, max_length=254
    )
