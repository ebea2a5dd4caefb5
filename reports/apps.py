from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """Reports for trainers and clinic managers: the progress matrix, quiz item analysis and
    charts, each exportable. Reads only; who may see what comes from organisations.scoping."""

    name = "reports"
    verbose_name = _("Reports")
