"""Who belongs where: organisations, the people in them and the role each person has there.

- One *host* organisation (the one that trains) and any number of *partner* clinics.
- A person belongs to one organisation at a time. Moving someone ends their membership
  (`left_at`) and starts a new one, so where they were stays on record.
- Trainers (the Wagtail "Trainers" group) and site administrators (superusers) are not a
  role on a membership: they see every organisation (see `organisations.scoping`).
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """One organisation: the host organisation or a partner clinic."""

    class Kind(models.TextChoices):
        HOST = "host", _("Host organisation")
        PARTNER = "partner", _("Partner clinic")

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.PARTNER)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            # Exactly one host: the organisation whose staff publish and train everyone else.
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind="host"),
                name="organisations_one_host",
                violation_error_message=_("There is already a host organisation. A platform has exactly one."),
            ),
            models.CheckConstraint(condition=Q(kind__in=["host", "partner"]), name="organisations_kind_known"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_host(self) -> bool:
        return self.kind == self.Kind.HOST


class Membership(models.Model):
    """One person's time in one organisation, with their role there.

    The current membership is the one without `left_at`; there is at most one per person.
    """

    class Role(models.TextChoices):
        TRAINEE = "trainee", _("Trainee")
        MANAGER = "manager", _("Clinic manager")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # the record of where someone trained is removed on purpose only
        related_name="memberships",
        verbose_name=_("person"),
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("organisation")
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.TRAINEE)
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-joined_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(left_at__isnull=True),
                name="organisations_one_current_membership",
                violation_error_message=_("This person already belongs to an organisation."),
            ),
            models.CheckConstraint(
                condition=Q(left_at__isnull=True) | Q(left_at__gte=F("joined_at")),
                name="organisations_membership_left_after_joining",
            ),
            models.CheckConstraint(condition=Q(role__in=["trainee", "manager"]), name="organisations_role_known"),
        ]
        indexes = [models.Index(fields=["organisation", "left_at"], name="organisations_members_current")]

    def __str__(self):
        return f"{self.user} – {self.organisation} ({self.get_role_display()})"

    @property
    def is_current(self) -> bool:
        return self.left_at is None

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER


class Cohort(models.Model):
    """A named group of people in one organisation who train together ("Spring 2026 starters")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="cohorts", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=120)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="cohorts", blank=True, verbose_name=_("members")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "name"],
                name="organisations_cohort_name_unique",
                violation_error_message=_("This organisation already has a cohort with that name."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
