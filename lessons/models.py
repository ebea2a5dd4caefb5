"""What is taught: the page tree CourseIndexPage -> CoursePage -> ModulePage -> LessonPage.

Progress records live in `training`; these pages read them through its selectors.
"""

from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from home.models import LoginRequiredMixin
from organisations import scoping
from training import selectors as training_selectors
from training import services as training_services
from training.rendering import course_outline_html

from . import availability as course_availability
from .blocks import LessonBodyBlock
from .rendering import render_body_segments


class AvailableCourseMixin:
    """Pages of a course the signed-in person's organisation may not take are not found (404),
    exactly as if they did not exist. Put after LoginRequiredMixin: anonymous visitors are sent
    to sign in first."""

    def serve(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and not getattr(request, "is_preview", False)
            and not course_availability.page_open_to(user=request.user, page=self)
        ):
            raise Http404
        return super().serve(request, *args, **kwargs)


class CourseIndexPage(Page):
    """The catalogue: lists the courses below it."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["lessons.CoursePage"]

    class Meta:
        verbose_name = _("course catalogue")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        courses = CoursePage.objects.live().child_of(self).order_by("path")
        if request.user.is_authenticated:
            for path in course_availability.hidden_course_paths(user=request.user):
                courses = courses.exclude(path__startswith=path)
        else:
            # The catalogue is public: visitors see the courses open to everyone.
            courses = courses.filter(availability=scoping.EVERYONE)
        context["courses"] = courses
        return context


class CoursePage(LoginRequiredMixin, AvailableCourseMixin, Page):
    """One course: modules of lessons (and later quizzes) a trainee works through."""

    summary = models.TextField(_("summary"), help_text=_("One or two sentences shown on the course card."))
    audience = models.CharField(_("who it is for"), max_length=255, blank=True)
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("Outcome")))],
        verbose_name=_("learning outcomes"),
        blank=True,
        help_text=_("What a trainee will be able to do after the course."),
    )
    estimated_minutes = models.PositiveIntegerField(
        _("estimated time (minutes)"), default=30, validators=[MinValueValidator(1), MaxValueValidator(6000)]
    )
    lessons_in_order = models.BooleanField(
        _("lessons in order"),
        default=False,
        help_text=_(
            "Off: trainees take what they need in any order. On: each lesson opens when the one before it is done."
        ),
    )
    video_completion_percent = models.PositiveSmallIntegerField(
        _("video watched to complete (%)"),
        default=90,
        validators=[MinValueValidator(10), MaxValueValidator(100)],
        help_text=_("A lesson with a video file is complete once the trainee has watched this share of it."),
    )
    require_check_quizzes = models.BooleanField(
        _("require check-your-understanding quizzes"),
        default=False,
        help_text=_(
            "Off: check-your-understanding quizzes are there to learn from and do not count toward completion. "
            "On: a module is complete only once each of its check quizzes has been taken."
        ),
    )
    availability = models.CharField(
        _("who can take it"),
        max_length=16,
        choices=[
            (scoping.EVERYONE, _("Everyone: the host organisation and every partner clinic")),
            (scoping.HOST_ONLY, _("The host organisation only")),
            (scoping.CHOSEN, _("Only the organisations chosen below")),
        ],
        default=scoping.EVERYONE,
    )
    # Certificates (the `certificates` app reads these when it issues one).
    ce_hours = models.DecimalField(
        _("continuing-education hours"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(Decimal("999"))],
        help_text=_("Printed on the certificate, for licences that ask for them. Leave blank for none."),
    )
    certificate_valid_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_(
            "For refresher training, e.g. 12 for a yearly refresher. Leave blank: the certificate never expires."
        ),
    )
    reassign_on_expiry = models.BooleanField(
        _("assign the course again when the certificate expires"),
        default=False,
        help_text=_("The person gets a renewal reminder first either way."),
    )
    available_to = ParentalManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="+",
        verbose_name=_("chosen organisations"),
        help_text=_("Used when the course is for chosen organisations only. Trainers always see every course."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("audience"),
        FieldPanel("learning_outcomes"),
        MultiFieldPanel(
            [
                FieldPanel("estimated_minutes"),
                FieldPanel("lessons_in_order"),
                FieldPanel("video_completion_percent"),
                FieldPanel("require_check_quizzes"),
            ],
            heading=_("How the course runs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("ce_hours"),
                FieldPanel("certificate_valid_months"),
                FieldPanel("reassign_on_expiry"),
            ],
            heading=_("Certificate"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("availability", widget=forms.RadioSelect),
                FieldPanel("available_to", widget=forms.CheckboxSelectMultiple),
            ],
            heading=_("Who can take it"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["lessons.CourseIndexPage"]
    subpage_types = ["lessons.ModulePage"]

    class Meta:
        verbose_name = _("course")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(availability__in=[scoping.EVERYONE, scoping.HOST_ONLY, scoping.CHOSEN]),
                name="lessons_course_availability_known",
            ),
        ]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["course_progress"] = training_selectors.course_progress(user=request.user, course=self, request=request)
        return context


class ModulePage(LoginRequiredMixin, AvailableCourseMixin, Page):
    """A part of a course: a few lessons (and quizzes) on one theme."""

    summary = models.TextField(_("summary"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    parent_page_types = ["lessons.CoursePage"]
    subpage_types = ["lessons.LessonPage", "quizzes.QuizPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        path = self.path[: (self.depth - 1) * self.steplen]
        outline = training_selectors.course_outline_at(path=path, request=request) or training_selectors.empty_outline(
            path=path
        )
        progress = training_selectors.progress_from_outline(user=request.user, outline=outline)
        context["course"] = outline.course
        context["course_progress"] = progress
        context["module_progress"] = next((m for m in progress.modules if m.page.pk == self.pk), None)
        return context


class LessonPage(LoginRequiredMixin, AvailableCourseMixin, Page):
    """One lesson: a short video with its transcript, key points and a reflection."""

    summary = models.CharField(_("summary"), max_length=255, blank=True)
    estimated_minutes = models.PositiveIntegerField(_("estimated time (minutes)"), default=10)
    body = StreamField(LessonBodyBlock(), verbose_name=_("lesson content"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("summary"), FieldPanel("estimated_minutes"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["lessons.ModulePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lesson")

    @cached_property
    def course(self) -> CoursePage:
        return CoursePage.objects.get(path=self.path[: (self.depth - 2) * self.steplen])

    @property
    def video_completion_threshold(self) -> float:
        return self.course.video_completion_percent / 100

    @property
    def has_reflection(self) -> bool:
        # Reads the raw JSON: iterating the StreamField would fetch every chosen document and image.
        return any(block["type"] in LessonBodyBlock.personal_block_types for block in self.body.raw_data)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        user = request.user
        # The outline is cached for everyone; the trainee's rows are one query.
        path = self.path[: (self.depth - 2) * self.steplen]
        outline = training_selectors.course_outline_at(path=path, request=request) or training_selectors.empty_outline(
            path=path
        )
        rows = training_selectors.progress_by_page(user=user, page_ids=outline.item_ids)
        if not getattr(request, "is_preview", False):
            rows[self.pk] = training_services.progress_start(user=user, page=self, existing=rows.get(self.pk))
        course_progress = training_selectors.progress_from_outline(user=user, outline=outline, progress=rows)
        item = course_progress.item(self.pk)
        previous_item, next_item = course_progress.neighbours(self.pk)
        context.update(
            course=outline.course,
            course_progress=course_progress,
            module_progress=course_progress.module_of(self.pk),
            item=item,
            progress=item.progress if item else None,
            previous_item=previous_item,
            next_item=next_item,
            locked=bool(item and item.locked),
            outline_html=course_outline_html(progress=course_progress, current_id=self.pk),
            body_segments=render_body_segments(self, request=request),
            reflections=(training_selectors.reflections_for_page(user=user, page=self) if self.has_reflection else {}),
        )
        return context
