"""Data at scale for the reports' benchmark and for trying the reports with many people:
organisations, trainees, a long course with a sign-off quiz per module, and realistic progress
and quiz attempts. Everything is written with bulk_create, so 1,000 trainees take seconds.

The quiz attempts are graded by the real grading function (quizzes.grading) and recorded in
the same shape as a trainee's submission (quizzes.services), so the item analysis reads them
exactly as it reads real ones.
"""

import random
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from assignments.models import Assignment
from home.content_version import content_changed
from home.setup import site_ensure_home_page
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from organisations.models import Cohort, Membership, Organisation
from quizzes import grading
from quizzes.models import ChoiceSelection, QuestionResponse, QuizAttempt, QuizPage
from quizzes.services import attempt_response_rows
from training.models import LearningProgress

PREFIX = "scale"
PASSWORD = "scale-data-password"
COURSE_SLUG = "scale-course"
PASS_MARK = 80
BATCH = 2000

FIRST_NAMES = ("Alex", "Bo", "Cam", "Dana", "Eli", "Fran", "Gus", "Hana", "Ira", "Jo", "Kit", "Lee", "Max", "Noor")
LAST_NAMES = ("Abara", "Berg", "Cruz", "Diaz", "Ek", "Fox", "Gray", "Hill", "Ito", "Jain", "Kerr", "Lund", "Moss")


class ScaleDataExists(Exception):
    """The scale data is already in this database."""


@dataclass(frozen=True)
class ScaleSummary:
    organisations: int
    trainees: int
    lessons: int
    quizzes: int
    progress_rows: int
    attempts: int
    responses: int


def _choice(text: str, correct: bool = False) -> dict:
    return {"text": text, "correct": correct, "feedback": f"Why “{text}” is {'right' if correct else 'not quite'}."}


def _questions(module: int) -> list[tuple]:
    """Six questions of every kind, some harder than others."""
    single = [
        (
            "single_choice",
            {
                "prompt": f"Module {module}, question {n}: which response fits best?",
                "choices": [_choice(f"Answer {letter}", letter == "A") for letter in "ABCD"],
            },
        )
        for n in (1, 2, 3)
    ]
    true_false = [
        (
            "true_false",
            {
                "prompt": f"Module {module}, statement {n}.",
                "answer": n == 1,
                "feedback_true": "Feedback on true.",
                "feedback_false": "Feedback on false.",
            },
        )
        for n in (4, 5)
    ]
    several = (
        "multiple_select",
        {
            "prompt": f"Module {module}, question 6: which of these apply?",
            "choices": [_choice(f"Option {letter}", letter in "AB") for letter in "ABCD"],
        },
    )
    return [*single, *true_false, several]


def _catalogue() -> CourseIndexPage:
    home = site_ensure_home_page()
    existing = CourseIndexPage.objects.child_of(home).first()
    return existing or home.add_child(instance=CourseIndexPage(title="Courses", slug="courses"))


def _build_course(*, modules: int, lessons_per_module: int) -> tuple[CoursePage, list, list[QuizPage]]:
    """The course's pages, live, in course order (lessons then the module's sign-off quiz)."""
    course = _catalogue().add_child(
        instance=CoursePage(
            title="Working with people who use drugs (scale data)",
            slug=COURSE_SLUG,
            summary="A long generated course for the reports' benchmark.",
        )
    )
    items, quizzes = [], []
    for m in range(1, modules + 1):
        module = course.add_child(instance=ModulePage(title=f"Module {m}", slug=f"module-{m}"))
        for n in range(1, lessons_per_module + 1):
            items.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Lesson {m}.{n}", slug=f"lesson-{m}-{n}", body=[("text", "<p>Text.</p>")]
                    )
                )
            )
        quiz = module.add_child(
            instance=QuizPage(
                title=f"Module {m} sign-off",
                slug=f"signoff-{m}",
                kind=QuizPage.Kind.SIGNOFF,
                pass_mark=PASS_MARK,
                questions=_questions(m),
            )
        )
        items.append(quiz)
        quizzes.append(QuizPage.objects.get(pk=quiz.pk))  # read back: the saved blocks have ids
    content_changed()
    return course, items, quizzes


def _answers(rng: random.Random, questions: list[dict], ability: float) -> dict:
    """Answers of a trainee of `ability` (0..1): harder questions (later ones) are missed more."""
    answers = {}
    for number, question in enumerate(questions):
        right = [c["id"] for c in question["choices"] if c["correct"]]
        wrong = [c["id"] for c in question["choices"] if not c["correct"]]
        difficulty = 0.05 + 0.08 * number
        if rng.random() < ability - difficulty:
            answers[question["id"]] = right
        elif question["type"] == "multiple":
            answers[question["id"]] = [right[0], rng.choice(wrong)]
        else:
            answers[question["id"]] = [rng.choice(wrong)]
    return answers


def _attempt(rng, *, user, quiz, snapshot, ability, number, when) -> tuple[QuizAttempt, grading.GradeResult]:
    answers = _answers(rng, snapshot, ability)
    result = grading.grade(snapshot, answers, pass_mark=PASS_MARK)
    attempt = QuizAttempt(
        user=user,
        quiz=quiz,
        quiz_title=quiz.title,
        kind=QuizPage.Kind.SIGNOFF,
        pass_mark=PASS_MARK,
        questions=snapshot,
        answers=answers,
        number=number,
        submitted_at=when,
        score=Decimal(str(result.percent)),
        passed=result.passed,
    )
    return attempt, result


@transaction.atomic
def scale_data_generate(
    *, trainees: int = 1000, organisations: int = 10, modules: int = 6, lessons_per_module: int = 10, seed: int = 1
) -> ScaleSummary:
    """Generate the scale data (once per database: raises ScaleDataExists the second time)."""
    if CoursePage.objects.filter(slug=COURSE_SLUG).exists():
        raise ScaleDataExists("The scale data is already in this database.")
    rng = random.Random(seed)
    now = timezone.now()
    course, items, quizzes = _build_course(modules=modules, lessons_per_module=lessons_per_module)
    snapshots = {quiz.pk: quiz.build_snapshot(seed=0) for quiz in quizzes}

    orgs = Organisation.objects.bulk_create(
        [
            Organisation(name=f"Scale clinic {n:02d}", slug=f"{PREFIX}-clinic-{n:02d}")
            for n in range(1, organisations + 1)
        ]
    )
    password = make_password(PASSWORD)
    User = get_user_model()
    people = User.objects.bulk_create(
        [
            User(
                email=f"{PREFIX}-trainee-{n:04d}@example.org",
                first_name=rng.choice(FIRST_NAMES),
                last_name=f"{rng.choice(LAST_NAMES)} {n:04d}",
                password=password,
            )
            for n in range(1, trainees + 1)
        ]
        + [
            User(
                email=f"{PREFIX}-manager-{n:02d}@example.org",
                first_name="Manager",
                last_name=f"{n:02d}",
                password=password,
            )
            for n in range(1, organisations + 1)
        ],
        batch_size=BATCH,
    )
    learners, managers = people[:trainees], people[trainees:]
    joined = now - timedelta(days=150)
    Membership.objects.bulk_create(
        [Membership(user=u, organisation=orgs[i % organisations], joined_at=joined) for i, u in enumerate(learners)]
        + [
            Membership(user=u, organisation=orgs[i], role=Membership.Role.MANAGER, joined_at=joined)
            for i, u in enumerate(managers)
        ],
        batch_size=BATCH,
    )
    cohorts = Cohort.objects.bulk_create(
        [Cohort(organisation=org, name=name) for org in orgs for name in ("Spring starters", "Autumn starters")]
    )
    Cohort.members.through.objects.bulk_create(
        [
            Cohort.members.through(cohort=cohorts[2 * (i % organisations) + (i // organisations) % 2], user=u)
            for i, u in enumerate(learners)
        ],
        batch_size=BATCH,
    )
    today = timezone.localdate(now)
    Assignment.objects.bulk_create(
        [
            Assignment(course=course, organisation=org, due_on=today + timedelta(days=7 * (i - 3)))
            for i, org in enumerate(orgs)
        ]
    )

    progress, attempts = [], []
    for user in learners:
        ability = rng.uniform(0.55, 1.0)
        luck = rng.random()
        reached = 0 if luck < 0.12 else len(items) if luck < 0.45 else rng.randint(1, len(items) - 1)
        moment = now - timedelta(days=rng.uniform(5, 120))
        pace = rng.uniform(3, 48)  # hours between one item and the next
        for index, page in enumerate(items[: reached + 1]):
            started = moment
            moment += timedelta(hours=rng.uniform(0.3, 1.7) * pace)
            if moment > now:  # not that far yet: this item is where they are
                moment, reached = now, index
            done = index < reached
            if isinstance(page, QuizPage):
                number = 0
                passed = False
                while not passed and number < (3 if done else 1):
                    number += 1
                    # Someone who goes on past a sign-off passed it by their third attempt at the latest.
                    attempt, result = _attempt(
                        rng,
                        user=user,
                        quiz=page,
                        snapshot=snapshots[page.pk],
                        ability=2.0 if done and number == 3 else ability,
                        number=number,
                        when=moment,
                    )
                    passed = bool(result.passed)
                    if done or not passed:  # where someone is now, they have not passed yet
                        attempts.append((attempt, result))
                done = done and passed
            progress.append(
                LearningProgress(
                    user=user,
                    page=page,
                    page_title=page.title,
                    started_at=started,
                    last_visited_at=moment,
                    completed_at=moment if done else None,
                    completion_source=(
                        (LearningProgress.CompletionSource.QUIZ if isinstance(page, QuizPage) else "manual")
                        if done
                        else ""
                    ),
                )
            )
            if not done:
                break
    LearningProgress.objects.bulk_create(progress, batch_size=BATCH)
    QuizAttempt.objects.bulk_create([attempt for attempt, _result in attempts], batch_size=BATCH)
    responses, picks = [], []
    for attempt, result in attempts:
        for response, selections in attempt_response_rows(attempt, result):
            responses.append(response)
            picks.append(selections)
    QuestionResponse.objects.bulk_create(responses, batch_size=BATCH)
    selections = []
    for response, chosen in zip(responses, picks, strict=True):
        for selection in chosen:
            selection.response = response
            selections.append(selection)
    ChoiceSelection.objects.bulk_create(selections, batch_size=BATCH)
    return ScaleSummary(
        organisations=len(orgs),
        trainees=len(learners),
        lessons=len(items) - len(quizzes),
        quizzes=len(quizzes),
        progress_rows=len(progress),
        attempts=len(attempts),
        responses=len(responses),
    )
