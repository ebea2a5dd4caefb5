"""The cached copy of each signed-in person (see accounts.backends)."""

from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save

TIMEOUT = 10 * 60  # a safety net: saves and deletes forget the copy at once


def _key(user_id) -> str:
    return f"accounts:user:{user_id}"


def user_cache_get(user_id):
    return cache.get(_key(user_id))


def user_cache_set(user) -> None:
    cache.set(_key(user.pk), user, TIMEOUT)


def user_cache_forget(user_id) -> None:
    """Forget now and again when the transaction commits: another request could otherwise
    cache the row as it was before the commit."""
    cache.delete(_key(user_id))
    transaction.on_commit(lambda: cache.delete(_key(user_id)))


def _on_change(sender, instance, **kwargs):
    user_cache_forget(instance.pk)


def connect() -> None:
    User = get_user_model()
    post_save.connect(_on_change, sender=User, dispatch_uid="accounts-user-cache-saved")
    post_delete.connect(_on_change, sender=User, dispatch_uid="accounts-user-cache-deleted")
