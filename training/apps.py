from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    """What each trainee did: progress through lessons, video watched, reflections written."""

    name = "training"
    verbose_name = _("Training records")
