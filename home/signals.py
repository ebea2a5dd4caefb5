"""Mark the content version as changed whenever the published page tree changes."""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .content_version import content_changed


def _changed(**kwargs):
    content_changed()


def _page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        content_changed()


def connect() -> None:
    page_published.connect(_changed, dispatch_uid="home-content-published")
    page_unpublished.connect(_changed, dispatch_uid="home-content-unpublished")
    post_page_move.connect(_changed, dispatch_uid="home-content-moved")
    # Any Page subclass: post_delete is sent for the specific model.
    post_delete.connect(_page_deleted, dispatch_uid="home-content-page-deleted")
    for model in (Site, PageViewRestriction):
        post_save.connect(_changed, sender=model, dispatch_uid=f"home-content-{model.__name__}-saved")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"home-content-{model.__name__}-deleted")
