"""Writes about invitations and invite links. Accepting one is the only way into an organisation
besides a trainer or administrator adding someone."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from organisations.models import Membership, Organisation
from organisations.services import membership_join

from .models import Invitation, InviteLink


class InvitationError(ValueError):
    """An invitation or link that cannot be used. `reason` says why, for the page shown."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


@dataclass
class Sent:
    invitation: Invitation
    token: str


@transaction.atomic
def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    role: str = Membership.Role.TRAINEE,
    first_name: str = "",
    last_name: str = "",
    invited_by=None,
    now: datetime | None = None,
) -> Sent:
    """A new invitation for `email` (an open one to the same address is withdrawn first)."""
    now = now or timezone.now()
    email = email.strip().lower()
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token, hashed = _new_token()
    invitation = Invitation.objects.create(
        organisation=organisation,
        email=email,
        role=role,
        first_name=first_name,
        last_name=last_name,
        token_hash=hashed,
        invited_by=invited_by,
        created_at=now,
        expires_at=now + timedelta(days=settings.INVITATION_DAYS),
    )
    return Sent(invitation=invitation, token=token)


def invitation_send(*, sent: Sent, accept_url: str) -> None:
    invitation = sent.invitation
    context = {"invitation": invitation, "accept_url": accept_url, "days": settings.INVITATION_DAYS}
    send_mail(
        subject=render_to_string("invitations/email/invitation_subject.txt", context).strip(),
        message=render_to_string("invitations/email/invitation.txt", context),
        from_email=None,
        recipient_list=[invitation.email],
    )


def invitation_for_token(*, token: str) -> Invitation | None:
    return Invitation.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()


def invitation_check(*, invitation: Invitation | None, now: datetime | None = None) -> Invitation:
    """Raise InvitationError unless the invitation can be accepted now."""
    if invitation is None:
        raise InvitationError("unknown")
    state = invitation.state(now)
    if state != "open":
        raise InvitationError(state)
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, password: str | None = None, user=None, first_name: str = "", now=None):
    """Accept an invitation: join its organisation with its role, and return the person.

    A new person sets a password (an account is made); someone who already has an account
    accepts while signed in as that address (nothing is duplicated).
    """
    now = now or timezone.now()
    invitation = invitation_for_token(token=token)
    if invitation is not None:
        invitation = Invitation.objects.select_for_update().select_related("organisation").get(pk=invitation.pk)
    invitation_check(invitation=invitation, now=now)
    User = get_user_model()
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if user is None or user.pk != existing.pk:
            raise InvitationError("sign_in")
        person = existing
    else:
        if not password:
            raise InvitationError("password")
        person = User.objects.create_user(
            email=invitation.email,
            password=password,
            first_name=first_name or invitation.first_name,
            last_name=invitation.last_name,
        )
    membership_join(user=person, organisation=invitation.organisation, role=invitation.role, now=now)
    invitation.accepted_at = now
    invitation.accepted_by = person
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return person


def invitation_revoke(*, invitation: Invitation, now: datetime | None = None) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now or timezone.now()
    )


@dataclass
class NewLink:
    link: InviteLink
    token: str


def invite_link_create(*, organisation: Organisation, created_by=None, days: int | None = None, now=None) -> NewLink:
    now = now or timezone.now()
    token, hashed = _new_token()
    link = InviteLink.objects.create(
        organisation=organisation,
        token_hash=hashed,
        created_by=created_by,
        created_at=now,
        expires_at=now + timedelta(days=days or settings.INVITE_LINK_DAYS),
    )
    return NewLink(link=link, token=token)


def invite_link_revoke(*, link: InviteLink, now: datetime | None = None) -> None:
    InviteLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(revoked_at=now or timezone.now())


def invite_link_for_token(*, token: str) -> InviteLink | None:
    return InviteLink.objects.select_related("organisation").filter(token_hash=token_hash(token)).first()


@transaction.atomic
def invite_link_join(*, token: str, email: str = "", password: str = "", first_name: str = "", user=None, now=None):
    """Join the link's organisation as a trainee: a new person makes an account; someone signed
    in joins as themselves. An address that already has an account must sign in first."""
    now = now or timezone.now()
    link = invite_link_for_token(token=token)
    if link is None:
        raise InvitationError("unknown")
    link = InviteLink.objects.select_for_update().select_related("organisation").get(pk=link.pk)
    if link.revoked_at is not None:
        raise InvitationError("revoked")
    if link.expires_at <= now:
        raise InvitationError("expired")
    User = get_user_model()
    if user is not None and user.is_authenticated:
        person = user
    else:
        if User.objects.filter(email__iexact=email.strip()).exists():
            raise InvitationError("sign_in")
        person = User.objects.create_user(email=email, password=password, first_name=first_name)
    membership_join(user=person, organisation=link.organisation, role=Membership.Role.TRAINEE, now=now)
    InviteLink.objects.filter(pk=link.pk).update(joined_count=link.joined_count + 1)
    return person
