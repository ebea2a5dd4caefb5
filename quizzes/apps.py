from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def optional_quiz_ids(*, course, item_ids) -> set[int]:
    """The check-your-understanding quizzes among a course's learning items, unless the course
    requires them: those do not count toward completing a module or the course."""
    if not item_ids or getattr(course, "require_check_quizzes", False):
        return set()
    from .models import QuizPage

    return set(QuizPage.objects.filter(pk__in=list(item_ids), kind=QuizPage.Kind.CHECK).values_list("pk", flat=True))


class QuizzesConfig(AppConfig):
    """Quizzes: authored as pages under a module, taken and graded on the server."""

    name = "quizzes"
    verbose_name = _("Quizzes")

    def ready(self):
        from training import curriculum

        from .models import QuizPage

        curriculum.register_item_type(QuizPage)
        curriculum.register_optional_items(optional_quiz_ids)
