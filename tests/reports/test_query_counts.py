"""Every report makes the same, small number of queries whatever the number of people,
lessons, attempts and questions (the session and the signed-in user included)."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import build_course, build_quiz, lessons_of, member_of, modules_of, sample_questions, wrong_answers
from tests.reports.conftest import signed_in, submit
from training.services import progress_mark_complete, progress_start

pytestmark = pytest.mark.django_db

MAX_QUERIES = 10


def populate(*, slug: str, modules: int, lessons: int, people: int, organisations: list):
    course = build_course(modules=modules, lessons_per_module=lessons, slug=slug)
    quizzes = [
        build_quiz(module, kind="signoff", slug=f"{slug}-q{n}", questions=sample_questions(4 + n))
        for n, module in enumerate(modules_of(course))
    ]
    items = lessons_of(course)
    for number in range(people):
        person = member_of(organisations[number % len(organisations)])
        for lesson in items[: number % (len(items) + 1)]:
            progress_mark_complete(user=person, page=lesson)
        progress_start(user=person, page=items[-1])
        for quiz in quizzes[: 1 + number % len(quizzes)]:
            submit(person, quiz, wrong_answers)
    return course, quizzes[0]


def counts(client, urls) -> list[int]:
    found = []
    for url in urls:
        client.get(url)  # warm the caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
            if response.streaming:
                b"".join(response.streaming_content)
        assert response.status_code == 200, url
        found.append(len(captured.captured_queries))
    return found


def report_urls(course, quiz) -> list[str]:
    progress, items, charts = reverse("reports:progress"), reverse("reports:items"), reverse("reports:charts")
    return [
        f"{progress}?course={course.pk}",
        f"{progress}?course={course.pk}&columns=items&sort=-percent&status=on_track",
        f"{progress}?course={course.pk}&export=csv",
        f"{progress}?course={course.pk}&export=xlsx&columns=items",
        f"{items}?quiz={quiz.pk}",
        f"{items}?quiz={quiz.pk}&export=xlsx",
        f"{charts}?course={course.pk}",
        f"{charts}?course={course.pk}&export=csv&table=organisations",
    ]


@pytest.mark.parametrize("role", ["trainer", "manager"])
def test_reports_make_the_same_few_queries_for_small_and_larger_data(
    client, role, trainer, manager, clinic_a, clinic_b
):
    client = signed_in(client, trainer if role == "trainer" else manager)
    small = counts(
        client, report_urls(*populate(slug="small", modules=1, lessons=2, people=2, organisations=[clinic_a]))
    )
    large = counts(
        client,
        report_urls(*populate(slug="large", modules=4, lessons=5, people=14, organisations=[clinic_a, clinic_b])),
    )
    assert small == large
    assert max(large) <= MAX_QUERIES, large
