"""The dashboard separates what is assigned (with gentle due dates) from everything else."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from assignments.services import assignment_create
from tests.factories import build_course, lessons_of
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db


def dashboard(client) -> str:
    return client.get(reverse("training:dashboard")).content.decode()


def section(html: str, heading_id: str) -> str:
    start = html.index(f'id="{heading_id}"')
    end = html.find("</section>", start)
    return html[start:end]


@pytest.fixture
def courses(db):
    return [build_course(modules=1, lessons_per_module=1, slug=s, title=f"Course {s}") for s in ("one", "two", "three")]


def test_assigned_courses_are_apart_from_the_rest(trainee_client, trainee, courses):
    assignment_create(course=courses[0], user=trainee, due_on=timezone.localdate() + timedelta(days=5))
    html = dashboard(trainee_client)
    assigned, explore = section(html, "assigned-heading"), section(html, "explore-heading")
    assert "Course one" in assigned and "Course one" not in explore
    assert "Course two" in explore and "Course three" in explore
    assert "Due in 5 days" in assigned


def test_a_past_due_date_is_shown_kindly_and_the_course_stays_open(trainee_client, trainee, courses):
    assignment_create(course=courses[0], user=trainee, due_on=timezone.localdate() - timedelta(days=2))
    html = dashboard(trainee_client)
    assert "Past due by 2 days" in html
    for alarming in ("overdue", "late", "failed", "warning"):
        assert alarming not in section(html, "assigned-heading").lower()
    assert trainee_client.get(lessons_of(courses[0])[0].url).status_code == 200


def test_a_finished_assigned_course_shows_no_due_date(trainee_client, trainee, courses):
    assignment_create(course=courses[0], user=trainee, due_on=timezone.localdate() - timedelta(days=2))
    progress_mark_complete(user=trainee, page=lessons_of(courses[0])[0])
    html = dashboard(trainee_client)
    assert "Past due" not in html
    assert "Completed" in section(html, "assigned-heading")


def test_organisation_assignments_show_for_its_members_only(client, trainee, other_trainee, clinic_a, courses):
    assignment_create(course=courses[1], organisation=clinic_a)
    client.force_login(trainee)
    assert "Course two" in section(dashboard(client), "assigned-heading")
    client.force_login(other_trainee)
    assert 'id="assigned-heading"' not in dashboard(client)


def test_an_assigned_course_not_open_to_the_person_is_not_shown(trainee_client, trainee, courses):
    from lessons.models import CoursePage

    page = CoursePage.objects.get(pk=courses[0].pk)
    page.availability = "host"
    page.save_revision().publish()
    assignment_create(course=courses[0], user=trainee)
    assert "Course one" not in dashboard(trainee_client)


def test_dashboard_queries_do_not_grow_with_assignments(trainee_client, trainee, clinic_a, courses):
    from tests.lessons.test_query_counts import count_queries

    url = reverse("training:dashboard")
    assignment_create(course=courses[0], user=trainee)
    few = count_queries(trainee_client, url)
    more = [build_course(modules=1, lessons_per_module=2, slug=f"more-{n}") for n in range(4)]
    for course in more:
        assignment_create(course=course, user=trainee, due_on=timezone.localdate())
        assignment_create(course=course, organisation=clinic_a)
    assert count_queries(trainee_client, url) == few
