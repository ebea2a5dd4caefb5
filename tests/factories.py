"""Factories for the test cast and for course trees of any size."""

import factory

from django.contrib.auth import get_user_model

from wagtail.models import Page

from home.setup import site_ensure_home_page
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from quizzes.models import QuizPage

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


# Quizzes ---------------------------------------------------------------------------------
# Question builders return (block type, value) pairs for QuizPage.questions. Every choice's
# feedback is unique, so a test can tell whether it leaked into a page.


def choice(text: str, correct: bool = False, feedback: str | None = None) -> dict:
    return {"text": text, "correct": correct, "feedback": feedback or f"Feedback on “{text}”."}


def single_choice(prompt: str = "Which one?", choices: list[dict] | None = None) -> tuple:
    choices = choices or [choice(f"{prompt} right", True), choice(f"{prompt} wrong"), choice(f"{prompt} also wrong")]
    return ("single_choice", {"prompt": prompt, "choices": choices})


def multiple_select(prompt: str = "Which ones?", choices: list[dict] | None = None) -> tuple:
    choices = choices or [
        choice(f"{prompt} right A", True),
        choice(f"{prompt} right B", True),
        choice(f"{prompt} wrong C"),
        choice(f"{prompt} wrong D"),
    ]
    return ("multiple_select", {"prompt": prompt, "choices": choices})


def true_false(prompt: str = "A statement.", answer: bool = True) -> tuple:
    return (
        "true_false",
        {
            "prompt": prompt,
            "answer": answer,
            "feedback_true": f"Feedback on answering true to “{prompt}”.",
            "feedback_false": f"Feedback on answering false to “{prompt}”.",
        },
    )


def scenario(case: str = "A client arrives.", prompt: str = "What now?", choices=None, multiple: bool = False) -> tuple:
    choices = choices or [choice(f"{case} right", True), choice(f"{case} wrong")]
    return ("scenario", {"case": case, "prompt": prompt, "multiple": multiple, "choices": choices})


def sample_questions(count: int = 4) -> list[tuple]:
    """`count` questions cycling through every type, each with its own wording."""
    makers = [
        lambda n: single_choice(f"Single question {n}"),
        lambda n: multiple_select(f"Multiple question {n}"),
        lambda n: true_false(f"True-or-false statement {n}", answer=n % 2 == 0),
        lambda n: scenario(f"Case {n}: a client drops in.", f"Scenario question {n}"),
    ]
    return [makers[(n - 1) % len(makers)](n) for n in range(1, count + 1)]


def build_quiz(module: Page, *, kind: str = "check", questions: list | None = None, slug: str = "quiz", **fields):
    """A published quiz at the end of `module`."""
    return publish_child(
        module,
        QuizPage(
            title=fields.pop("title", f"Quiz {slug}"),
            slug=slug,
            kind=kind,
            questions=questions if questions is not None else sample_questions(),
            **fields,
        ),
    )


def modules_of(course: CoursePage) -> list[ModulePage]:
    return list(ModulePage.objects.live().child_of(course).order_by("path"))


def right_answers(questions: list[dict]) -> dict:
    """Every question of a snapshot answered fully right."""
    return {q["id"]: [c["id"] for c in q["choices"] if c["correct"]] for q in questions}


def wrong_answers(questions: list[dict]) -> dict:
    """Every question of a snapshot answered with its first wrong choice."""
    return {q["id"]: [next(c["id"] for c in q["choices"] if not c["correct"])] for q in questions}


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
