"""Assigning courses to people, cohorts and organisations; onboarding paths for new members."""

from datetime import date, timedelta

import pytest

from django.utils import timezone

from assignments.models import Assignment
from assignments.selectors import assigned_courses, assigned_courses_for_members, due_from
from assignments.services import (
    AssignmentError,
    assignment_create,
    assignments_create_for_people,
    onboarding_step_add,
)
from organisations.models import Membership
from organisations.services import cohort_add_members, cohort_create, membership_join
from tests.factories import UserFactory, build_course, lessons_of

pytestmark = pytest.mark.django_db


def test_assigning_twice_keeps_one_assignment_with_the_new_date(course, trainee):
    assignment_create(course=course, user=trainee, due_on=date(2030, 1, 1))
    assignment_create(course=course, user=trainee, due_on=date(2030, 2, 1))
    assert Assignment.objects.get().due_on == date(2030, 2, 1)


def test_only_courses_can_be_assigned(course, trainee):
    lesson = lessons_of(course)[0]
    with pytest.raises(AssignmentError):
        assignment_create(course=lesson, user=trainee)
    assert not Assignment.objects.exists()


def test_one_target_only(course, trainee, clinic_a):
    with pytest.raises(AssignmentError):
        assignment_create(course=course, user=trainee, organisation=clinic_a)
    with pytest.raises(AssignmentError):
        assignment_create(course=course)


def test_assignments_reach_people_directly_through_cohorts_and_organisations(clinic_a, trainee, other_trainee):
    direct, by_cohort, by_clinic = (build_course(modules=1, lessons_per_module=1, slug=s) for s in "xyz")
    cohort = cohort_create(organisation=clinic_a, name="Spring")
    cohort_add_members(cohort=cohort, users=[trainee])
    assignment_create(course=direct, user=trainee)
    assignment_create(course=by_cohort, cohort=cohort)
    assignment_create(course=by_clinic, organisation=clinic_a)
    assert set(assigned_courses(user=trainee)) == {direct.pk, by_cohort.pk, by_clinic.pk}
    assert assigned_courses(user=other_trainee) == {}


def test_the_earliest_due_date_wins_when_a_course_is_assigned_twice_over(clinic_a, trainee, course):
    assignment_create(course=course, organisation=clinic_a, due_on=date(2030, 3, 1))
    assignment_create(course=course, user=trainee, due_on=date(2030, 1, 1))
    assert assigned_courses(user=trainee)[course.pk].due.on == date(2030, 1, 1)


def test_an_organisations_assignments_stop_when_a_person_moves(clinic_a, clinic_b, trainee, course):
    assignment_create(course=course, organisation=clinic_a)
    membership_join(user=trainee, organisation=clinic_b)
    assert assigned_courses(user=type(trainee).objects.get(pk=trainee.pk)) == {}


def test_new_members_get_the_onboarding_path_due_days_after_joining(clinic_a, course):
    onboarding_step_add(organisation=clinic_a, course=course, due_after_days=10)
    person = UserFactory()
    membership = membership_join(user=person, organisation=clinic_a)
    assignment = Assignment.objects.get(user=person)
    assert assignment.source == "onboarding"
    assert assignment.due_on == timezone.localdate(membership.joined_at) + timedelta(days=10)


def test_rejoining_does_not_duplicate_onboarding(clinic_a, clinic_b, course):
    onboarding_step_add(organisation=clinic_a, course=course)
    person = UserFactory()
    membership_join(user=person, organisation=clinic_a)
    membership_join(user=person, organisation=clinic_b)
    membership_join(user=person, organisation=clinic_a)
    assert Assignment.objects.filter(user=person).count() == 1


def test_assigning_to_many_people_at_once_skips_existing_ones(course, trainee, manager):
    assignment_create(course=course, user=trainee)
    assert assignments_create_for_people(courses=[course], users=[trainee, manager]) == 1
    assert Assignment.objects.count() == 2


@pytest.mark.parametrize(
    "first, second", [(date(2030, 1, 1), date(2030, 2, 1)), (None, date(2030, 2, 1)), (date(2030, 1, 1), None)]
)
def test_assigning_again_to_people_takes_the_new_date_as_for_a_cohort(course, trainee, manager, first, second):
    assignments_create_for_people(courses=[course], users=[trainee], due_on=first)
    assert assignments_create_for_people(courses=[course], users=[trainee, manager], due_on=second) == 1
    assert dict(Assignment.objects.values_list("user_id", "due_on")) == {trainee.pk: second, manager.pk: second}


def test_assigning_again_to_people_keeps_who_assigned_it_first(course, trainee, manager):
    assignments_create_for_people(courses=[course], users=[trainee], due_on=date(2030, 1, 1), assigned_by=manager)
    assignments_create_for_people(courses=[course], users=[trainee], due_on=date(2030, 2, 1))
    assert Assignment.objects.get().assigned_by == manager


def test_members_assignments_in_bulk_match_one_by_one(clinic_a, trainee, manager, course):
    other = build_course(modules=1, lessons_per_module=1, slug="other")
    cohort = cohort_create(organisation=clinic_a, name="Spring")
    cohort_add_members(cohort=cohort, users=[trainee])
    assignment_create(course=course, cohort=cohort, due_on=date(2030, 1, 1))
    assignment_create(course=other, organisation=clinic_a)
    members = Membership.objects.filter(organisation=clinic_a, left_at__isnull=True)
    bulk = assigned_courses_for_members(memberships=members)
    for person in (trainee, manager):
        fresh = type(person).objects.get(pk=person.pk)
        assert bulk[person.pk] == assigned_courses(user=fresh)


@pytest.mark.parametrize(
    ("offset", "past", "today"),
    [(5, False, False), (0, False, True), (-3, True, False)],
)
def test_due_dates_count_days_from_today(offset, past, today):
    now = date(2030, 6, 15)
    due = due_from(now + timedelta(days=offset), today=now)
    assert (due.days, due.is_past, due.is_today) == (offset, past, today)
