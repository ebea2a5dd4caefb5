"""Caches of things derived from the page tree: a per-process layer in front of the shared
cache, safe because every key carries the content version (or a page's publish time)."""

from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from home import content_version as cv
from home import versioned_cache


def test_the_process_keeps_an_entry_so_a_read_needs_no_round_trip():
    versioned_cache.set("k:1", ("page", 3), 60)
    cache.delete("k:1")  # gone from the shared cache
    assert versioned_cache.get("k:1") == ("page", 3)


def test_another_process_finds_the_entry_in_the_shared_cache():
    versioned_cache.set("k:2", "html", 60)
    versioned_cache.clear_local()  # as a fresh worker process
    assert versioned_cache.get("k:2") == "html"
    assert versioned_cache.get_many(["k:2", "k:missing"]) == {"k:2": "html"}


def test_the_process_layer_keeps_only_the_most_recent_entries(monkeypatch):
    monkeypatch.setattr(versioned_cache, "MAX_LOCAL_ENTRIES", 3)
    for n in range(5):
        versioned_cache.set(f"lru:{n}", n, 60)
    cache.clear()
    assert [versioned_cache.get(f"lru:{n}") for n in range(5)] == [None, None, 2, 3, 4]


def test_a_new_version_after_the_shared_cache_is_emptied_never_repeats_an_old_one():
    before = cv.content_version()
    cv.content_changed()
    bumped = cv.content_version()
    cache.clear()  # a Redis restart: the number is lost
    assert cv.content_version() > bumped > before


def test_a_request_reads_the_version_once_and_sees_its_own_changes():
    seen = []

    def view(request):
        seen.append(cv.content_version())
        cache.incr(cv.KEY)  # another process publishes meanwhile
        seen.append(cv.content_version())  # this request keeps the number it started with
        cv.content_changed()  # this request publishes
        seen.append(cv.content_version())
        return HttpResponse()

    start = cv.content_version()
    cv.ContentVersionMiddleware(view)(RequestFactory().get("/"))
    assert seen[0] == seen[1] == start
    assert seen[2] == start + 2
    assert cv.content_version() == start + 2  # outside a request: the shared number
