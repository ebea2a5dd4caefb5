"""One number that changes whenever the published page tree changes.

Caches of things derived from the tree (course outlines, page routes, whether any page is
restricted) put it in their keys, so a publish, unpublish, move or delete makes them all
stale at once. It lives in the shared cache, so every worker process sees the same number.

A request reads it from the shared cache once (ContentVersionMiddleware keeps it for the rest
of the request). A new number starts from the clock, not from 1, so that after the shared
cache is emptied (a Redis restart) no number from before can come back: the entries each
process keeps in memory (home.versioned_cache) can never be mistaken for current ones.
"""

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

KEY = "home:content-version"

# The number this request has read; None outside a request (then every call asks the cache).
_request_version: ContextVar[int | None] = ContextVar("dropin_content_version", default=None)


def _fresh() -> int:
    return time.time_ns() // 1000


def content_version() -> int:
    version = _request_version.get()
    if version is not None:
        return version
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, _fresh(), timeout=None)
        version = cache.get(KEY) or _fresh()
    return version


def content_changed() -> None:
    """Bump the version now and, inside a transaction, again when it commits: a request in
    another process may cache what it read before the commit under the first new number."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump() -> None:
    try:
        version = cache.incr(KEY)
    except ValueError:  # not in the cache (evicted, or a new cache)
        version = _fresh()
        cache.set(KEY, version, timeout=None)
    if _request_version.get() is not None:
        _request_version.set(version)


class ContentVersionMiddleware:
    """Read the content version once per request, however many caches ask for it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _request_version.set(None)
        token = _request_version.set(content_version())
        try:
            return self.get_response(request)
        finally:
            _request_version.reset(token)
