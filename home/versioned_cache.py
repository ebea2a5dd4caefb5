"""A cache for values that never change under their key.

Keys here carry the content version (home.content_version) or a page's revision and publish
time, so an entry is never stale, only unused. Each process keeps the most recently used
entries in memory in front of the shared cache (Redis in production): a page view reads its
route, outline and lesson body without a round trip. Values are shared between requests, so
callers must treat them as read-only (they are tuples, strings and frozen dataclasses).
"""

import threading
from collections import OrderedDict

from django.core.cache import cache

MAX_LOCAL_ENTRIES = 1000

_local: OrderedDict[str, object] = OrderedDict()
_lock = threading.Lock()
_MISSING = object()


def _remember(key: str, value) -> None:
    with _lock:
        _local[key] = value
        _local.move_to_end(key)
        while len(_local) > MAX_LOCAL_ENTRIES:
            _local.popitem(last=False)


def _local_get(key: str):
    with _lock:
        value = _local.get(key, _MISSING)
        if value is not _MISSING:
            _local.move_to_end(key)
        return value


def get(key: str, default=None):
    value = _local_get(key)
    if value is not _MISSING:
        return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        return default
    _remember(key, value)
    return value


def get_many(keys: list[str]) -> dict:
    found = {}
    for key in keys:
        value = _local_get(key)
        if value is not _MISSING:
            found[key] = value
    missing = [key for key in keys if key not in found]
    if missing:
        shared = cache.get_many(missing)
        for key, value in shared.items():
            _remember(key, value)
        found.update(shared)
    return found


def set(key: str, value, timeout: int | None) -> None:  # noqa: A001 - mirrors the cache API
    cache.set(key, value, timeout)
    _remember(key, value)


def set_many(mapping: dict, timeout: int | None) -> None:
    cache.set_many(mapping, timeout)
    for key, value in mapping.items():
        _remember(key, value)


def clear_local() -> None:
    with _lock:
        _local.clear()
