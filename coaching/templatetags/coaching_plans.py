"""Template filters of the plan's pages."""

from django import template

register = template.Library()


@register.filter
def dimension_title(code, titles):
    """{{ action.dimension_code|dimension_title:dimensions }}: the dimension's title in the
    reader's language (`dimensions` from selectors.dimension_titles), its code if unknown."""
    if not code:
        return ""
    return titles.get(code, code)
