"""The database refuses duplicate assignments and assignments without exactly one target."""

import pytest

from django.db import IntegrityError, transaction

from assignments.models import Assignment, OnboardingStep

pytestmark = pytest.mark.django_db


def test_a_course_is_assigned_to_a_person_once(course, trainee):
    Assignment.objects.create(course=course, user=trainee)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(course=course, user=trainee)


def test_a_course_is_assigned_to_an_organisation_once(course, clinic_a):
    Assignment.objects.create(course=course, organisation=clinic_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(course=course, organisation=clinic_a)


@pytest.mark.parametrize("targets", [(), ("user", "organisation")])
def test_an_assignment_has_exactly_one_target(course, trainee, clinic_a, targets):
    values = {"user": trainee, "organisation": clinic_a}
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(course=course, **{key: values[key] for key in targets})


def test_a_course_is_on_an_onboarding_path_once(course, clinic_a):
    OnboardingStep.objects.create(organisation=clinic_a, course=course)
    with pytest.raises(IntegrityError), transaction.atomic():
        OnboardingStep.objects.create(organisation=clinic_a, course=course)
