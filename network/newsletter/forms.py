from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from ..models import Subscriber


class SubscribeForm(forms.Form):
    # As long as the column: a longer address gets a form error, not a database error.
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=Subscriber._meta.get_field("email").max_length,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
    )
