from django.contrib.auth.views import redirect_to_login
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageViewRestriction

from . import versioned_cache
from .content_version import content_version


class LoginRequiredMixin:
    """Pages that only signed-in people may see. Anonymous visitors go to the log-in page
    and come back to this page afterwards.

    Previews in the admin are already behind the admin's own log-in.
    """

    def serve(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return super().serve(request, *args, **kwargs)

    def get_view_restrictions(self):
        # Wagtail checks privacy settings on every page view with two queries. Most sites set
        # none; while none exist anywhere, answer without asking the database.
        if not any_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def any_view_restrictions() -> bool:
    """Whether any page has privacy settings (cached until pages or restrictions change)."""
    key = f"home:any-view-restrictions:{content_version()}"
    found = versioned_cache.get(key)
    if found is None:
        found = PageViewRestriction.objects.exists()
        versioned_cache.set(key, found, 60 * 60)
    return found


class DirectRoutingMixin:
    """Find a page below this one by its full URL path in one query.

    Wagtail's default routing asks the database for each level of the tree (and again for
    each page's specific type); a lesson five levels down cost ten queries before it was
    served. If no live page has exactly this path, the default routing runs, so pages with
    their own sub-routes still work.
    """

    def route(self, request, path_components):
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            page = Page.objects.live().filter(url_path=url_path).first()
            if page is not None:
                return page.specific.route(request, [])
        return super().route(request, path_components)


class HomePage(DirectRoutingMixin, Page):
    """The front page of the site: a welcome and a way into the courses."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    cta_label = models.CharField(_("button label"), max_length=80, default=_("Start learning"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("cta_label")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["lessons.CourseIndexPage"]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
