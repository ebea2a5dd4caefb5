from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    """Certificates of completed courses: issued once per completion, verifiable by anyone
    with the code, revocable by trainers, renewed when a course asks for refreshers."""

    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from training.signals import item_completed

        from .services import certificate_on_item_completed

        item_completed.connect(certificate_on_item_completed, dispatch_uid="certificates-on-item-completed")
