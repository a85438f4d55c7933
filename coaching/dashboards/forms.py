from django import forms
from django.utils.translation import gettext_lazy as _

from .selectors import ORDERINGS


class OrderForm(forms.Form):
    """How a dashboard's enterprises are ordered (what needs attention first, by default)."""

    order = forms.ChoiceField(
        label=_("Order by"),
        choices=[(key, label) for key, (label, _key) in ORDERINGS.items()],
        required=False,
        error_messages={"invalid_choice": _("Choose an order from the list.")},
    )

    def ordering(self) -> str:
        if self.is_valid() and self.cleaned_data["order"]:
            return self.cleaned_data["order"]
        return "attention"
