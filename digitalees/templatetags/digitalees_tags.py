from django import template

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
def signed(value):
    if value is None:
        return "—"
    return f"{value:+.0f}" if round(value) else "0"
