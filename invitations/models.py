"""Invitations and shareable invite links. Only a hash of each token is stored: the token itself
is in the link that was sent, so a database leak does not let anyone accept an invitation."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Membership, Organisation


class InvitationState(models.TextChoices):
    OPEN = "open", _("Waiting")
    ACCEPTED = "accepted", _("Accepted")
    REVOKED = "revoked", _("Withdrawn")
    EXPIRED = "expired", _("Expired")


class Invitation(models.Model):
    """One invitation for one email address to join an organisation with a role.

    It is open until accepted, withdrawn or past `expires_at`; each of those is stamped once.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("organisation")
    )
    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Membership.Role.choices, default=Membership.Role.TRAINEE)
    first_name = models.CharField(_("first name"), max_length=150, blank=True)
    last_name = models.CharField(_("last name"), max_length=150, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            # One open invitation per address and organisation: inviting again replaces it.
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitations_one_open_per_email",
            ),
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="invitations_expire_later"),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitations_not_accepted_and_revoked",
            ),
            models.CheckConstraint(condition=Q(role__in=["trainee", "manager"]), name="invitations_role_known"),
        ]

    def __str__(self):
        return f"{self.email} → {self.organisation}"

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.accepted_at:
            return InvitationState.ACCEPTED
        if self.revoked_at:
            return InvitationState.REVOKED
        if self.expires_at <= now:
            return InvitationState.EXPIRED
        return InvitationState.OPEN

    def get_state_display(self) -> str:
        return InvitationState(self.state()).label


class InviteLink(models.Model):
    """A shareable link: anyone who has it may join the organisation as a trainee until it
    expires or is withdrawn. For clinics that onboard many people at once."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="invite_links", verbose_name=_("organisation")
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("made"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    joined_count = models.PositiveIntegerField(_("people who joined"), default=0)

    class Meta:
        verbose_name = _("invite link")
        verbose_name_plural = _("invite links")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(expires_at__gt=F("created_at")), name="invitations_link_expires_later"),
        ]

    def __str__(self):
        return f"{self.organisation} ({self.created_at:%Y-%m-%d})"

    def is_open(self, now=None) -> bool:
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
