"""Forms of the application's steps: they check the input's shape; the services decide
(amounts, the cap, the ceiling, whether the application may still change)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DATE_WIDGET = {"type": "date"}
# A long text field: a few pages, no more.
PROJECT_FIELDS_MAX = 10000


def _money_field(label, *, required=True):
    return forms.DecimalField(
        label=label,
        required=required,
        max_digits=12,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter an amount."),
            "invalid": _("Enter an amount in euros, such as 1250.50."),
        },
    )


class VersionedForm(forms.Form):
    """Every step's form carries the version of the application it was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class StartForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your organisations.")},
    )
    title = forms.CharField(
        label=_("Project title"),
        max_length=200,
        error_messages={"required": _("Give your project a title.")},
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class ProjectForm(VersionedForm):
    title = forms.CharField(
        label=_("Project title"),
        max_length=200,
        error_messages={"required": _("Give your project a title.")},
    )
    summary = forms.CharField(
        label=pgettext_lazy("grant project", "Summary"),
        required=False,
        max_length=PROJECT_FIELDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the project is, in a few sentences."),
    )
    objectives = forms.CharField(
        label=_("Objectives"),
        required=False,
        max_length=PROJECT_FIELDS_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    expected_results = forms.CharField(
        label=_("Expected results"),
        required=False,
        max_length=PROJECT_FIELDS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    starts_on = forms.DateField(
        label=_("Project start"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2026-03-31.")},
    )
    ends_on = forms.DateField(
        label=_("Project end"),
        required=False,
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={"invalid": _("Enter a date such as 2026-03-31.")},
    )


class ActionsForm(VersionedForm):
    actions = forms.TypedMultipleChoiceField(
        label=_("Plan actions the project funds"),
        required=False,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Choose actions of your organisation's plan.")},
    )

    def __init__(self, *args, groups, **kwargs):
        """`groups`: [(group label, [(action id, title), …]), …]."""
        super().__init__(*args, **kwargs)
        self.fields["actions"].choices = groups


class BudgetLineForm(forms.Form):
    category = forms.TypedChoiceField(
        label=_("Category"),
        coerce=int,
        error_messages={"required": _("Choose a category.")},
    )
    description = forms.CharField(
        label=_("Description"),
        max_length=300,
        error_messages={"required": _("Say what this line pays for.")},
    )
    supplier = forms.CharField(label=_("Supplier"), max_length=200, required=False)
    amount_excl_vat = _money_field(_("Amount excl. VAT"))
    vat = _money_field(pgettext_lazy("budget line", "VAT"), required=False)
    vat_recoverable = forms.BooleanField(label=_("VAT recoverable"), required=False)
    action = forms.TypedChoiceField(
        label=_("Plan action"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, categories=(), actions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "—"), *categories]
        self.fields["action"].choices = [("", "—"), *actions]
        self.fields["amount_excl_vat"].widget.attrs["data-budget"] = "amount"
        self.fields["vat"].widget.attrs["data-budget"] = "vat"
        self.fields["vat_recoverable"].widget.attrs["data-budget"] = "recoverable"
        self.fields["category"].widget.attrs["data-budget"] = "category"
        if not actions:
            self.fields["action"].widget = forms.HiddenInput()


class BaseBudgetFormSet(forms.BaseFormSet):
    def __init__(self, *args, categories=(), actions=(), **kwargs):
        self.categories, self.actions = categories, actions
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {"categories": self.categories, "actions": self.actions}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id,
            prefix=self.add_prefix("__prefix__"),
            empty_permitted=True,
            use_required_attribute=False,
            categories=self.categories,
            actions=self.actions,
        )
        self.add_fields(form, None)
        return form


BudgetFormSet = forms.formset_factory(
    BudgetLineForm, formset=BaseBudgetFormSet, extra=0, can_delete=True, max_num=200
)


class BudgetForm(VersionedForm):
    requested_amount = _money_field(_("Amount requested"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["requested_amount"].help_text = _(
            "Leave it empty to request the most the rules allow."
        )


class DocumentForm(VersionedForm):
    document_type = forms.TypedChoiceField(
        label=_("Document type"), coerce=int, required=False, empty_value=None
    )
    file = forms.FileField(label=_("File"), required=False)

    def __init__(self, *args, document_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = document_types or [("", _("Other document"))]


class AidForm(forms.Form):
    granting_body = forms.CharField(
        label=_("Granting body"),
        max_length=200,
        error_messages={"required": _("Name the body that granted it.")},
    )
    description = forms.CharField(label=_("Purpose"), max_length=300, required=False)
    granted_on = forms.DateField(
        label=_("Granted on"),
        widget=forms.DateInput(attrs=DATE_WIDGET, format="%Y-%m-%d"),
        error_messages={
            "required": _("Enter the date it was granted."),
            "invalid": _("Enter a date such as 2026-03-31."),
        },
    )
    amount = _money_field(_("Amount"))


AidFormSet = forms.formset_factory(AidForm, extra=0, can_delete=True, max_num=100)


class DeMinimisForm(VersionedForm):
    no_aid = forms.BooleanField(
        label=_("No de minimis aid received from another body in the last three years"),
        required=False,
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SubmitForm(forms.Form):
    comment = forms.CharField(
        label=_("A word for the agency (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(forms.Form):
    response = forms.CharField(
        label=_("Your answer"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write your answer to the agency's request.")},
    )
    file = forms.FileField(label=_("A document with your answer (optional)"), required=False)
    document_type = forms.TypedChoiceField(
        label=_("Document type"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, document_types=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["document_type"].choices = document_types or [("", _("Other document"))]


def clean_aids(formset, no_aid: bool) -> list[dict]:
    """The aid lines given (deleted and empty ones aside); with the tick, none may be."""
    aids = [
        form.cleaned_data
        for form in formset.forms
        # An unchanged extra form is left empty by the formset; an initial one is kept.
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]
    if no_aid and aids:
        raise ValidationError(
            _("You ticked “no de minimis aid received” but listed aid: do one or the other.")
        )
    if not no_aid and not aids:
        raise ValidationError(
            _(
                "List the de minimis aid received in the last three years, "
                "or tick that there was none."
            )
        )
    return aids
