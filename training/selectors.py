"""Reads of training records, shaped for pages. Each function makes a fixed number of queries,
whatever the size of the course or the number of courses."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from wagtail.models import Page

from home import versioned_cache
from home.content_version import content_version

from . import curriculum
from .models import LearningProgress, ReflectionAnswer

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETE = "complete"


@dataclass(frozen=True)
class OutlineNode:
    """What pages show of a course, module or learning item: plain data, cheap to cache."""

    id: int
    title: str
    url: str
    slug: str
    content_type_id: int = 0
    required: bool = True

    @property
    def pk(self) -> int:
        return self.id


@dataclass(frozen=True)
class CourseOutline:
    """A course's live modules and items in order, the same for every trainee.

    Cached until any page is published, unpublished, moved or deleted (home.content_version).
    """

    course: OutlineNode
    path: str
    depth: int
    lessons_in_order: bool
    modules: tuple[tuple[OutlineNode, tuple[OutlineNode, ...]], ...]

    @property
    def item_ids(self) -> list[int]:
        return [item.id for _module, items in self.modules for item in items]


@dataclass
class ItemStatus:
    page: OutlineNode
    status: str = NOT_STARTED
    locked: bool = False
    progress: LearningProgress | None = None

    @property
    def is_complete(self) -> bool:
        return self.status == COMPLETE


@dataclass
class ModuleProgress:
    page: OutlineNode
    items: list[ItemStatus] = field(default_factory=list)

    @property
    def required(self) -> list[ItemStatus]:
        return [item for item in self.items if item.page.required]

    @property
    def total(self) -> int:
        return len(self.required)

    @property
    def completed(self) -> int:
        return sum(1 for item in self.required if item.is_complete)

    @property
    def percent(self) -> int:
        return _percent(self.completed, self.total)

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total

    @property
    def is_started(self) -> bool:
        return any(item.status != NOT_STARTED for item in self.items)


@dataclass
class CourseProgress:
    """One trainee's progress through one course. Items a course does not require (a
    check-your-understanding quiz, unless the course says otherwise) are shown but not counted."""

    course: object  # the CoursePage on the dashboard; the outline's course node elsewhere
    outline: CourseOutline
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def items(self) -> list[ItemStatus]:
        return [item for module in self.modules for item in module.items]

    @property
    def required(self) -> list[ItemStatus]:
        return [item for item in self.items if item.page.required]

    @property
    def total(self) -> int:
        return len(self.required)

    @property
    def completed(self) -> int:
        return sum(1 for item in self.required if item.is_complete)

    @property
    def percent(self) -> int:
        return _percent(self.completed, self.total)

    @property
    def is_started(self) -> bool:
        return any(item.status != NOT_STARTED for item in self.items)

    @property
    def is_complete(self) -> bool:
        return self.total > 0 and self.completed == self.total

    @property
    def next_item(self) -> ItemStatus | None:
        """Where "Continue" goes: the first unfinished item after the last one the trainee
        touched, else the first unfinished item of the course."""
        items = self.items
        touched = [i for i, item in enumerate(items) if item.progress is not None]
        start = max(touched, key=lambda i: items[i].progress.last_visited_at) if touched else 0
        for item in items[start:] + items[:start]:
            if not item.is_complete:
                return item
        return None

    def neighbours(self, page_id: int) -> tuple[ItemStatus | None, ItemStatus | None]:
        items = self.items
        for index, item in enumerate(items):
            if item.page.pk == page_id:
                previous = items[index - 1] if index > 0 else None
                following = items[index + 1] if index + 1 < len(items) else None
                return previous, following
        return None, None

    def item(self, page_id: int) -> ItemStatus | None:
        return next((item for item in self.items if item.page.pk == page_id), None)

    def module_of(self, page_id: int) -> ModuleProgress | None:
        return next((m for m in self.modules if any(i.page.pk == page_id for i in m.items)), None)


def _percent(done: int, total: int) -> int:
    return int(round(100 * done / total)) if total else 0


def _status(progress: LearningProgress | None) -> str:
    if progress is None:
        return NOT_STARTED
    return COMPLETE if progress.completed_at else IN_PROGRESS


def progress_by_page(*, user, page_ids) -> dict[int, LearningProgress]:
    """The trainee's progress rows for the given pages, keyed by page id (one query)."""
    if not user.is_authenticated:
        return {}
    rows = LearningProgress.objects.filter(user=user, page_id__in=list(page_ids))
    return {row.page_id: row for row in rows}


def _node(page: Page, request, **extra) -> OutlineNode:
    return OutlineNode(
        id=page.pk,
        title=page.title,
        url=page.get_url(request) or "",
        slug=page.slug,
        content_type_id=page.content_type_id,
        **extra,
    )


def _build_outlines(courses: list[Page], request) -> dict[str, CourseOutline]:
    """Outlines of the given (specific) course pages from one query over their pages."""
    if not courses:
        return {}
    type_ids = curriculum.module_type_ids() | curriculum.item_type_ids()
    under = reduce(or_, (Q(path__startswith=course.path, depth__gt=course.depth) for course in courses))
    pages = list(
        Page.objects.live()
        .filter(under, content_type_id__in=type_ids)
        .only("id", "title", "slug", "path", "depth", "url_path", "content_type_id", "locale_id")
        .order_by("path")
    )
    module_ids, item_ids = curriculum.module_type_ids(), curriculum.item_type_ids()
    outlines = {}
    for course in courses:
        inside = [p for p in pages if p.path.startswith(course.path)]
        items_of = {}
        modules = []
        for page in inside:
            if page.depth == course.depth + 1 and page.content_type_id in module_ids:
                items_of[page.path] = []
                modules.append(page)
        items = [
            p
            for p in inside
            if p.depth == course.depth + 2 and p.content_type_id in item_ids and p.path[: -Page.steplen] in items_of
        ]
        optional = curriculum.optional_item_ids(course=course, item_ids=[p.pk for p in items]) if items else set()
        for page in items:
            items_of[page.path[: -Page.steplen]].append(_node(page, request, required=page.pk not in optional))
        outlines[course.path] = CourseOutline(
            course=_node(course, request),
            path=course.path,
            depth=course.depth,
            lessons_in_order=bool(getattr(course, "lessons_in_order", False)),
            modules=tuple((_node(m, request), tuple(items_of[m.path])) for m in modules),
        )
    return outlines


OUTLINE_TIMEOUT = 60 * 60 * 24


def _outline_key(path: str, version: int) -> str:
    return f"training:outline:{version}:{path}"


def course_outlines(*, courses: list[Page], request=None) -> dict[str, CourseOutline]:
    """Outlines of several courses, from the cache where possible (one query for the rest)."""
    version = content_version()
    keys = {course.path: _outline_key(course.path, version) for course in courses}
    cached = versioned_cache.get_many(list(keys.values()))
    found = {path: cached[key] for path, key in keys.items() if key in cached}
    missing = [course for course in courses if course.path not in found]
    if missing:
        built = _build_outlines([course.specific for course in missing], request)
        versioned_cache.set_many({keys[path]: outline for path, outline in built.items()}, OUTLINE_TIMEOUT)
        found.update(built)
    return found


def course_outline_at(*, path: str, request=None) -> CourseOutline | None:
    """The outline of the course whose page is at `path`; no query when cached."""
    version = content_version()
    outline = versioned_cache.get(_outline_key(path, version))
    if outline is None:
        course = Page.objects.live().filter(path=path).first()
        if course is None:
            return None
        outline = course_outlines(courses=[course], request=request).get(path)
    return outline


def empty_outline(*, path: str) -> CourseOutline:
    """Stands in for a course that is not live (a trainer previewing a draft)."""
    return CourseOutline(
        course=OutlineNode(id=0, title="", url="", slug=""), path=path, depth=0, lessons_in_order=False, modules=()
    )


def _assemble(course, outline: CourseOutline, progress: dict) -> CourseProgress:
    result = CourseProgress(course=course, outline=outline)
    for module_node, item_nodes in outline.modules:
        module = ModuleProgress(page=module_node)
        for node in item_nodes:
            row = progress.get(node.id)
            module.items.append(ItemStatus(page=node, status=_status(row), progress=row))
        result.modules.append(module)
    if outline.lessons_in_order:
        blocked = False
        for item in result.items:
            item.locked = blocked and not item.is_complete
            if item.page.required:
                blocked = blocked or not item.is_complete
    return result


def progress_from_outline(*, user, outline: CourseOutline, course=None, progress: dict | None = None) -> CourseProgress:
    """The trainee's progress through an outline (one query, none if `progress` is given)."""
    if progress is None:
        progress = progress_by_page(user=user, page_ids=outline.item_ids)
    return _assemble(course if course is not None else outline.course, outline, progress)


def course_progress(*, user, course, request=None) -> CourseProgress:
    """The course's modules and items with the trainee's status on each."""
    outline = course_outlines(courses=[course], request=request)[course.path]
    return progress_from_outline(user=user, outline=outline, course=course)


def dashboard_courses(*, user, request=None) -> list[CourseProgress]:
    """Every live course open to the trainee, with their progress: started courses first."""
    hidden = curriculum.hidden_course_paths(user=user)
    courses = [
        course
        for model in curriculum.course_models()
        for course in model.objects.live().order_by("path")
        if not curriculum.is_hidden(path=course.path, hidden=hidden)
    ]
    courses.sort(key=lambda course: course.path)
    outlines = course_outlines(courses=courses, request=request)
    progress = progress_by_page(user=user, page_ids=[i for o in outlines.values() for i in o.item_ids])
    results = [progress_from_outline(user=user, outline=outlines[c.path], course=c, progress=progress) for c in courses]
    # In progress first, then not started, then finished; tree order within each.
    return sorted(results, key=lambda r: (r.is_complete, not r.is_started))


def reflections_for_page(*, user, page) -> dict[str, ReflectionAnswer]:
    if not user.is_authenticated:
        return {}
    return {row.block_id: row for row in ReflectionAnswer.objects.filter(user=user, page=page)}
