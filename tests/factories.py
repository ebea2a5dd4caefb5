"""Factories for the test cast and for course trees of any size."""

import factory

from django.contrib.auth import get_user_model

from wagtail.models import Page

from home.setup import site_ensure_home_page
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

PASSWORD = "a-test-password-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def catalogue() -> CourseIndexPage:
    home = site_ensure_home_page()
    existing = CourseIndexPage.objects.child_of(home).first()
    return existing or publish_child(home, CourseIndexPage(title="Courses", slug="courses"))


def text_body(text: str = "Lesson text.") -> list:
    return [("text", f"<p>{text}</p>")]


def build_course(
    *, modules: int = 2, lessons_per_module: int = 2, slug: str = "course", body=None, **course_fields
) -> CoursePage:
    """A published course with `modules` modules of `lessons_per_module` lessons each."""
    course = publish_child(
        catalogue(),
        CoursePage(title=course_fields.pop("title", f"Course {slug}"), slug=slug, summary="A course.", **course_fields),
    )
    for m in range(1, modules + 1):
        module = publish_child(course, ModulePage(title=f"Module {m}", slug=f"module-{m}"))
        for n in range(1, lessons_per_module + 1):
            publish_child(
                module,
                LessonPage(
                    title=f"Lesson {m}.{n}", slug=f"lesson-{m}-{n}", body=body if body is not None else text_body()
                ),
            )
    return course


def lessons_of(course: CoursePage) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "organisations.Organisation"
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Clinic {n}")
    slug = factory.Sequence(lambda n: f"clinic-{n}")
    kind = "partner"


def member_of(organisation, *, role: str = "trainee", **user_fields):
    """A new person who belongs to `organisation` with `role`."""
    from organisations.services import membership_join

    user = UserFactory(**user_fields)
    membership_join(user=user, organisation=organisation, role=role)
    return user
