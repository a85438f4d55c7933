from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import ContactThread, Organisation
from .services import BODY_MAX_LENGTH


class ContactForm(forms.Form):
    from_organisation = forms.ModelChoiceField(
        label=_("You write for"),
        queryset=Organisation.objects.none(),
        empty_label=None,
    )
    subject = forms.CharField(
        label=_("Subject"), max_length=ContactThread._meta.get_field("subject").max_length
    )
    body = forms.CharField(
        label=_("Your message"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Introduce yourself and say why you write. Your e-mail address is not shown: "
            "the organisation answers on the platform."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_organisation"].queryset = organisations


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your answer"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
