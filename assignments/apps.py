from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    """What is assigned: courses given to a person, a cohort or an organisation, with due dates,
    and each organisation's onboarding path."""

    name = "assignments"
    verbose_name = _("Assignments")

    def ready(self):
        from organisations.signals import membership_joined

        from .services import onboarding_on_join

        membership_joined.connect(onboarding_on_join, dispatch_uid="assignments-onboarding-on-join")
