"""Remember which page serves which URL, so a page view skips Wagtail's tree walk.

Wagtail's serve view looks up the site, then walks the page tree from the site's root, and
keeps the result on `request._wagtail_route_for_request`. This middleware fills that in from
the cache, and the page itself from a pickled copy: no query instead of the site lookup and the
walk. The cached routes and pages are forgotten whenever a page is published, unpublished,
moved or deleted, or a site changes (the content version is part of the key).
"""

import pickle

from django.contrib.contenttypes.models import ContentType

from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from . import versioned_cache
from .content_version import content_version

ROUTE_TIMEOUT = 60 * 60


def _key(request) -> str:
    return f"home:route:{content_version()}:{request.get_host()}:{request.path}"


def _live_page(page_id: int, content_type_id: int):
    """The live page, from a pickled copy cached per content version (a fresh object for each
    request, so nothing one request sets on it reaches another), else from the database."""
    key = f"home:page:{content_version()}:{page_id}"
    data = versioned_cache.get(key)
    if data is not None:
        return pickle.loads(data)  # noqa: S301 - our own cache, which Django pickles into anyway
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.filter(pk=page_id, live=True).first()
    if page is not None:
        versioned_cache.set(key, pickle.dumps(page), ROUTE_TIMEOUT)
    return page


class CachedPageRouteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        key = _key(request)
        hit = versioned_cache.get(key)
        if hit is not None:
            page = _live_page(*hit)
            if page is not None:
                request._wagtail_route_for_request = RouteResult(page, (), {})
                return None
        request._dropin_route_key = key
        return None

    def process_template_response(self, request, response):
        self._remember(request)
        return response

    @staticmethod
    def _remember(request) -> None:
        key = getattr(request, "_dropin_route_key", None)
        route = getattr(request, "_wagtail_route_for_request", None)
        if key and route is not None:
            page, args, kwargs = route
            if not args and not kwargs:  # a plain page, not a sub-route of a routable page
                versioned_cache.set(key, (page.pk, page.content_type_id), ROUTE_TIMEOUT)
