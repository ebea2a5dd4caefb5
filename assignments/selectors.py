"""Reads of assignments, shaped for the dashboard and the manager's pages. A fixed number of
queries each, whatever the number of people or courses."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from organisations import scoping
from organisations.models import Cohort

from .models import Assignment

DUE_SOON_DAYS = 7


@dataclass(frozen=True)
class Due:
    """An advisory due date, as the person sees it."""

    on: date
    days: int  # days from today: negative when past

    @property
    def is_past(self) -> bool:
        return self.days < 0

    @property
    def is_today(self) -> bool:
        return self.days == 0

    @property
    def days_past(self) -> int:
        return -self.days

    @property
    def text(self) -> str:
        """The date as words, gently: in Python rather than the template, because the team page
        shows one for every course of every person and template tags cost far more per cell."""
        if self.is_past:
            return ngettext(
                "Past due by %(days)s day — pick it up whenever you can",
                "Past due by %(days)s days — pick it up whenever you can",
                self.days_past,
            ) % {"days": self.days_past}
        if self.is_today:
            return gettext("Due today")
        return ngettext("Due in %(days)s day", "Due in %(days)s days", self.days) % {"days": self.days}


@dataclass(frozen=True)
class AssignedCourse:
    course_id: int
    due: Due | None
    source: str


def due_from(due_on: date | None, *, today: date | None = None) -> Due | None:
    if due_on is None:
        return None
    today = today or timezone.localdate()
    return Due(on=due_on, days=(due_on - today).days)


def _earliest(first: AssignedCourse | None, second: AssignedCourse) -> AssignedCourse:
    """The same course reached by several assignments shows the earliest due date (or none)."""
    if first is None:
        return second
    if second.due is None:
        return first
    if first.due is None or second.due.on < first.due.on:
        return second
    return first


def assigned_courses(*, user, today: date | None = None) -> dict[int, AssignedCourse]:
    """The courses assigned to the person, directly, through a cohort, or to their whole
    organisation, by course page id (one query)."""
    if not getattr(user, "is_authenticated", False):
        return {}
    viewer = scoping.viewer_for(user=user)
    targets = Q(user_id=user.pk)
    if viewer.organisation_id is not None:
        targets |= Q(organisation_id=viewer.organisation_id) | Q(
            cohort__in=Cohort.objects.filter(members=user.pk, organisation_id=viewer.organisation_id).values("pk")
        )
    result: dict[int, AssignedCourse] = {}
    for course_id, due_on, source in Assignment.objects.filter(targets).values_list("course_id", "due_on", "source"):
        result[course_id] = _earliest(
            result.get(course_id), AssignedCourse(course_id=course_id, due=due_from(due_on, today=today), source=source)
        )
    return result


def assigned_courses_for_members(*, memberships, today: date | None = None) -> dict[int, dict[int, AssignedCourse]]:
    """Assignments of many members at once, by user id then course id (two queries however
    many people: their cohorts, then every assignment that reaches them)."""
    memberships = list(memberships)
    if not memberships:
        return {}
    user_ids = [m.user_id for m in memberships]
    organisation_of = {m.user_id: m.organisation_id for m in memberships}
    organisation_ids = set(organisation_of.values())
    cohorts_of: dict[int, set[int]] = {}
    for cohort_id, user_id, organisation_id in Cohort.members.through.objects.filter(
        user_id__in=user_ids, cohort__organisation_id__in=organisation_ids
    ).values_list("cohort_id", "user_id", "cohort__organisation_id"):
        if organisation_of.get(user_id) == organisation_id:
            cohorts_of.setdefault(user_id, set()).add(cohort_id)
    cohort_ids = {c for cohorts in cohorts_of.values() for c in cohorts}
    rows = Assignment.objects.filter(
        Q(user_id__in=user_ids) | Q(organisation_id__in=organisation_ids) | Q(cohort_id__in=cohort_ids)
    ).values_list("course_id", "due_on", "source", "user_id", "cohort_id", "organisation_id")
    by_user: dict[int, list] = {}
    by_cohort: dict[int, list] = {}
    by_organisation: dict[int, list] = {}
    for course_id, due_on, source, user_id, cohort_id, organisation_id in rows:
        item = AssignedCourse(course_id=course_id, due=due_from(due_on, today=today), source=source)
        if user_id is not None:
            by_user.setdefault(user_id, []).append(item)
        elif cohort_id is not None:
            by_cohort.setdefault(cohort_id, []).append(item)
        else:
            by_organisation.setdefault(organisation_id, []).append(item)
    result: dict[int, dict[int, AssignedCourse]] = {}
    for user_id in user_ids:
        courses: dict[int, AssignedCourse] = {}
        reaching = list(by_user.get(user_id, [])) + list(by_organisation.get(organisation_of[user_id], []))
        for cohort_id in cohorts_of.get(user_id, ()):
            reaching += by_cohort.get(cohort_id, [])
        for item in reaching:
            courses[item.course_id] = _earliest(courses.get(item.course_id), item)
        result[user_id] = courses
    return result
