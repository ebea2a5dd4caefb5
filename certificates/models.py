"""Certificates: what a trainee takes away when they complete a course."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .codes import CODE_MAX_LENGTH, code_generate

VALID = "valid"
EXPIRED = "expired"
REVOKED = "revoked"


class Certificate(models.Model):
    """One certificate: one person's completion of one course, on one date.

    The name, course title and hours are copied when it is issued, so the certificate stays as
    issued when someone renames the course or the person changes their name. A renewal after
    expiry is a new certificate with a later completion date; a revoked certificate keeps its
    row, so its code still answers "revoked".
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # a record of achievement is removed on purpose only
        related_name="certificates",
        verbose_name=_("person"),
    )
    # If a trainer deletes the course, the certificate stays with the title it had.
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("course")
    )
    course_title = models.CharField(_("course"), max_length=255)
    holder_name = models.CharField(_("name on the certificate"), max_length=255)
    completed_on = models.DateField(_("completed on"))
    ce_hours = models.DecimalField(
        _("continuing-education hours"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    issued_at = models.DateTimeField(_("issued"), default=timezone.now)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    code = models.CharField(_("verification code"), max_length=CODE_MAX_LENGTH, unique=True, default=code_generate)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revoked by"),
    )
    revoked_reason = models.TextField(_("reason for revoking"), blank=True)
    renewal_reminded_at = models.DateTimeField(_("renewal reminder sent"), null=True, blank=True, editable=False)
    reassigned_at = models.DateTimeField(_("course assigned again"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_at"]
        constraints = [
            # One certificate per completion, however many requests complete the course at once.
            models.UniqueConstraint(fields=["user", "course", "completed_on"], name="certificates_one_per_completion"),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True) | Q(expires_on__gt=F("completed_on")),
                name="certificates_expires_after_completion",
            ),
            models.CheckConstraint(
                condition=Q(revoked_at__isnull=True, revoked_reason="")
                | Q(revoked_at__isnull=False) & ~Q(revoked_reason=""),
                name="certificates_revoked_with_a_reason",
            ),
        ]
        indexes = [models.Index(fields=["expires_on"], name="certificates_expiring")]

    def __str__(self):
        return f"{self.holder_name} – {self.course_title} ({self.completed_on:%Y-%m-%d})"

    def status(self, *, today: date | None = None) -> str:
        if self.revoked_at is not None:
            return REVOKED
        if self.expires_on is not None and self.expires_on <= (today or timezone.localdate()):
            return EXPIRED
        return VALID

    @property
    def current_status(self) -> str:
        return self.status()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
