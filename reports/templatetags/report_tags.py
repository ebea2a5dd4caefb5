from django import template
from django.utils.http import urlencode

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """This page's query string with some parameters changed (None or "" removes one)."""
    params = context["request"].GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value not in (None, ""):
            params[name] = value
    pairs = [(name, value) for name, values in params.lists() for value in values]
    return "?" + urlencode(pairs) if pairs else "?"


@register.simple_tag
def sort_link(column, filters) -> dict:
    """The sort a column heading offers: ascending first, then the reverse; and its state."""
    current = filters.sort == column.sort
    descending = current and not filters.descending
    return {
        "param": ("-" if descending else "") + column.sort,
        "aria": ("descending" if filters.descending else "ascending") if current else "",
    }
