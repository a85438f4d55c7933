import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from digitalees.bilingual import localised
from digitalees.money import euros as _euros

register = template.Library()


@register.filter
def tr(obj, name):
    """{{ question|tr:"text" }}: the field in the reader's language."""
    return localised(obj, name)


@register.filter
def euros(value):
    """{{ amount|euros }}: an amount in euros, with the reader's separators."""
    return _euros(value)


@register.filter
def score(value):
    """A 0–100 score as shown to people: a whole number, or a dash when there is none."""
    return "—" if value is None else f"{value:.0f}"


@register.filter
def signed(value):
    if value is None:
        return "—"
    return f"{value:+.0f}" if round(value) else "0"


@register.filter
def datetime_attr(value):
    """A moment for <time datetime="…">: ISO 8601 to the second, in the site's time zone
    ("2025-04-01T01:30:00+02:00"); `date:"c"` would add microseconds, which the HTML
    validator refuses."""
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.simple_block_tag
def scroll_region(content, label):
    """{% scroll_region _("Members") %}<table>…</table>{% endscroll_region %}: the one wrapper
    of every table that may scroll sideways on a phone. Focusable and named, so that keyboard
    users can scroll it (axe: scrollable-region-focusable) and screen readers announce it."""
    return format_html(
        '<div class="table-scroll" tabindex="0" role="region" aria-label="{}">{}</div>',
        label,
        content,
    )
