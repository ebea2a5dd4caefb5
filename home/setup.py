"""Setting up the site's root: the home page that every site starts from."""

from django.db import transaction
from django.utils.translation import gettext as _

from wagtail.models import Page, Site

from .models import HomePage


@transaction.atomic
def site_ensure_home_page(*, title: str | None = None, hostname: str = "localhost", port: int = 80) -> HomePage:
    """Return the site's HomePage, creating it and pointing the default site at it when needed.

    Wagtail's first migration makes a plain "Welcome" page as the site root; it is replaced
    (and removed, if nothing was built below it).
    """
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific
    placeholder = None
    existing = HomePage.objects.first()
    if existing is not None:
        home = existing
    else:
        root = Page.get_first_root_node()
        placeholder = root.get_children().filter(slug="home").first()
        if placeholder is not None:
            # Out of the way of the new home page's slug. A queryset update, not save(): saving
            # would queue search and reference index tasks for a page about to be deleted.
            Page.objects.filter(pk=placeholder.pk).update(slug="home-previous")
            placeholder.slug = "home-previous"
        home = root.add_child(
            instance=HomePage(
                title=title or _("Staff training in harm reduction"),
                slug="home",
                intro=_(
                    "<p>Short, self-paced lessons for new staff and partner clinics. "
                    "Start anywhere, take what you need, and come back whenever you like.</p>"
                ),
            )
        )
        home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname=hostname, port=port, root_page=home, is_default_site=True, site_name="Drop-In")
    else:
        site.root_page = home
        site.save(update_fields=["root_page"])
    # Remove Wagtail's welcome page once nothing points at it (deleting it first would take
    # the site with it).
    if placeholder is not None and placeholder.specific_class is Page and not placeholder.get_children().exists():
        placeholder.delete()
    return home
