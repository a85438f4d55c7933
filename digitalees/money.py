"""Amounts in euros as people read them: "1 234,56 €" in French, "€1,234.56" in English."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def euros(value: Decimal | int | float | None) -> str:
    if value is None:
        return "—"
    amount = number_format(value, decimal_pos=2, force_grouping=True)
    # Translators: an amount of money; "%(amount)s" is the number, with its separators.
    return _("€%(amount)s") % {"amount": amount}
