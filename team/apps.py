from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TeamConfig(AppConfig):
    """The clinic manager's view of their team: each person's assigned courses and progress,
    and assigning courses. Trainers see every organisation here too. What anyone may see is
    decided by organisations.scoping."""

    name = "team"
    verbose_name = _("Team")
