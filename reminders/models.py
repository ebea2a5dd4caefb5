"""Who wants which reminder emails, and which reminders have gone out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReminderPreference(models.Model):
    """One person's choice about reminder emails. A person without a row gets both."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="reminder_preference",
        verbose_name=_("person"),
    )
    due_date_reminders = models.BooleanField(
        _("reminders about suggested dates"),
        default=True,
        help_text=_("An email a few days before a course's suggested date, and one a few days after it."),
    )
    team_digest = models.BooleanField(
        _("weekly team summary"),
        default=True,
        help_text=_("Clinic managers only: a weekly email about their own staff's training."),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return str(self.user)


class SentReminder(models.Model):
    """One reminder email to one person: about one course and its suggested date (`on`), or the
    weekly summary of the week starting `on`.

    The row is written before the email is queued, and the database refuses a second row for the
    same person, course, kind and date: that is what makes each reminder go once, however often
    the scheduler runs and however many schedulers run at the same moment.
    """

    class Kind(models.TextChoices):
        BEFORE = "before", _("Before the suggested date")
        AFTER = "after", _("After the suggested date")
        DIGEST = "digest", _("Weekly team summary")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENT = "sent", _("Sent")
        SKIPPED = "skipped", _("Not needed any more")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="sent_reminders", verbose_name=_("person")
    )
    # A reminder is about a plan, not a learning record: it goes with the course.
    course = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("course")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    on = models.DateField(_("for the date"), help_text=_("The suggested date, or the first day of the summary's week."))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.QUEUED)
    queued_at = models.DateTimeField(_("queued"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-queued_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "course", "kind", "on"],
                condition=Q(course__isnull=False),
                name="reminders_once_per_course_and_date",
            ),
            # A summary has no course, and NULLs never clash in a unique index: its own rule.
            models.UniqueConstraint(
                fields=["user", "kind", "on"], condition=Q(course__isnull=True), name="reminders_digest_once_a_week"
            ),
            models.CheckConstraint(
                condition=Q(kind="digest", course__isnull=True) | Q(kind__in=["before", "after"], course__isnull=False),
                name="reminders_course_unless_digest",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sent", "skipped"]), name="reminders_status_known"
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.user} ({self.on})"
