"""The agency's small forms: a move's comments, a request for information, the decision,
the agreement's date. They validate input; the services decide."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

INTERNAL_HELP = _("For agency staff only: the applicant never sees it.")


def _internal_comment():
    return forms.CharField(
        label=_("Internal comment"),
        required=False,
        max_length=4000,
        help_text=INTERNAL_HELP,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    """A move that needs nothing but an optional internal comment (screen, send to review)."""

    internal_comment = _internal_comment()


class InfoRequestForm(forms.Form):
    message = forms.CharField(
        label=_("Your message to the applicant"),
        max_length=4000,
        help_text=_("Say what is missing or unclear: the applicant reads this and answers it."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    internal_comment = _internal_comment()


class DecisionForm(forms.Form):
    APPROVE, REJECT = "approve", "reject"

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))],
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        label=_("Amount granted (€)"),
        required=False,
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        # Written and read with the reader's separators, like the budget's amounts.
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text=_("For an approval; the amount requested unless you change it."),
    )
    reasons = forms.CharField(
        label=_("Reasons for the decision"),
        required=False,
        max_length=8000,
        help_text=_("The applicant reads them, in the e-mail and in the decision letter."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    internal_comment = _internal_comment()

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.APPROVE and data.get("amount") is None:
            self.add_error("amount", _("Enter the amount granted, above zero."))
        return data


class SignForm(forms.Form):
    signed_on = forms.DateField(
        label=_("Date the agreement was signed"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
