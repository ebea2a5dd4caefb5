from django.conf import settings
from django.urls import include, path, re_path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.views.media import serve_media
from home.views.search import search

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("invitations.urls")),
    path("", include("reminders.urls")),
    path("accounts/", include("accounts.urls")),
    path("search/", search, name="search"),
    path("quizzes/", include("quizzes.urls")),
    path("", include("records.urls")),  # before team: its manager page sits under /manage/
    path("manage/reports/", include("reports.urls")),
    path("manage/", include("team.urls")),
    path("", include("certificates.urls")),
    path("", include("training.urls")),
]

if settings.SERVE_MEDIA:
    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_media, name="media")]

urlpatterns += [path("", include(wagtail_urls))]
