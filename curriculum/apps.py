from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurriculumConfig(AppConfig):
    """The starter course shipped with the platform, and the loader that installs it."""

    name = "curriculum"
    verbose_name = _("Starter curriculum")
