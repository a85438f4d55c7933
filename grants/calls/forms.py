"""The agency's forms on calls and their criteria: they validate input; the services
decide (grants.services.call_check, grants.calls.services.criteria_save)."""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from ..models import Call, CostCategory, Criterion, DocumentType
from .services import MAX_WEIGHT, MIN_WEIGHT

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
AMOUNT_LIMIT = Decimal("100000000.00")


class BilingualChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj) -> str:
        return obj.tr("name")


class CallForm(forms.ModelForm):
    categories = BilingualChoiceField(
        label=_("Eligible cost categories"),
        queryset=CostCategory.objects.none(),
        required=False,
        help_text=_("What the grant may pay for. Choose at least one before you publish."),
    )
    required_documents = BilingualChoiceField(
        label=_("Documents required"), queryset=DocumentType.objects.none(), required=False
    )

    class Meta:
        model = Call
        fields = [
            "title_fr",
            "title_en",
            "summary_fr",
            "summary_en",
            "eligibility_fr",
            "eligibility_en",
            "opens_at",
            "deadline",
            "envelope",
            "max_grant",
            "cofinancing_rate",
            "advance_rate",
            "screening_days",
        ]
        widgets = {
            "summary_fr": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
            "eligibility_fr": forms.Textarea(attrs={"rows": 3}),
            "eligibility_en": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DATETIME,
            "deadline": DATETIME,
        }
        help_texts = {
            "opens_at": _("Brussels time."),
            "deadline": _("Brussels time. Applications close automatically at this moment."),
            "envelope": _("The call's total budget, in euros."),
            "max_grant": _("In euros; at most the envelope."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["categories"].queryset = CostCategory.objects.all()
        self.fields["required_documents"].queryset = DocumentType.objects.all()
        if self.instance.pk:
            self.initial["categories"] = list(self.instance.categories.all())
            self.initial["required_documents"] = list(self.instance.required_documents.all())
        for name in ("opens_at", "deadline"):
            self.fields[name].widget.format = "%Y-%m-%dT%H:%M"
        # What the database's constraints refuse, said by the form at the field.
        for name, least, most in (
            ("envelope", Decimal("0.01"), AMOUNT_LIMIT),
            ("max_grant", Decimal("0.01"), AMOUNT_LIMIT),
            ("cofinancing_rate", Decimal("1"), Decimal("100")),
            ("advance_rate", Decimal("0"), Decimal("100")),
            ("screening_days", 1, 365),
        ):
            field = self.fields[name]
            field.validators += [MinValueValidator(least), MaxValueValidator(most)]
            field.widget.attrs.update(min=least, max=most)

    def _post_clean(self):
        # The call is checked as a whole by the service (call_check), which the view calls;
        # the model's own validation would repeat it less clearly.
        pass

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data["categories"] = list(data["categories"])
        data["required_documents"] = list(data["required_documents"])
        return data


class CriterionForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=MIN_WEIGHT,
        max_value=MAX_WEIGHT,
        help_text=_("From 1 to 100: its share in the weighted total."),
    )

    class Meta:
        model = Criterion
        fields = ["title_fr", "title_en", "description_fr", "description_en", "weight"]
        widgets = {
            "description_fr": forms.Textarea(attrs={"rows": 2}),
            "description_en": forms.Textarea(attrs={"rows": 2}),
        }

    def _post_clean(self):
        pass


CriterionFormSet = forms.formset_factory(
    CriterionForm,
    extra=1,
    can_delete=True,
    can_order=True,
    max_num=30,
    validate_max=True,
)
