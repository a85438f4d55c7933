from django import forms
from django.utils.translation import gettext_lazy


class ReportRequestForm(forms.Form):
    """A visitor may leave an address to receive the link; members get it at theirs."""

    email = forms.EmailField(label=gettext_lazy("Your e-mail address (optional)"), required=False)
