"""Writes about who belongs where. Every change to an organisation's members goes through here."""

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from . import scoping
from .models import Cohort, Membership, Organisation
from .signals import membership_joined


class MembershipError(ValueError):
    """A change that cannot be made. The message is safe to show."""


def organisation_create(*, name: str, kind: str = Organisation.Kind.PARTNER, slug: str = "") -> Organisation:
    organisation = Organisation(name=name.strip(), slug=slug or slugify(name)[:80], kind=kind)
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def membership_join(
    *, user, organisation: Organisation, role: str = Membership.Role.TRAINEE, now: datetime | None = None
) -> Membership:
    """Make `organisation` the person's organisation, with `role`.

    If they already belong there, only the role changes. If they belong elsewhere, that
    membership ends now and a new one starts: their history stays where it was.
    """
    now = now or timezone.now()
    if role not in Membership.Role.values:
        raise MembershipError(f"Unknown role: {role}")
    current = Membership.objects.select_for_update().filter(user=user, left_at__isnull=True).first()
    scoping.forget_viewer(user=user)
    if current is not None and current.organisation_id == organisation.pk:
        if current.role != role:
            current.role = role
            current.save(update_fields=["role"])
        return current
    if current is not None:
        current.left_at = max(now, current.joined_at)
        current.save(update_fields=["left_at"])
        # A cohort belongs to one organisation: moving on leaves the old cohorts.
        user.cohorts.remove(*Cohort.objects.filter(organisation_id=current.organisation_id))
    membership = Membership.objects.create(user=user, organisation=organisation, role=role, joined_at=now)
    membership_joined.send(sender=Membership, membership=membership, now=now)
    return membership


@transaction.atomic
def membership_leave(*, user, now: datetime | None = None) -> Membership | None:
    """End the person's current membership (they keep their account and history)."""
    now = now or timezone.now()
    current = Membership.objects.select_for_update().filter(user=user, left_at__isnull=True).first()
    scoping.forget_viewer(user=user)
    if current is None:
        return None
    current.left_at = max(now, current.joined_at)
    current.save(update_fields=["left_at"])
    user.cohorts.remove(*Cohort.objects.filter(organisation_id=current.organisation_id))
    return current


def cohort_create(*, organisation: Organisation, name: str) -> Cohort:
    cohort = Cohort(organisation=organisation, name=name.strip())
    cohort.full_clean()
    cohort.save()
    return cohort


def cohort_add_members(*, cohort: Cohort, users) -> None:
    """Add people to a cohort. Only current members of the cohort's organisation may join it."""
    users = list(users)
    members = set(
        Membership.objects.filter(
            organisation_id=cohort.organisation_id, left_at__isnull=True, user__in=users
        ).values_list("user_id", flat=True)
    )
    outsiders = [u for u in users if u.pk not in members]
    if outsiders:
        raise MembershipError("Only members of the cohort's organisation can join it.")
    cohort.members.add(*users)
