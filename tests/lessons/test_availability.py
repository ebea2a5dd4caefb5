"""A course is open to everyone, to the host organisation only, or to chosen organisations. A
person never sees a course that is not open to them: not in lists, not in search, not by URL."""

import json

import pytest

from django.urls import reverse

from lessons.models import CoursePage
from tests.factories import UserFactory, build_course, lessons_of
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


def restrict(course, availability, organisations=()):
    course = CoursePage.objects.get(pk=course.pk)
    course.availability = availability
    course.available_to = list(organisations)
    course.save_revision().publish()
    return course


@pytest.fixture
def host_course(host_org):
    return restrict(build_course(modules=1, lessons_per_module=2, slug="host-only", title="Host induction"), "host")


@pytest.fixture
def clinic_a_course(clinic_a):
    course = build_course(modules=1, lessons_per_module=2, slug="for-a", title="Clinic A practice")
    return restrict(course, "chosen", [clinic_a])


@pytest.fixture
def open_course(db):
    return build_course(modules=1, lessons_per_module=2, slug="open", title="Open to all")


def pages_of(course):
    lesson = lessons_of(course)[0]
    return [course.url, lesson.get_parent().url, lesson.url]


def test_a_trainee_gets_404_for_every_page_of_a_course_not_open_to_their_clinic(client, trainee, host_course):
    client.force_login(trainee)
    for url in pages_of(host_course):
        assert client.get(url).status_code == 404, url


def test_chosen_clinics_see_the_course_and_others_do_not(client, trainee, other_trainee, clinic_a_course):
    client.force_login(trainee)
    for url in pages_of(clinic_a_course):
        assert client.get(url).status_code == 200, url
    client.force_login(other_trainee)
    for url in pages_of(clinic_a_course):
        assert client.get(url).status_code == 404, url


def test_host_staff_see_host_only_courses(client, host_org, host_course):
    from organisations.services import membership_join

    person = UserFactory()
    membership_join(user=person, organisation=host_org)
    client.force_login(person)
    for url in pages_of(host_course):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("who", ["trainer", "admin_user"])
def test_trainers_and_administrators_see_every_course(client, request, who, host_course, clinic_a_course):
    client.force_login(request.getfixturevalue(who))
    for url in pages_of(host_course) + pages_of(clinic_a_course):
        assert client.get(url).status_code == 200, url


def test_a_person_without_an_organisation_sees_only_courses_open_to_everyone(client, host_course, open_course):
    client.force_login(UserFactory())
    assert client.get(host_course.url).status_code == 404
    assert client.get(open_course.url).status_code == 200


def test_hidden_courses_are_not_on_the_dashboard(client, trainee, host_course, clinic_a_course, open_course):
    client.force_login(trainee)
    html = client.get(reverse("training:dashboard")).content.decode()
    assert "Open to all" in html
    assert "Clinic A practice" in html
    assert "Host induction" not in html


def test_hidden_courses_are_not_in_the_catalogue(client, other_trainee, host_course, clinic_a_course, open_course):
    client.force_login(other_trainee)
    html = client.get(open_course.get_parent().url).content.decode()
    assert "Open to all" in html
    assert "Host induction" not in html
    assert "Clinic A practice" not in html


def test_anonymous_visitors_see_only_courses_open_to_everyone_in_the_catalogue(client, host_course, open_course):
    html = client.get(open_course.get_parent().url).content.decode()
    assert "Open to all" in html
    assert "Host induction" not in html


def test_hidden_courses_and_their_lessons_are_not_in_search(client, other_trainee, clinic_a_course, open_course):
    from django.core.management import call_command

    call_command("update_index", verbosity=0)  # the test settings do not index on save
    client.force_login(other_trainee)
    html = client.get(reverse("search"), {"q": "Lesson"}).content.decode()
    assert lessons_of(open_course)[0].url in html
    assert lessons_of(clinic_a_course)[0].url not in html
    html = client.get(reverse("search"), {"q": "Clinic A practice"}).content.decode()
    assert clinic_a_course.url not in html


def test_progress_endpoints_of_a_hidden_lesson_are_404_and_write_nothing(client, other_trainee, clinic_a_course):
    client.force_login(other_trainee)
    lesson = lessons_of(clinic_a_course)[0]
    for url, body in [
        (reverse("training:mark_complete", args=[lesson.pk]), {}),
        (reverse("training:video_progress", args=[lesson.pk]), {"position": 1, "duration": 10}),
    ]:
        response = client.post(url, json.dumps(body), content_type="application/json", HTTP_ACCEPT="application/json")
        assert response.status_code == 404
    assert not LearningProgress.objects.exists()


def test_opening_a_course_to_a_clinic_takes_effect_when_published(client, other_trainee, clinic_b, clinic_a_course):
    client.force_login(other_trainee)
    assert client.get(clinic_a_course.url).status_code == 404
    restrict(clinic_a_course, "everyone")
    assert client.get(clinic_a_course.url).status_code == 200


def test_moving_to_another_clinic_changes_what_a_person_sees_at_once(client, trainee, clinic_b, clinic_a_course):
    from organisations.services import membership_join

    client.force_login(trainee)
    assert client.get(clinic_a_course.url).status_code == 200
    membership_join(user=trainee, organisation=clinic_b)
    assert client.get(clinic_a_course.url).status_code == 404


def test_an_unknown_availability_is_refused_by_the_database(open_course):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=open_course.pk).update(availability="nobody")


def test_trainers_set_who_can_take_a_course_in_the_admin(client, trainer, clinic_a, open_course):
    client.force_login(trainer)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[open_course.pk])).content.decode()
    assert "Who can take it" in html
    assert "Clinic A" in html


def test_availability_costs_no_query_per_course(client, trainee, clinic_a, clinic_b, open_course):
    from tests.lessons.test_query_counts import count_queries

    client.force_login(trainee)
    restrict(build_course(modules=1, lessons_per_module=1, slug="r1"), "chosen", [clinic_a])
    url = reverse("training:dashboard")
    few = count_queries(client, url)
    for n in range(2, 6):
        restrict(build_course(modules=1, lessons_per_module=1, slug=f"r{n}"), "chosen", [clinic_a, clinic_b])
        restrict(build_course(modules=1, lessons_per_module=1, slug=f"h{n}"), "host")
    assert count_queries(client, url) == few
