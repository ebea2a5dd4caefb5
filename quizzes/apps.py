from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuizzesConfig(AppConfig):
    """Quizzes: authored as pages under a module, taken and graded on the server."""

    name = "quizzes"
    verbose_name = _("Quizzes")
