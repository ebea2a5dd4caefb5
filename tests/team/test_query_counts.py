"""The team page makes the same number of queries for 10 staff as for 500, with 5 courses each,
and works out progress only for the page of people it shows."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from assignments.models import Assignment
from organisations.models import Membership
from team.selectors import PEOPLE_PER_PAGE
from tests.factories import build_course, lessons_of
from training.models import LearningProgress

pytestmark = pytest.mark.django_db

TEAM_PAGE_MAX_QUERIES = 14


def add_staff(clinic, courses, *, start: int, count: int) -> None:
    """`count` people in `clinic`, each with the five courses assigned and some progress (bulk)."""
    now = timezone.now()
    users = User.objects.bulk_create(
        [User(email=f"staff{n}@clinic-a.example.org", first_name=f"Staff {n}") for n in range(start, start + count)]
    )
    Membership.objects.bulk_create([Membership(user=u, organisation=clinic, joined_at=now) for u in users])
    Assignment.objects.bulk_create(
        [Assignment(user=u, course=c, due_on=timezone.localdate()) for u in users for c in courses]
    )
    first_lessons = [lessons_of(c)[0] for c in courses[:2]]
    LearningProgress.objects.bulk_create(
        [
            LearningProgress(
                user=u,
                page=lesson,
                page_title=lesson.title,
                started_at=now,
                completed_at=now,
                completion_source="manual",
            )
            for u in users
            for lesson in first_lessons
        ]
    )


def count(client, url) -> tuple[int, str]:
    client.get(url)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


@pytest.mark.parametrize("who", ["manager", "trainer"])
def test_team_page_queries_are_the_same_for_10_and_500_staff(client, request, who, clinic_a):
    courses = [build_course(modules=1, lessons_per_module=3, slug=f"c{n}") for n in range(5)]
    client.force_login(request.getfixturevalue(who))
    url = reverse("team:overview")
    add_staff(clinic_a, courses, start=0, count=10)
    few, html = count(client, url)
    assert html.count("1 of 3 done") == 10 * 2
    assert "Page 1 of" not in html  # everyone fits on one page
    add_staff(clinic_a, courses, start=10, count=490)
    many, html = count(client, url)
    assert html.count('<th scope="row">') == PEOPLE_PER_PAGE
    assert "Page 1 of 11" in html  # the 500 staff and the one signed in (a member of clinic A or the host)
    assert few == many <= TEAM_PAGE_MAX_QUERIES
    print(f"\nteam page as {who}: {few} queries for 10 staff, {many} for 500")


def test_a_later_page_costs_the_same_queries_as_the_first(client, manager, clinic_a):
    courses = [build_course(modules=1, lessons_per_module=3, slug=f"c{n}") for n in range(5)]
    add_staff(clinic_a, courses, start=0, count=120)
    client.force_login(manager)
    url = reverse("team:overview")
    first, _html = count(client, url)
    last, html = count(client, url + "?page=3")
    assert html.count('<th scope="row">') == 121 - 2 * PEOPLE_PER_PAGE
    assert first == last
