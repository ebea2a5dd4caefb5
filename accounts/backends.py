"""Sign-in by email, with the signed-in person kept in the shared cache between requests.

Every page view asks who is signed in. Django's model backend answers with a query each time;
this one keeps the answer in the cache (Redis in production) and forgets it whenever the
person's row is saved or deleted (accounts.caching). Changes made with a queryset `update()`
bypass those signals: call `user_cache_forget` after one.
"""

from django.contrib.auth.backends import ModelBackend

from .caching import user_cache_get, user_cache_set


class CachedModelBackend(ModelBackend):
    def get_user(self, user_id):
        user = user_cache_get(user_id)
        if user is None:
            user = super().get_user(user_id)  # None for an unknown or deactivated account
            if user is not None:
                user_cache_set(user)
        return user
