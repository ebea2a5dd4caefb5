"""Queries per page do not grow with the size of a course."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import build_course, lessons_of
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db

LESSON_PAGE_MAX_QUERIES = 12


def count_queries(client, url) -> int:
    client.get(url)  # warm caches that are the same for everyone (site root, rendered body)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def course_with(lessons: int, slug: str):
    course = build_course(modules=lessons // 5, lessons_per_module=5, slug=slug)
    return course, lessons_of(course)


@pytest.fixture
def small_and_large(trainee):
    small, small_lessons = course_with(5, "small")
    large, large_lessons = course_with(50, "large")
    for lesson in small_lessons[:2] + large_lessons[:20]:
        progress_mark_complete(user=trainee, page=lesson)
    return (small, small_lessons), (large, large_lessons)


def test_lesson_page_queries_do_not_grow_with_the_course(
    trainee_client, small_and_large, django_assert_max_num_queries
):
    (small, small_lessons), (large, large_lessons) = small_and_large
    small_count = count_queries(trainee_client, small_lessons[3].url)
    large_count = count_queries(trainee_client, large_lessons[30].url)
    assert small_count == large_count
    with django_assert_max_num_queries(LESSON_PAGE_MAX_QUERIES):
        trainee_client.get(large_lessons[40].url)


def test_course_page_queries_do_not_grow_with_the_course(trainee_client, small_and_large):
    (small, _), (large, _) = small_and_large
    assert count_queries(trainee_client, small.url) == count_queries(trainee_client, large.url)


def test_module_page_queries_do_not_grow_with_the_course(trainee_client, small_and_large):
    (_, small_lessons), (_, large_lessons) = small_and_large
    assert count_queries(trainee_client, small_lessons[0].get_parent().url) == count_queries(
        trainee_client, large_lessons[0].get_parent().url
    )


def test_dashboard_queries_do_not_grow_with_courses_or_lessons(trainee_client, trainee, django_assert_max_num_queries):
    course_with(5, "one")
    url = reverse("training:dashboard")
    few = count_queries(trainee_client, url)
    course_with(50, "two")
    course_with(50, "three")
    many = count_queries(trainee_client, url)
    assert few == many
    with django_assert_max_num_queries(8):
        trainee_client.get(url)


def test_a_warm_lesson_page_asks_the_database_only_for_the_trainees_own_records(trainee_client, course):
    """The page, the route to it and the signed-in person come from caches; what is left is the
    trainee's progress and reflections."""
    url = lessons_of(course)[0].url
    trainee_client.get(url)  # finds the route
    trainee_client.get(url)  # keeps a copy of the page
    with CaptureQueriesContext(connection) as ctx:
        assert trainee_client.get(url).status_code == 200
    tables = sorted(query["sql"].split(" FROM ")[1].split()[0].strip('"') for query in ctx.captured_queries)
    assert tables == ["training_learningprogress"]  # this lesson has no reflection prompt
