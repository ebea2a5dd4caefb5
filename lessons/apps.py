from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LessonsConfig(AppConfig):
    """What is taught: courses, modules and lessons."""

    name = "lessons"
    verbose_name = _("Courses and lessons")

    def ready(self):
        from training import curriculum

        from . import availability
        from .models import CoursePage, LessonPage, ModulePage

        curriculum.register_course_type(CoursePage)
        curriculum.register_module_type(ModulePage)
        curriculum.register_item_type(LessonPage)
        curriculum.register_access_rule(availability.hidden_course_paths)
