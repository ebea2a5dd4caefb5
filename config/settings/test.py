"""Tests: fast and honest. Real databases (SQLite, or PostgreSQL through DATABASE_URL)."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    **STORAGES,  # noqa: F405
    # No manifest needed in tests: collectstatic is not run for them.
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:  # noqa: F405
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# Tasks run at once, in the process that enqueues them (tests/reminders/test_worker.py also runs
# them through the database backend and its worker).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Browser tests share the database with a live server thread; SQLite's shared in-memory
# database locks tables across those connections, so they use a file instead.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" and os.environ.get("TEST_SQLITE_FILE"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_SQLITE_FILE"]}  # noqa: F405

# Most tests build page trees; indexing every saved page for search would double their cost.
# The search tests index what they search (tests/lessons/test_pages.py).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database", "AUTO_UPDATE": False}}
