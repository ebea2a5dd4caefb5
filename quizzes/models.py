"""Quizzes: what is asked (QuizPage) and what each trainee answered (QuizAttempt and its
responses). Attempts freeze the questions and pass mark they were graded against."""

import random
from http import HTTPMethod

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models import LoginRequiredMixin
from lessons.models import AvailableCourseMixin

from .blocks import QuestionsBlock, question_snapshot


class QuizPage(LoginRequiredMixin, AvailableCourseMixin, Page):
    """A quiz inside a module, placed among its lessons."""

    class Kind(models.TextChoices):
        CHECK = "check", _("Check your understanding")
        SIGNOFF = "signoff", _("Sign-off")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul"])
    kind = models.CharField(
        _("kind of quiz"),
        max_length=16,
        choices=Kind.choices,
        default=Kind.CHECK,
        help_text=_(
            "Check your understanding: feedback, unlimited retries, no pass or fail, the score is private. "
            "Sign-off: a pass mark, and passing counts toward completing the module."
        ),
    )
    feedback_after_each = models.BooleanField(
        _("feedback after each answer"),
        default=True,
        help_text=_("Check-your-understanding quizzes only: show feedback as soon as a question is answered."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempt limit"), null=True, blank=True, help_text=_("Sign-off quizzes only. Leave blank for no limit.")
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(_("shuffle choices"), default=False)
    questions_per_attempt = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Draw this many questions from the pool for each attempt. Leave blank to ask them all."),
    )
    questions = StreamField(QuestionsBlock(), verbose_name=_("questions"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldPanel("feedback_after_each"),
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("questions_per_attempt"),
            ],
            heading=_("How the quiz runs"),
        ),
        FieldPanel("questions"),
    ]
    # The questions are not indexed: their text holds the feedback on every choice.
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["lessons.ModulePage"]
    subpage_types = []
    preview_modes = [("", _("Quiz")), ("result", _("Result page"))]
    # Answers are posted to the quiz endpoints (quizzes/urls.py), never to the page itself.
    allowed_http_methods = [HTTPMethod.GET, HTTPMethod.HEAD, HTTPMethod.OPTIONS]

    class Meta:
        verbose_name = _("quiz")

    @property
    def is_signoff(self) -> bool:
        return self.kind == self.Kind.SIGNOFF

    @property
    def feedback_while_answering(self) -> bool:
        """Whether a trainee may check each answer as they go (check quizzes only)."""
        return self.kind == self.Kind.CHECK and self.feedback_after_each

    def clean(self):
        super().clean()
        count = len(self.questions.raw_data) if self.questions else 0
        if self.questions_per_attempt and count and self.questions_per_attempt > count:
            raise ValidationError(
                {
                    "questions_per_attempt": _(
                        "The quiz has %(count)s questions, so it cannot draw more than that for an attempt."
                    )
                    % {"count": count}
                }
            )

    def build_snapshot(self, *, seed: int | None = None) -> list[dict]:
        """The questions for one attempt: drawn and shuffled as the quiz says, with stable ids."""
        questions = [question_snapshot(block) for block in self.questions]
        for number, question in enumerate(questions, start=1):
            # Blocks get their ids when saved; an unsaved draft in preview may not have them yet.
            question["id"] = question["id"] or f"question-{number}"
        rng = random.Random(seed)
        if self.questions_per_attempt and self.questions_per_attempt < len(questions):
            picked = set(rng.sample(range(len(questions)), self.questions_per_attempt))
            questions = [q for i, q in enumerate(questions) if i in picked]
        if self.shuffle_questions:
            rng.shuffle(questions)
        if self.shuffle_choices:
            for question in questions:
                if question["type"] != "true_false":
                    rng.shuffle(question["choices"])
        return questions

    def get_context(self, request, *args, **kwargs):
        from . import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.quiz_page_context(request, self))
        return context

    def serve_preview(self, request, mode_name):
        from . import views

        return views.quiz_preview(request, self, mode_name)


class QuizAttempt(models.Model):
    """One trainee's attempt at one quiz: open while they answer, graded once when submitted.

    `questions` and `pass_mark` freeze what the attempt was graded against, so the trainee's
    history stays true after a trainer edits the quiz.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="quiz_attempts")
    quiz = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+")
    quiz_title = models.CharField(max_length=255)
    kind = models.CharField(max_length=16, choices=QuizPage.Kind.choices)
    pass_mark = models.PositiveSmallIntegerField(null=True, blank=True)
    questions = models.JSONField(help_text=_("The questions and choices as asked, with which were correct."))
    answers = models.JSONField(default=dict, blank=True)
    checked = models.JSONField(default=list, blank=True, help_text=_("Questions whose feedback was shown."))
    number = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)

    class Meta:
        verbose_name = _("quiz attempt")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"], condition=Q(submitted_at__isnull=True), name="quizzes_one_open_attempt"
            ),
            models.CheckConstraint(
                condition=Q(submitted_at__isnull=True, score__isnull=True)
                | Q(submitted_at__isnull=False, score__isnull=False),
                name="quizzes_attempt_scored_when_submitted",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="quizzes_score_is_a_percent"
            ),
        ]
        indexes = [models.Index(fields=["quiz", "user", "submitted_at"], name="quizzes_attempt_lookup")]

    def __str__(self):
        return f"{self.user} – {self.quiz_title} #{self.number}"

    @property
    def is_open(self) -> bool:
        return self.submitted_at is None


class QuestionResponse(models.Model):
    """How one submitted attempt answered one question: a row a report can aggregate."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="responses")
    quiz = models.ForeignKey("wagtailcore.Page", on_delete=models.SET_NULL, null=True, related_name="+")
    question_id = models.CharField(max_length=64)
    prompt = models.TextField()
    position = models.PositiveSmallIntegerField()
    score = models.DecimalField(max_digits=4, decimal_places=3)
    is_correct = models.BooleanField()
    answered = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_id"], name="quizzes_one_response_per_question"),
        ]
        indexes = [models.Index(fields=["quiz", "question_id"], name="quizzes_response_question")]

    def __str__(self):
        return f"{self.attempt_id} – {self.position}. {self.prompt[:40]}"


class ChoiceSelection(models.Model):
    """One choice a trainee picked in a submitted attempt (for the spread of answers per choice)."""

    response = models.ForeignKey(QuestionResponse, on_delete=models.CASCADE, related_name="selections")
    choice_id = models.CharField(max_length=64)
    text = models.TextField()
    is_correct = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "choice_id"], name="quizzes_choice_picked_once"),
        ]

    def __str__(self):
        return self.text[:60]
