from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordsConfig(AppConfig):
    """A person's training record: what they completed, attempted and earned, for themselves
    (with a download of all their own data) and for the people who follow their training."""

    name = "records"
    verbose_name = _("Records")
