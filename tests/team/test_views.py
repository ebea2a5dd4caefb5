"""Clinic managers see and assign for their own staff only; trainers see every organisation."""

from datetime import date

import pytest

from django.urls import reverse

from assignments.models import Assignment
from assignments.services import assignment_create
from organisations.services import cohort_add_members, cohort_create
from tests.factories import lessons_of
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("team:overview")
ASSIGN = reverse("team:assign")


def test_a_manager_sees_their_own_staff_with_progress_and_due_dates(
    client, manager, trainee, other_trainee, course, clinic_a
):
    assignment_create(course=course, user=trainee, due_on=date(2099, 1, 1))
    progress_mark_complete(user=trainee, page=lessons_of(course)[0])
    client.force_login(manager)
    html = client.get(OVERVIEW).content.decode()
    assert "trainee@clinic-a.example.org" in html
    assert "trainee@clinic-b.example.org" not in html
    assert "1 of 4 done" in html
    assert "Due in" in html


def test_a_completed_course_shows_its_completion_date(client, manager, trainee, course):
    assignment_create(course=course, user=trainee)
    for lesson in lessons_of(course):
        progress_mark_complete(user=trainee, page=lesson)
    client.force_login(manager)
    assert "Completed" in client.get(OVERVIEW).content.decode()


def test_a_trainer_sees_every_organisation_and_can_filter(client, trainer, trainee, other_trainee):
    client.force_login(trainer)
    html = client.get(OVERVIEW).content.decode()
    assert "trainee@clinic-a.example.org" in html and "trainee@clinic-b.example.org" in html
    html = client.get(OVERVIEW, {"organisation": "clinic-b"}).content.decode()
    assert "trainee@clinic-b.example.org" in html and "trainee@clinic-a.example.org" not in html


def test_a_manager_cannot_look_at_another_clinic(client, manager, other_trainee):
    client.force_login(manager)
    assert client.get(OVERVIEW, {"organisation": "clinic-b"}).status_code == 404
    assert client.get(reverse("team:member", args=[other_trainee.pk])).status_code == 404
    assert client.get(ASSIGN, {"organisation": "clinic-b"}).status_code == 404


def test_a_manager_opens_their_own_staff_member(client, manager, trainee):
    client.force_login(manager)
    assert client.get(reverse("team:member", args=[trainee.pk])).status_code == 200


def test_trainees_do_not_reach_the_team_pages(client, trainee):
    client.force_login(trainee)
    for url in (OVERVIEW, ASSIGN, reverse("team:member", args=[trainee.pk])):
        assert client.get(url).status_code == 404


def test_anonymous_visitors_are_asked_to_sign_in(client):
    assert client.get(OVERVIEW)["Location"].startswith(reverse("accounts:login"))


def test_a_manager_assigns_courses_to_people_with_a_date(client, manager, trainee, course):
    client.force_login(manager)
    response = client.post(ASSIGN, {"people": [trainee.pk], "courses": [course.pk], "due_on": "2099-03-31"})
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.user, assignment.course_id, assignment.due_on) == (trainee, course.pk, date(2099, 3, 31))
    assert assignment.assigned_by == manager


def test_assigning_a_person_again_moves_their_date_as_for_a_cohort_or_clinic(client, manager, trainee, course):
    client.force_login(manager)
    client.post(ASSIGN, {"people": [trainee.pk], "courses": [course.pk], "due_on": "2099-03-31"})
    client.post(ASSIGN, {"people": [trainee.pk], "courses": [course.pk], "due_on": "2099-05-01"})
    assert Assignment.objects.get().due_on == date(2099, 5, 1)


def test_a_manager_assigns_to_their_whole_clinic_or_a_cohort(client, manager, trainee, clinic_a, course):
    cohort = cohort_create(organisation=clinic_a, name="Spring")
    cohort_add_members(cohort=cohort, users=[trainee])
    client.force_login(manager)
    assert client.post(ASSIGN, {"whole_organisation": "on", "courses": [course.pk]}).status_code == 302
    assert client.post(ASSIGN, {"cohort": cohort.pk, "courses": [course.pk]}).status_code == 302
    assert Assignment.objects.filter(organisation=clinic_a).exists()
    assert Assignment.objects.filter(cohort=cohort).exists()


def test_a_trainer_assigns_in_a_chosen_organisation(client, trainer, other_trainee, course):
    client.force_login(trainer)
    assert "Clinic B" in client.get(ASSIGN).content.decode()  # picks the organisation first
    url = ASSIGN + "?organisation=clinic-b"
    assert client.post(url, {"people": [other_trainee.pk], "courses": [course.pk]}).status_code == 302
    assert Assignment.objects.filter(user=other_trainee).exists()


@pytest.mark.parametrize("field", ["people", "cohort"])
def test_naming_another_clinics_person_or_cohort_is_404_and_changes_nothing(
    client, manager, other_trainee, clinic_b, course, field
):
    cohort = cohort_create(organisation=clinic_b, name="B starters")
    client.force_login(manager)
    value = other_trainee.pk if field == "people" else cohort.pk
    response = client.post(ASSIGN, {field: [value], "courses": [course.pk]})
    assert response.status_code == 404
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"courses": ["COURSE"]}, "Choose who the courses are for"),
        ({"people": ["TRAINEE"], "courses": ["COURSE"], "whole_organisation": "on"}, "Choose who the courses are for"),
        ({"people": ["TRAINEE"]}, "Choose at least one course"),
        ({"people": ["TRAINEE"], "courses": ["COURSE"], "due_on": "next tuesday"}, "Enter a date"),
        ({"people": ["TRAINEE"], "courses": ["999999"]}, "Select a valid choice"),
        ({"people": ["TRAINEE"], "courses": ["COURSE"], "user": "1"}, "Unexpected fields"),
    ],
)
def test_bad_assign_forms_get_a_clear_400_and_change_nothing(client, manager, trainee, course, data, message):
    swap = {"TRAINEE": str(trainee.pk), "COURSE": str(course.pk)}
    data = {key: [swap.get(v, v) for v in value] if isinstance(value, list) else value for key, value in data.items()}
    client.force_login(manager)
    response = client.post(ASSIGN, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_course_not_open_to_the_clinic_cannot_be_assigned(client, manager, trainee, course):
    from lessons.models import CoursePage

    page = CoursePage.objects.get(pk=course.pk)
    page.availability = "host"
    page.save_revision().publish()
    client.force_login(manager)
    response = client.post(ASSIGN, {"people": [trainee.pk], "courses": [course.pk]})
    assert response.status_code == 400
    assert not Assignment.objects.exists()


def test_the_header_links_managers_and_trainers_to_the_team_page(client, manager, trainee, trainer):
    for person, shown in ((manager, True), (trainer, True), (trainee, False)):
        client.force_login(person)
        html = client.get(reverse("training:dashboard")).content.decode()
        assert (f'href="{OVERVIEW}"' in html) is shown
