from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvitationsConfig(AppConfig):
    """How people join: an invitation by email (one, or many from a CSV file), or a shareable
    link for an organisation. There is no open sign-up unless a setting allows it."""

    name = "invitations"
    verbose_name = _("Invitations")
