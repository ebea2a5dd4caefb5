"""One number that changes whenever the published page tree changes.

Caches of things derived from the tree (course outlines, page routes, whether any page is
restricted) put it in their keys, so a publish, unpublish, move or delete makes them all
stale at once. It lives in the shared cache, so every worker process sees the same number.
"""

from django.core.cache import cache
from django.db import transaction

KEY = "home:content-version"


def content_version() -> int:
    version = cache.get(KEY)
    if version is None:
        cache.add(KEY, 1, timeout=None)
        version = cache.get(KEY, 1)
    return version


def content_changed() -> None:
    """Bump the version now and, inside a transaction, again when it commits: a request in
    another process may cache what it read before the commit under the first new number."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:  # not in the cache (evicted, or a new cache)
        cache.set(KEY, 2, timeout=None)
