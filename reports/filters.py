"""Report filters read from the query string.

A filter that does not make sense (an unknown course, a date that is not a date, an unknown
sort) is ignored and a message says so: a report never fails on its address. The one
exception is scoping: a clinic manager naming an organisation other than their own gets 404,
exactly as if it did not exist (a trainer naming an unknown one gets the message).
"""

from dataclasses import dataclass, field
from datetime import date

from django.http import Http404, QueryDict
from django.utils.translation import gettext as _

from assignments.models import OnboardingStep
from organisations import scoping

from .structure import LEVELS, MODULES, CourseRef, visible_courses

# Assignment status of one person for one course.
ON_TRACK = "on_track"
DUE_SOON = "due_soon"
PAST_DUE = "past_due"
COMPLETE = "complete"
NOT_ASSIGNED = "not_assigned"
STATUSES = (ON_TRACK, DUE_SOON, PAST_DUE, COMPLETE, NOT_ASSIGNED)

LAST_ACTIVITY = "activity"
COMPLETED = "completed"
DATE_FIELDS = (LAST_ACTIVITY, COMPLETED)

SORTS = ("name", "organisation", "percent", "activity")


@dataclass(frozen=True)
class OrganisationOption:
    id: int
    name: str
    slug: str
    cohorts: tuple[tuple[int, str], ...] = ()


@dataclass
class ReportOptions:
    """What the viewer may choose from: courses, organisations and their cohorts."""

    courses: list[CourseRef]
    organisations: list[OrganisationOption]

    @property
    def cohorts(self) -> list[tuple[int, str, str]]:
        """(id, name, organisation name) of every cohort the viewer may choose."""
        return [(pk, name, org.name) for org in self.organisations for pk, name in org.cohorts]


def report_options(*, viewer) -> ReportOptions:
    """The viewer's choices (one query: organisations with their cohorts; courses are cached)."""
    organisations: dict[int, OrganisationOption] = {}
    cohorts: dict[int, list] = {}
    rows = (
        scoping.visible_organisations(viewer=viewer)
        .order_by("name", "cohorts__name")
        .values_list("pk", "name", "slug", "cohorts__pk", "cohorts__name")
    )
    for pk, name, slug, cohort_id, cohort_name in rows:
        organisations.setdefault(pk, OrganisationOption(id=pk, name=name, slug=slug))
        if cohort_id is not None:
            cohorts.setdefault(pk, []).append((cohort_id, cohort_name))
    return ReportOptions(
        courses=visible_courses(viewer=viewer),
        organisations=[
            OrganisationOption(id=o.id, name=o.name, slug=o.slug, cohorts=tuple(cohorts.get(o.id, ())))
            for o in organisations.values()
        ],
    )


@dataclass
class ReportFilters:
    course: CourseRef | None = None
    level: str = MODULES
    organisation: OrganisationOption | None = None
    cohort_id: int | None = None
    status: str = ""
    date_field: str = LAST_ACTIVITY
    date_from: date | None = None
    date_to: date | None = None
    sort: str = "name"
    descending: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def sort_param(self) -> str:
        return ("-" if self.descending else "") + self.sort


def _date(params: QueryDict, name: str, label: str, problems: list[str]) -> date | None:
    value = params.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(
            _("“%(value)s” is not a date, so the %(label)s date is ignored. Use the form YYYY-MM-DD.")
            % {"value": value[:40], "label": label}
        )
        return None


def _int(value: str) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def organisation_filter(*, params: QueryDict, viewer, options: ReportOptions, problems: list[str]):
    """The organisation to report on: a manager's own, or a trainer's choice (None: every one)."""
    slug = params.get("organisation", "").strip()
    chosen = next((o for o in options.organisations if o.slug == slug), None) if slug else None
    if slug and chosen is None:
        if not viewer.sees_everything:
            raise Http404  # a manager reaching for another organisation: not found
        problems.append(_("There is no organisation “%(slug)s”, so every organisation is shown.") % {"slug": slug[:80]})
    if chosen is None and not viewer.sees_everything:
        chosen = next((o for o in options.organisations if o.id == viewer.organisation_id), None)
    return chosen


def course_filter(
    *, params: QueryDict, options: ReportOptions, problems: list[str], organisation: OrganisationOption | None = None
) -> CourseRef | None:
    value = params.get("course", "").strip()
    if value:
        course = next((c for c in options.courses if str(c.id) == value), None)
        if course is not None:
            return course
        problems.append(_("That course is not one you can report on, so another course is shown."))
    return _default_course(options=options, organisation=organisation)


def _default_course(*, options: ReportOptions, organisation: OrganisationOption | None) -> CourseRef | None:
    """With no course chosen: the organisation's onboarding course (what its people are most
    likely taking), else the first course."""
    if not options.courses:
        return None
    if organisation is not None:
        path = OnboardingStep.objects.filter(organisation_id=organisation.id).values_list("course_id", flat=True)
        by_id = {course.id: course for course in options.courses}
        for course_id in path:
            if course_id in by_id:
                return by_id[course_id]
    return options.courses[0]


def parse_filters(params: QueryDict, *, viewer, options: ReportOptions) -> ReportFilters:
    """Every report filter from the query string; what cannot be used is listed in `problems`."""
    problems: list[str] = []
    filters = ReportFilters(problems=problems)
    filters.organisation = organisation_filter(params=params, viewer=viewer, options=options, problems=problems)
    filters.course = course_filter(params=params, options=options, problems=problems, organisation=filters.organisation)

    level = params.get("columns", "").strip()
    if level in LEVELS:
        filters.level = level
    elif level:
        problems.append(_("Columns can show modules or lessons; modules are shown."))

    cohort = params.get("cohort", "").strip()
    if cohort:
        reachable = {
            pk
            for org in options.organisations
            if filters.organisation is None or org.id == filters.organisation.id
            for pk, _name in org.cohorts
        }
        if _int(cohort) in reachable:
            filters.cohort_id = _int(cohort)
        else:
            problems.append(_("That group is not one you can report on, so it is ignored."))

    status = params.get("status", "").strip()
    if status in STATUSES:
        filters.status = status
    elif status:
        problems.append(_("“%(value)s” is not an assignment status, so it is ignored.") % {"value": status[:40]})

    date_field = params.get("date_field", "").strip()
    if date_field in DATE_FIELDS:
        filters.date_field = date_field
    elif date_field:
        problems.append(_("Dates can filter by last activity or by completion; last activity is used."))
    filters.date_from = _date(params, "from", _("from"), problems)
    filters.date_to = _date(params, "to", _("to"), problems)
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        problems.append(_("The “from” date is after the “to” date, so the two were swapped."))
        filters.date_from, filters.date_to = filters.date_to, filters.date_from

    sort = params.get("sort", "").strip()
    if sort.lstrip("-") in SORTS:
        filters.sort, filters.descending = sort.lstrip("-"), sort.startswith("-")
    elif sort:
        problems.append(_("The table cannot be sorted that way, so it is sorted by name."))
    return filters
