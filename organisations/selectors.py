"""Reads about organisations and their members."""

from .models import Membership, Organisation


def organisation_host() -> Organisation | None:
    return Organisation.objects.filter(kind=Organisation.Kind.HOST).first()


def membership_current(*, user) -> Membership | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.filter(user=user, left_at__isnull=True).select_related("organisation").first()


def membership_history(*, user) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("organisation").order_by("joined_at"))
