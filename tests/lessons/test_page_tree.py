import pytest

from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ModulePage


class TestPageTree(WagtailPageTestCase):
    def test_home_holds_only_the_course_catalogue(self):
        self.assertAllowedSubpageTypes(HomePage, {CourseIndexPage})

    def test_catalogue_holds_courses_under_home_only(self):
        self.assertAllowedSubpageTypes(CourseIndexPage, {CoursePage})
        self.assertAllowedParentPageTypes(CourseIndexPage, {HomePage})

    def test_course_holds_modules(self):
        self.assertAllowedSubpageTypes(CoursePage, {ModulePage})
        self.assertAllowedParentPageTypes(CoursePage, {CourseIndexPage})

    def test_module_holds_lessons_and_sits_in_a_course(self):
        self.assertCanCreateAt(ModulePage, LessonPage)
        self.assertCanNotCreateAt(ModulePage, ModulePage)
        self.assertAllowedParentPageTypes(ModulePage, {CoursePage})

    def test_lesson_is_a_leaf_inside_a_module(self):
        self.assertAllowedSubpageTypes(LessonPage, set())
        self.assertAllowedParentPageTypes(LessonPage, {ModulePage})


@pytest.mark.django_db
def test_courses_default_to_any_order_and_a_90_percent_video_threshold():
    course = CoursePage(title="x", summary="y")
    assert course.lessons_in_order is False
    assert course.video_completion_percent == 90
