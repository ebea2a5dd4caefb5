"""The Redis cache the site uses in production, against the real Redis server."""

import os

import pytest
import redis

from home.cache_backends import RedisCache

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/13")


@pytest.fixture
def redis_cache():
    backend = RedisCache(REDIS_URL, {"KEY_PREFIX": "dropin-test-backend"})
    try:
        backend.get("ping")
    except redis.exceptions.ConnectionError:
        pytest.fail(f"Redis is not reachable at {REDIS_URL}")
    yield backend
    backend.delete_many(["a", "b", "n"])


def test_one_client_object_serves_every_call(redis_cache):
    client = redis_cache._cache.get_client()
    assert redis_cache._cache.get_client("other-key") is client
    assert redis_cache._cache.get_client(write=True) is client  # one server: one pool


def test_values_round_trip_through_redis(redis_cache):
    redis_cache.set("a", {"page": 3}, 30)
    redis_cache.set_many({"b": (1, 2)}, 30)
    assert redis_cache.get("a") == {"page": 3}
    assert redis_cache.get_many(["a", "b"]) == {"a": {"page": 3}, "b": (1, 2)}
    redis_cache.set("n", 1, 30)
    assert redis_cache.incr("n") == 2
