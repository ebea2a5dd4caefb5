"""What is assigned, kept apart from what is taught (`lessons`) and what each person did (`training`).

Due dates are advisory: they order the dashboard and guide reminders; they never block a course.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Cohort, Organisation


class Assignment(models.Model):
    """One course assigned to exactly one of: a person, a cohort, or a whole organisation.

    Assigning the same course to the same target twice is refused by the database.
    """

    class Source(models.TextChoices):
        MANUAL = "manual", _("Assigned by someone")
        ONBOARDING = "onboarding", _("Onboarding path")

    # An assignment is a plan, not a record of learning: if the course is deleted, so is the
    # plan (progress records stay in `training`).
    course = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("course"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("person"),
    )
    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, null=True, blank=True, related_name="assignments", verbose_name=_("cohort")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="assignments",
        verbose_name=_("whole organisation"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    source = models.CharField(_("how it was assigned"), max_length=16, choices=Source.choices, default=Source.MANUAL)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned by"),
    )
    assigned_at = models.DateTimeField(_("assigned"), default=timezone.now)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["due_on", "assigned_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, cohort__isnull=True, organisation__isnull=True)
                | Q(user__isnull=True, cohort__isnull=False, organisation__isnull=True)
                | Q(user__isnull=True, cohort__isnull=True, organisation__isnull=False),
                name="assignments_exactly_one_target",
                violation_error_message=_("Assign a course to one person, one cohort or one organisation."),
            ),
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=Q(user__isnull=False),
                name="assignments_once_per_person",
                violation_error_message=_("This course is already assigned to this person."),
            ),
            models.UniqueConstraint(
                fields=["course", "cohort"],
                condition=Q(cohort__isnull=False),
                name="assignments_once_per_cohort",
                violation_error_message=_("This course is already assigned to this cohort."),
            ),
            models.UniqueConstraint(
                fields=["course", "organisation"],
                condition=Q(organisation__isnull=False),
                name="assignments_once_per_organisation",
                violation_error_message=_("This course is already assigned to this organisation."),
            ),
            models.CheckConstraint(condition=Q(source__in=["manual", "onboarding"]), name="assignments_source_known"),
        ]

    def __str__(self):
        target = self.user or self.cohort or self.organisation
        return f"{self.course} → {target}"


class OnboardingStep(models.Model):
    """One course on an organisation's onboarding path: every new member is assigned it when
    they join, due `due_after_days` days later."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="onboarding_steps", verbose_name=_("organisation")
    )
    course = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("course"))
    due_after_days = models.PositiveSmallIntegerField(
        _("due after (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("Suggested days to finish it, counted from the day the person joins."),
    )

    class Meta:
        verbose_name = _("onboarding course")
        verbose_name_plural = _("onboarding path")
        ordering = ["organisation__name", "due_after_days"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "course"],
                name="assignments_onboarding_course_once",
                violation_error_message=_("This course is already on the organisation's onboarding path."),
            ),
            models.CheckConstraint(
                condition=Q(due_after_days__gte=1, due_after_days__lte=365), name="assignments_onboarding_days_range"
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.course}"
