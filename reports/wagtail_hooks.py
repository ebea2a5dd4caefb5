"""Trainers reach the reports from the Wagtail admin's Reports menu. The reports themselves
live on the site at /manage/reports/, where clinic managers (who have no admin access) use them
too, with the same views, selectors and scoping."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_reports_menu_item")
def register_progress_report_menu_item():
    return MenuItem(_("Training progress"), reverse("reports:progress"), icon_name="table", order=10)


@hooks.register("register_reports_menu_item")
def register_quiz_questions_report_menu_item():
    return MenuItem(_("Quiz questions"), reverse("reports:items"), icon_name="help", order=11)


@hooks.register("register_reports_menu_item")
def register_completions_report_menu_item():
    return MenuItem(_("Training completions"), reverse("reports:charts"), icon_name="date", order=12)
