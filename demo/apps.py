from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo people and progress for trying the platform (`manage.py load_demo`)."""

    name = "demo"
    verbose_name = _("Demo data")
