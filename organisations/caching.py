"""Forget a person's cached standing (organisations.scoping.viewer_for) whenever what it is
made of changes: their membership, their account, their groups, or their organisation."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from .models import Membership, Organisation
from .scoping import viewer_cache_forget


def _membership_changed(sender, instance, **kwargs):
    viewer_cache_forget(instance.user_id)


def _user_changed(sender, instance, **kwargs):
    viewer_cache_forget(instance.pk)


def _group_changed(sender, instance, **kwargs):
    viewer_cache_forget(*instance.user_set.values_list("pk", flat=True))


def _organisation_changed(sender, instance, **kwargs):
    members = Membership.objects.filter(organisation=instance, left_at__isnull=True)
    viewer_cache_forget(*members.values_list("user_id", flat=True))


def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:  # user.groups.add(...): one person
        viewer_cache_forget(instance.pk)
    elif action == "pre_clear":  # group.user_set.clear(): everyone in it
        viewer_cache_forget(*instance.user_set.values_list("pk", flat=True))
    else:
        viewer_cache_forget(*(pk_set or ()))


def connect() -> None:
    User = get_user_model()
    for signal in (post_save, post_delete):
        signal.connect(_membership_changed, sender=Membership, dispatch_uid=f"viewer-membership-{signal}")
        signal.connect(_user_changed, sender=User, dispatch_uid=f"viewer-user-{signal}")
    post_save.connect(_group_changed, sender=Group, dispatch_uid="viewer-group-saved")
    pre_delete.connect(_group_changed, sender=Group, dispatch_uid="viewer-group-deleted")
    post_save.connect(_organisation_changed, sender=Organisation, dispatch_uid="viewer-organisation-saved")
    m2m_changed.connect(_groups_changed, sender=User.groups.through, dispatch_uid="viewer-groups-changed")
