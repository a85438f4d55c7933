"""Forms of payments and the final report: they check the input's shape; the services
(grants.services, grants.payments.services) decide what may be written."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ..models import Payment

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_ERRORS = {
    "required": _("Enter the date."),
    "invalid": _("Enter a date such as 2026-03-31."),
}
AMOUNT_ERRORS = {
    "required": _("Enter the amount."),
    "invalid": _("Enter an amount in euros, such as 1250.50."),
    "max_digits": _("This amount is too large."),
    "max_whole_digits": _("This amount is too large."),
    "max_decimal_places": _("An amount has at most two decimals (cents)."),
}


def _amount(label, **kwargs):
    # No minimum here: the service says why an amount is refused.
    return forms.DecimalField(
        label=label,
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages=AMOUNT_ERRORS,
        **kwargs,
    )


class VersionField(forms.IntegerField):
    """The version of the report the form was read at (a stale one changes nothing)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)


class PaymentForm(forms.Form):
    kind = forms.ChoiceField(
        label=pgettext_lazy("grant money", "Tranche"),
        choices=Payment.Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the tranche.")},
    )
    amount = _amount(_("Amount paid (€)"))
    paid_on = forms.DateField(label=_("Paid on"), widget=DATE_INPUT, error_messages=DATE_ERRORS)
    reference = forms.CharField(
        label=_("Payment reference"),
        max_length=100,
        help_text=_("The bank transfer's reference, as the accounts know it."),
        error_messages={"required": _("Enter the payment's reference.")},
    )


class FinalReportForm(forms.Form):
    achievements = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10000,
        help_text=_("What the grant paid for, what is in place now, and what it changed."),
        error_messages={"required": _("Describe what was done.")},
    )
    completed_actions = forms.ModelMultipleChoiceField(
        label=_("Plan actions completed"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick the actions of your plan that this project completed."),
    )
    version = VersionField()

    def __init__(self, *args, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completed_actions"].queryset = actions
        if not actions.exists():
            del self.fields["completed_actions"]


class CategoryChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, funded: set[int], **kwargs):
        self.funded = funded
        super().__init__(*args, **kwargs)

    def label_from_instance(self, category):
        if category.pk in self.funded:
            return str(category)
        return _("%(name)s (not funded by this call)") % {"name": category}


class BudgetLineChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, line):
        return f"{line.category} — {line.description}"


class ExpenseForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Category"),
        queryset=None,
        funded=set(),
        error_messages={
            "required": _("Choose a category."),
            "invalid_choice": _("Choose a category."),
        },
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        error_messages={"required": _("Say what this expense paid for.")},
    )
    supplier = forms.CharField(
        label=_("Supplier"), max_length=200, error_messages={"required": _("Enter the supplier.")}
    )
    invoice_number = forms.CharField(
        label=_("Invoice number"),
        max_length=100,
        error_messages={"required": _("Enter the invoice's number.")},
    )
    invoice_date = forms.DateField(
        label=_("Invoice date"), widget=DATE_INPUT, error_messages=DATE_ERRORS
    )
    amount_excl_vat = _amount(_("Amount excl. VAT (€)"))
    vat = _amount(_("VAT (€)"), initial=0)
    vat_recoverable = forms.BooleanField(
        label=_("VAT recoverable"),
        required=False,
        help_text=_("Tick it if your organisation recovers this VAT: it is then not counted."),
    )
    budget_line = BudgetLineChoiceField(
        label=_("Budget line it matches"),
        queryset=None,
        required=False,
        empty_label=_("None of them"),
        error_messages={"invalid_choice": _("Choose a line of this application's budget.")},
    )
    invoice = forms.FileField(
        label=_("Invoice"), error_messages={"required": _("Choose the invoice's file.")}
    )
    proof_of_payment = forms.FileField(
        label=_("Proof of payment"),
        help_text=_("A bank statement or a receipt showing the invoice was paid."),
        error_messages={"required": _("Choose the proof of payment's file.")},
    )

    def __init__(self, *args, categories, funded: set[int], budget_lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = categories
        self.fields["category"].funded = funded
        self.fields["budget_line"].queryset = budget_lines

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        category = data.pop("category")
        line = data.pop("budget_line")
        data.pop("invoice")
        data.pop("proof_of_payment")
        return {
            **data,
            "category_id": category.pk,
            "budget_line_id": line.pk if line else None,
        }


class ExpenseCheckForm(forms.Form):
    decision = forms.ChoiceField(
        label=pgettext_lazy("an expense checked", "Check"),
        choices=[("accept", _("Accept")), ("refuse", _("Refuse"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Accept or refuse the expense.")},
    )
    comment = forms.CharField(
        label=_("Reason"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to refuse: the applicant reads it."),
    )


class SendBackForm(forms.Form):
    message = forms.CharField(
        label=_("What is missing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say what is missing from the report.")},
        help_text=_("The applicant reads it in an e-mail and on the timeline."),
    )
