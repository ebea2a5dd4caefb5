"""Django's Redis cache, keeping one client object per connection pool.

Django's client builds a new `redis.Redis` object for every cache call; on a page view that
makes several calls, building them costs more than the round trips. A `redis.Redis` object is
safe to share between threads and survives forks (its pool checks the process id), so one per
pool is enough.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
