from django import template
from django.utils.formats import get_format
from django.utils.html import format_html_join

from digitalees.bilingual import localised

register = template.Library()


@register.filter
def tr(obj, name):
    """{{ question|tr:"text" }}: the field in the reader's language."""
    return localised(obj, name)


@register.filter
def score(value):
    """A 0–100 score as shown to people: a whole number, or a dash when there is none."""
    return "—" if value is None else f"{value:.0f}"


@register.filter
def one_decimal(value, separator=None):
    """A score with one decimal in the reader's notation (62,5 in French), or a dash when
    there is none: floatformat's work without its Decimal arithmetic, for long tables."""
    if value is None:
        return "—"
    return f"{value:.1f}".replace(".", separator or get_format("DECIMAL_SEPARATOR"))


@register.filter
def signed(value):
    if value is None:
        return "—"
    return f"{value:+.0f}" if round(value) else "0"


@register.filter
def select_options(bound_field):
    """{{ form.sector|select_options }}: a choice field's <option> elements, the current value
    selected, written in one pass (Django's Select widget renders each option through a
    template of its own, which costs more than the rest of a long list page)."""
    current = bound_field.value()
    current = "" if current is None else str(current)
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        (
            (value, " selected" if str(value) == current else "", label)
            for value, label in bound_field.field.choices
        ),
    )
