from django.utils.functional import SimpleLazyObject

from . import scoping


def viewer(request):
    """`viewer` in templates (the header's "Team" link). Lazy: it costs nothing unless a
    template reads it, and the page has usually worked it out already."""
    return {"viewer": SimpleLazyObject(lambda: scoping.viewer_for(user=request.user))}
