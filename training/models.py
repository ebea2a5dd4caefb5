from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LearningProgress(models.Model):
    """One trainee's record of one learning item (a lesson or a quiz page).

    A row appears when the trainee first opens the item. It only ever moves forward:
    `watched_seconds` grows, `completed_at` is stamped once and never cleared.
    """

    class CompletionSource(models.TextChoices):
        MANUAL = "manual", _("Marked as done")
        VIDEO = "video", _("Watched the video")
        QUIZ = "quiz", _("Quiz")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,  # training history is deleted on purpose, never by accident
        related_name="learning_progress",
        verbose_name=_("trainee"),
    )
    # If a trainer deletes the page, the record stays with the title it had.
    page = models.ForeignKey(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("learning item"),
    )
    page_title = models.CharField(_("title when last visited"), max_length=255)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    last_visited_at = models.DateTimeField(_("last visited"), default=timezone.now)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    completion_source = models.CharField(_("completed by"), max_length=16, choices=CompletionSource.choices, blank=True)
    video_position = models.FloatField(_("video position (seconds)"), default=0)
    video_duration = models.FloatField(_("video length (seconds)"), default=0)
    watched_seconds = models.FloatField(_("seconds watched"), default=0)
    last_heartbeat_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("learning progress")
        verbose_name_plural = _("learning progress")
        constraints = [
            models.UniqueConstraint(fields=["user", "page"], name="training_progress_one_per_user_page"),
            models.CheckConstraint(
                condition=Q(video_position__gte=0) & Q(video_duration__gte=0) & Q(watched_seconds__gte=0),
                name="training_progress_seconds_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("started_at")),
                name="training_progress_completed_after_start",
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True, completion_source="")
                | Q(completed_at__isnull=False) & ~Q(completion_source=""),
                name="training_progress_completion_has_source",
            ),
        ]
        indexes = [models.Index(fields=["page", "completed_at"], name="training_progress_page_done")]

    def __str__(self):
        return f"{self.user} – {self.page_title}"

    @property
    def is_complete(self) -> bool:
        return self.completed_at is not None

    @property
    def watched_fraction(self) -> float:
        if not self.video_duration:
            return 0.0
        return min(self.watched_seconds / self.video_duration, 1.0)


class ReflectionAnswer(models.Model):
    """What one trainee wrote in answer to one reflection prompt in a lesson.

    Private to the trainee: no report, export or manager view reads this table.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reflections")
    page = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+")
    block_id = models.CharField(max_length=64)
    prompt = models.TextField(_("prompt when answered"))
    answer = models.TextField(_("answer"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        constraints = [
            models.UniqueConstraint(fields=["user", "page", "block_id"], name="training_reflection_one_per_prompt"),
        ]

    def __str__(self):
        return f"{self.user} – {self.prompt[:40]}"
