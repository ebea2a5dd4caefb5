"""Writes about what is assigned. Every assignment is made here."""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from wagtail.models import Page

from organisations.models import Cohort, Membership, Organisation
from training import curriculum

from .models import Assignment, OnboardingStep


class AssignmentError(ValueError):
    """An assignment that cannot be made. The message is safe to show."""


def _check_course(course) -> Page:
    if course is None or course.content_type_id not in curriculum.course_type_ids():
        raise AssignmentError("Only a course can be assigned.")
    return course


def assignment_create(
    *,
    course,
    user=None,
    cohort: Cohort | None = None,
    organisation: Organisation | None = None,
    due_on: date | None = None,
    assigned_by=None,
    source: str = Assignment.Source.MANUAL,
) -> Assignment:
    """Assign `course` to one person, cohort or organisation.

    Assigning it again to the same target keeps one assignment and updates its due date.
    """
    _check_course(course)
    if sum(target is not None for target in (user, cohort, organisation)) != 1:
        raise AssignmentError("Assign a course to one person, one cohort or one organisation.")
    target = {"user": user, "cohort": cohort, "organisation": organisation}
    target = {key: value for key, value in target.items() if value is not None}
    with transaction.atomic():
        assignment, created = Assignment.objects.get_or_create(
            course=course, **target, defaults={"due_on": due_on, "assigned_by": assigned_by, "source": source}
        )
        if not created and assignment.due_on != due_on:
            assignment.due_on = due_on
            assignment.save(update_fields=["due_on"])
    return assignment


@transaction.atomic
def assignments_create_for_people(*, courses, users, due_on: date | None = None, assigned_by=None) -> int:
    """Assign each course to each person (one insert). A course a person already has keeps its
    one assignment and takes the new due date, as `assignment_create` does for a cohort or an
    organisation. Returns how many were new."""
    courses = [_check_course(course) for course in courses]
    users = list(users)
    if not courses or not users:
        return 0
    existing = Assignment.objects.filter(course__in=courses, user__in=users)
    before = existing.count()
    # One update for those whose date differs (a NULL date never equals anything, hence the Q).
    differs = Q(due_on__isnull=False) if due_on is None else Q(due_on__isnull=True) | ~Q(due_on=due_on)
    existing.filter(differs).update(due_on=due_on)
    Assignment.objects.bulk_create(
        [
            Assignment(course=course, user=user, due_on=due_on, assigned_by=assigned_by)
            for course in courses
            for user in users
        ],
        ignore_conflicts=True,
    )
    return Assignment.objects.filter(course__in=courses, user__in=users).count() - before


def assignment_remove(*, assignment: Assignment) -> None:
    assignment.delete()


def onboarding_step_add(*, organisation: Organisation, course, due_after_days: int = 14) -> OnboardingStep:
    _check_course(course)
    step = OnboardingStep(organisation=organisation, course=course, due_after_days=due_after_days)
    step.full_clean()
    step.save()
    return step


def onboarding_assign(*, membership: Membership, now: datetime | None = None) -> int:
    """Give a new member their organisation's onboarding path, each course due the set number
    of days after they joined. Courses they already have keep their dates."""
    joined = timezone.localdate(membership.joined_at)
    steps = list(OnboardingStep.objects.filter(organisation_id=membership.organisation_id))
    if not steps:
        return 0
    created = Assignment.objects.bulk_create(
        [
            Assignment(
                course_id=step.course_id,
                user_id=membership.user_id,
                due_on=joined + timedelta(days=step.due_after_days),
                source=Assignment.Source.ONBOARDING,
                assigned_at=now or timezone.now(),
            )
            for step in steps
        ],
        ignore_conflicts=True,
    )
    return len(created)


def onboarding_on_join(sender, *, membership: Membership, now: datetime | None = None, **kwargs) -> None:
    """Receiver of organisations.signals.membership_joined."""
    onboarding_assign(membership=membership, now=now)
