from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    """Who belongs where: the host organisation, partner clinics, their members and roles."""

    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from . import caching

        caching.connect()
