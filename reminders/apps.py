from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    """Reminder emails: a gentle one before a suggested date and one after it, for courses not yet
    finished, and a weekly summary to each clinic manager about their own staff. Sent by
    background tasks (django-tasks), each once, however often the scheduler runs."""

    name = "reminders"
    verbose_name = _("Reminders")
