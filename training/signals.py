"""Keep cached course outlines (and cached page routes) true to the page tree."""

from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .selectors import outline_invalidate


def _invalidate(**kwargs):
    outline_invalidate()


def connect() -> None:
    page_published.connect(_invalidate, dispatch_uid="training-outline-published")
    page_unpublished.connect(_invalidate, dispatch_uid="training-outline-unpublished")
    post_page_move.connect(_invalidate, dispatch_uid="training-outline-moved")
    # Any Page subclass: deleting a course, module or item removes it from its outline.
    post_delete.connect(_on_delete, dispatch_uid="training-outline-deleted")
    # A site's root or host name decides every page's URL.
    post_save.connect(_invalidate, sender="wagtailcore.Site", dispatch_uid="training-outline-site-saved")
    post_delete.connect(_invalidate, sender="wagtailcore.Site", dispatch_uid="training-outline-site-deleted")


def _on_delete(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        outline_invalidate()
