"""Settings shared by every environment.

Everything secret or specific to a deployment is read from environment variables;
`.env.example` and the README list them.
"""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Project apps. `home` is the shared base: the others may import from it, never the reverse.
    "accounts",
    "home",
    "organisations",
    "assignments",
    "team",
    "reports",
    "invitations",
    "reminders",
    "training",
    "lessons",
    "quizzes",
    "certificates",
    "records",
    "curriculum",
    "demo",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "embed_video",
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "home.content_version.ContentVersionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "home.routing.CachedPageRouteMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "organisations.context_processors.viewer",
            ],
        },
    },
]

# Database: SQLite by default; PostgreSQL (or any database) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Wait for a lock instead of failing at once when two requests write together,
    # and use WAL so readers never block the writer.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Caching: Redis when REDIS_URL is set; otherwise files on this machine, which every worker
# process shares (a cache private to each process would let workers disagree about sessions
# and about which version of a course outline is current).
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "home.cache_backends.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "dropin"),
            "TIMEOUT": 60 * 60 * 24,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": os.environ.get("DJANGO_CACHE_DIR", str(BASE_DIR / ".cache")),
            "TIMEOUT": 60 * 60 * 24,
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["accounts.backends.CachedModelBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "training:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
WAGTAIL_FRONTEND_LOGIN_URL = "/accounts/login/"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Compressed files with hashed names, so browsers may cache them for ever.
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Media files are served by our own view (home.views.media), which answers byte-range
# requests so that a trainee can seek in a self-hosted video.
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", True)

EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Drop-In <training@example.org>")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)

CSRF_FAILURE_VIEW = "home.views.errors.csrf_failure"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "Drop-In Training")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "mp4", "odt", "pdf", "pptx", "rtf", "txt", "vtt", "webm", "xlsx"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 200 * 1024 * 1024
# Documents are served straight from media storage (by the range-aware media view, or by
# the web server or object store in front of it), so videos can be seeked.
WAGTAILDOCS_SERVE_METHOD = "direct"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "home.forms.DocumentForm"
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Joining: invitations and shareable links expire; open sign-up is off unless switched on.
INVITATION_DAYS = int(os.environ.get("DJANGO_INVITATION_DAYS", "14"))
INVITE_LINK_DAYS = int(os.environ.get("DJANGO_INVITE_LINK_DAYS", "30"))
ALLOW_SELF_REGISTRATION = env_bool("DJANGO_ALLOW_SELF_REGISTRATION", False)

# Background tasks (django-tasks): stored in the database and run by `manage.py db_worker`,
# which `make run` starts next to the web server. Wagtail's own search-index and
# reference-index updates go through the same queue.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Reminder emails (see reminders/): one a few days before a suggested date, one a few days
# after it, and a weekly summary to each clinic manager about their own staff.
REMINDER_DAYS_BEFORE = int(os.environ.get("DJANGO_REMINDER_DAYS_BEFORE", "3"))
REMINDER_DAYS_AFTER = int(os.environ.get("DJANGO_REMINDER_DAYS_AFTER", "2"))
# The day of the week the managers' summary goes out: 0 is Monday, 6 is Sunday.
REMINDER_DIGEST_WEEKDAY = int(os.environ.get("DJANGO_REMINDER_DIGEST_WEEKDAY", "0"))

# Learning
# Seconds of video a trainee's browser may report as watched per second of wall-clock time
# (allows playback at up to 2x speed); anything faster is a seek and does not count.
TRAINING_MAX_PLAYBACK_RATE = 2.0
TRAINING_HEARTBEAT_GRACE_SECONDS = 5.0
TRAINING_MAX_VIDEO_SECONDS = 6 * 60 * 60

# Certificates
# Days before a certificate expires that its holder is reminded (and from which retaking the
# course renews it); days after expiry that a course assigned again is due.
CERTIFICATE_REMINDER_DAYS = int(os.environ.get("DJANGO_CERTIFICATE_REMINDER_DAYS", "30"))
CERTIFICATE_REASSIGN_DUE_DAYS = int(os.environ.get("DJANGO_CERTIFICATE_REASSIGN_DUE_DAYS", "30"))
# Lookups a minute one address may make on the public verification page.
CERTIFICATE_VERIFY_PER_MINUTE = int(os.environ.get("DJANGO_CERTIFICATE_VERIFY_PER_MINUTE", "20"))
# A TrueType font for names and titles the standard PDF fonts cannot draw (non-Western scripts).
CERTIFICATE_UNICODE_FONT = os.environ.get(
    "DJANGO_CERTIFICATE_UNICODE_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
)
# Behind a proxy, the request header (as in request.META) holding the visitor's address, e.g.
# HTTP_X_REAL_IP; used to rate-limit per visitor. Empty: REMOTE_ADDR.
CLIENT_IP_HEADER = os.environ.get("DJANGO_CLIENT_IP_HEADER", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # Wagtail runs search-index and reference-index updates as tasks: one log line each.
    "loggers": {"django_tasks": {"level": "WARNING"}, "wagtail": {"level": "WARNING"}},
}

# django-embed-video: only the providers a lesson may embed. Thumbnails and oEmbed data are
# never fetched while serving a page (see lessons.blocks.EmbeddedVideoBlock).
EMBED_VIDEO_BACKENDS = (
    "embed_video.backends.YoutubeBackend",
    "embed_video.backends.VimeoBackend",
)

# Sessions are read from the cache and written through to the database.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
