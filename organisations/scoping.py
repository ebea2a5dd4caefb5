"""What a person may see. Every view, export and task that shows people, their progress or
courses asks this module; nothing else decides.

- Site administrators (superusers) and trainers (the "Trainers" group) see every organisation.
- A clinic manager sees the current members of their own organisation.
- A trainee sees only themselves.

A course is open to everyone, to the host organisation only, or to chosen organisations.
Trainers and administrators see every course; a person without an organisation sees only the
courses open to everyone.
"""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet

from .models import Membership, Organisation

TRAINERS_GROUP = "Trainers"

EVERYONE = "everyone"
HOST_ONLY = "host"
CHOSEN = "chosen"

_MEMO = "_dropin_viewer"
VIEWER_TIMEOUT = 10 * 60  # a safety net: changes forget the cached standing at once


@dataclass(frozen=True)
class Viewer:
    """The signed-in person and where they stand, worked out once per request."""

    user: object
    membership: Membership | None
    sees_everything: bool

    @property
    def organisation(self) -> Organisation | None:
        return self.membership.organisation if self.membership else None

    @property
    def organisation_id(self) -> int | None:
        return self.membership.organisation_id if self.membership else None

    @property
    def is_manager(self) -> bool:
        return bool(self.membership and self.membership.is_manager)

    @property
    def can_manage_anyone(self) -> bool:
        return self.sees_everything or self.is_manager


def _viewer_row(user_id) -> dict:
    # One query for both questions: the current membership (through a filtered join) and
    # whether the person is in the Trainers group.
    return (
        get_user_model()
        .objects.filter(pk=user_id)
        .annotate(
            current=FilteredRelation("memberships", condition=Q(memberships__left_at__isnull=True)),
            is_trainer=Exists(Group.objects.filter(name=TRAINERS_GROUP, user=OuterRef("pk"))),
        )
        .values(
            "is_trainer",
            "current__id",
            "current__role",
            "current__joined_at",
            "current__organisation_id",
            "current__organisation__name",
            "current__organisation__slug",
            "current__organisation__kind",
        )
        .first()
    ) or {}


def _viewer_key(user_id) -> str:
    return f"organisations:viewer:{user_id}"


def viewer_cache_forget(*user_ids) -> None:
    """Forget the cached standing of these people (now, and again when the transaction commits)."""
    keys = [_viewer_key(user_id) for user_id in user_ids]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def viewer_for(*, user) -> Viewer:
    """Who `user` is for scoping: kept on the user object, and in the shared cache between
    requests (organisations.caching forgets it when a membership, group or organisation changes)."""
    memo = getattr(user, _MEMO, None)
    if memo is not None:
        return memo
    if not getattr(user, "is_authenticated", False):
        return Viewer(user=user, membership=None, sees_everything=False)
    row = cache.get(_viewer_key(user.pk))
    if row is None:
        row = _viewer_row(user.pk)
        cache.set(_viewer_key(user.pk), row, VIEWER_TIMEOUT)
    membership = None
    if row.get("current__id") is not None:
        organisation = Organisation(
            pk=row["current__organisation_id"],
            name=row["current__organisation__name"],
            slug=row["current__organisation__slug"],
            kind=row["current__organisation__kind"],
        )
        membership = Membership(
            pk=row["current__id"],
            user_id=user.pk,
            organisation=organisation,
            role=row["current__role"],
            joined_at=row["current__joined_at"],
        )
    sees_everything = bool(user.is_superuser or row.get("is_trainer"))
    viewer = Viewer(user=user, membership=membership, sees_everything=sees_everything)
    setattr(user, _MEMO, viewer)
    return viewer


def viewer_as_member(*, organisation: Organisation) -> Viewer:
    """How a trainee of `organisation` sees things (to ask what may be assigned to its members)."""
    return Viewer(
        user=None,
        membership=Membership(organisation=organisation, role=Membership.Role.TRAINEE),
        sees_everything=False,
    )


def forget_viewer(*, user) -> None:
    """Drop what `viewer_for` remembered (after a membership or group change)."""
    if hasattr(user, _MEMO):
        delattr(user, _MEMO)


def visible_organisations(*, viewer: Viewer) -> QuerySet[Organisation]:
    """The organisations whose people the viewer may see and manage."""
    if viewer.sees_everything:
        return Organisation.objects.all()
    if viewer.is_manager:
        return Organisation.objects.filter(pk=viewer.organisation_id)
    return Organisation.objects.none()


def visible_members(*, viewer: Viewer) -> QuerySet[Membership]:
    """The current memberships the viewer may see: the one scoping rule for people."""
    current = Membership.objects.filter(left_at__isnull=True)
    if viewer.sees_everything:
        return current
    if viewer.is_manager:
        return current.filter(organisation_id=viewer.organisation_id)
    return current.none()


def can_manage(*, viewer: Viewer, member) -> bool:
    """Whether the viewer may see and change `member`'s training (a user or a Membership)."""
    user_id = getattr(member, "user_id", None) or getattr(member, "pk", None)
    if user_id is None:
        return False
    return visible_members(viewer=viewer).filter(user_id=user_id).exists()


def can_manage_organisation(*, viewer: Viewer, organisation) -> bool:
    if organisation is None:
        return False
    return viewer.sees_everything or (viewer.is_manager and viewer.organisation_id == organisation.pk)


def course_open_to(*, viewer: Viewer, availability: str, organisation_ids: frozenset[int]) -> bool:
    """Whether a course with this availability is open to the viewer."""
    if viewer.sees_everything or availability == EVERYONE:
        return True
    organisation = viewer.organisation
    if organisation is None:
        return False
    if availability == HOST_ONLY:
        return organisation.is_host
    if availability == CHOSEN:
        return organisation.pk in organisation_ids
    return False
