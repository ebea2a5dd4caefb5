"""Trainers reach the reports from the Wagtail admin menu. The reports themselves live on the
site at /manage/reports/, where clinic managers (who have no admin access) use them too, with
the same views, selectors and scoping."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem


@hooks.register("register_admin_menu_item")
def register_reports_menu_item():
    return MenuItem(_("Training reports"), reverse("reports:progress"), icon_name="table", order=250)
