"""Assignments and onboarding paths in the Wagtail admin, for trainers and administrators."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, PageChooserPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Assignment, OnboardingStep


class AssignmentViewSet(SnippetViewSet):
    model = Assignment
    icon = "tasks"
    menu_label = _("Assignments")
    list_display = ["course", "user", "cohort", "organisation", "due_on", "source"]
    list_filter = ["organisation", "source"]
    list_export = ["course", "user", "cohort", "organisation", "due_on", "source", "assigned_at"]
    panels = [
        PageChooserPanel("course", page_type="lessons.CoursePage"),
        FieldPanel("user"),
        FieldPanel("cohort"),
        FieldPanel("organisation"),
        FieldPanel("due_on"),
    ]


class OnboardingStepViewSet(SnippetViewSet):
    model = OnboardingStep
    icon = "list-ol"
    menu_label = _("Onboarding paths")
    list_display = ["organisation", "course", "due_after_days"]
    list_filter = ["organisation"]
    panels = [
        FieldPanel("organisation"),
        PageChooserPanel("course", page_type="lessons.CoursePage"),
        FieldPanel("due_after_days"),
    ]


class AssignmentsGroup(SnippetViewSetGroup):
    items = (AssignmentViewSet, OnboardingStepViewSet)
    menu_icon = "tasks"
    menu_label = _("Assignments")
    menu_name = "assignments"


register_snippet(AssignmentsGroup)
