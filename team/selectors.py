"""The team page's data: members, their assigned courses and their progress, in a fixed number
of queries however many people and courses there are."""

from dataclasses import dataclass, field

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Case, Count, IntegerField, Max, Q, QuerySet, Value, When
from django.utils import formats, timezone
from django.utils.translation import gettext

from assignments.selectors import AssignedCourse, assigned_courses_for_members
from organisations import scoping
from organisations.models import Membership, Organisation
from training import curriculum
from training.models import LearningProgress
from training.selectors import course_outlines


@dataclass
class MemberCourse:
    """One assigned course of one person, with how far they are."""

    course_id: int
    title: str
    url: str
    assignment: AssignedCourse
    total: int = 0
    completed: int = 0
    started: bool = False
    completed_at: object = None

    @property
    def due(self):
        return self.assignment.due

    @property
    def percent(self) -> int:
        return int(round(100 * self.completed / self.total)) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed >= self.total

    @property
    def status_text(self) -> str:
        """How far the person is, in words: worded here, not in the template, as the team page
        shows it for every course of every person (see assignments.selectors.Due.text)."""
        if self.is_complete:
            if self.completed_at is None:
                return gettext("Completed")
            when = formats.date_format(timezone.localtime(self.completed_at), "j F Y")
            return gettext("Completed %(date)s") % {"date": when}
        if self.started:
            return gettext("%(done)s of %(total)s done") % {"done": self.completed, "total": self.total}
        return gettext("Not started yet")


@dataclass
class MemberRow:
    membership: Membership
    courses: list[MemberCourse] = field(default_factory=list)

    @property
    def user(self):
        return self.membership.user


PEOPLE_PER_PAGE = 50
# A search is a few words, each matching a name or an email: more than this is not a name.
SEARCH_MAX_LENGTH = 100
SEARCH_MAX_WORDS = 5


def team_members(*, viewer, organisation: Organisation | None = None, search: str = "") -> QuerySet[Membership]:
    """The current members the viewer may see, optionally in one organisation and matching
    `search` (every word in the first name, last name or email). The search only narrows
    what organisations.scoping already allows."""
    members = scoping.visible_members(viewer=viewer).select_related("user", "organisation")
    if organisation is not None:
        members = members.filter(organisation=organisation)
    for word in search[:SEARCH_MAX_LENGTH].split()[:SEARCH_MAX_WORDS]:
        members = members.filter(
            Q(user__first_name__icontains=word) | Q(user__last_name__icontains=word) | Q(user__email__icontains=word)
        )
    # The membership id last, so that pages never overlap or skip anyone.
    return members.order_by("organisation__name", "user__first_name", "user__last_name", "user__email", "pk")


def courses_by_id(*, course_ids, request=None) -> dict[int, object]:
    """Live course pages by id (one query per course model: one in practice)."""
    found = {}
    for model in curriculum.course_models():
        for course in model.objects.live().filter(pk__in=list(course_ids)):
            found[course.pk] = course
    return found


def team_progress(*, viewer, organisation: Organisation | None = None, request=None) -> list[MemberRow]:
    """Each visible member with their assigned courses and progress through each."""
    return members_progress(memberships=team_members(viewer=viewer, organisation=organisation), request=request)


def team_progress_page(
    *,
    viewer,
    organisation: Organisation | None = None,
    search: str = "",
    page_number=1,
    per_page: int = PEOPLE_PER_PAGE,
    request=None,
) -> Page:
    """One page of the visible members (see `team_members`), each a MemberRow with progress.
    Progress is computed for the people on this page only, in the same number of queries
    however many there are. A page number that is not a number, or below 1, gives the first page;
    one past the end gives the last (so an old link still lands somewhere useful)."""
    paginator = Paginator(team_members(viewer=viewer, organisation=organisation, search=search), per_page)
    try:
        number = paginator.validate_number(page_number)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages if int(page_number) > 1 else 1
    page = paginator.page(number)
    page.object_list = members_progress(memberships=page.object_list, request=request)
    return page


def members_progress(*, memberships, request=None, today=None) -> list[MemberRow]:
    """Each of the given memberships with the person's assigned courses and progress through
    each (a fixed number of queries). The caller decides whose: `team_progress` asks
    organisations.scoping; the reminders ask for everyone with a date coming up."""
    members = list(memberships)
    if not members:
        return []
    assigned = assigned_courses_for_members(memberships=members, today=today)
    course_ids = {course_id for courses in assigned.values() for course_id in courses}
    courses = courses_by_id(course_ids=course_ids, request=request)
    outlines = course_outlines(courses=list(courses.values()), request=request)

    # Which course each learning item belongs to, and which items count toward completion.
    course_of_item: dict[int, int] = {}
    required: set[int] = set()
    totals: dict[int, int] = {}
    for course in courses.values():
        outline = outlines[course.path]
        for _module, items in outline.modules:
            for item in items:
                course_of_item[item.id] = course.pk
                if item.required:
                    required.add(item.id)
        totals[course.pk] = sum(1 for _m, items in outline.modules for item in items if item.required)

    # One aggregate over progress rows: per person and course, items done and last completion.
    stats: dict[tuple[int, int], dict] = {}
    if course_of_item:
        by_course: dict[int, list[int]] = {}
        for item_id, course_id in course_of_item.items():
            by_course.setdefault(course_id, []).append(item_id)
        course_expr = Case(
            *[When(page_id__in=ids, then=Value(course_id)) for course_id, ids in by_course.items()],
            output_field=IntegerField(),
        )
        rows = (
            LearningProgress.objects.filter(user_id__in=[m.user_id for m in members], page_id__in=list(course_of_item))
            .annotate(course_id=course_expr)
            .values("user_id", "course_id")
            .annotate(
                touched=Count("id"),
                done=Count("id", filter=Q(completed_at__isnull=False, page_id__in=list(required))),
                last_done=Max("completed_at"),
            )
        )
        stats = {(row["user_id"], row["course_id"]): row for row in rows}

    result = []
    for membership in members:
        row = MemberRow(membership=membership)
        for course_id, assignment in assigned.get(membership.user_id, {}).items():
            course = courses.get(course_id)
            if course is None:  # unpublished or deleted since it was assigned
                continue
            stat = stats.get((membership.user_id, course_id), {})
            member_course = MemberCourse(
                course_id=course_id,
                title=course.title,
                url=outlines[course.path].course.url,
                assignment=assignment,
                total=totals.get(course_id, 0),
                completed=stat.get("done", 0),
                started=bool(stat.get("touched")),
            )
            if member_course.is_complete:
                member_course.completed_at = stat.get("last_done")
            row.courses.append(member_course)
        row.courses.sort(key=lambda c: (c.is_complete, c.due is None, c.due.on if c.due else None, c.title))
        result.append(row)
    return result


def assignable_courses(*, organisation: Organisation) -> list:
    """Live courses open to the organisation's members: what may be assigned to them."""
    hidden = curriculum.hidden_course_paths(viewer=scoping.viewer_as_member(organisation=organisation))
    return [
        course
        for model in curriculum.course_models()
        for course in model.objects.live().order_by("path")
        if not curriculum.is_hidden(path=course.path, hidden=hidden)
    ]
