"""Reads of training records, shaped for pages. Each function makes a fixed number of queries,
whatever the size of the course or the number of courses."""

from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q

from wagtail.models import Page

from . import curriculum
from .models import LearningProgress, ReflectionAnswer

NOT_STARTED = "not_started"
IN_PROGRESS = "in_progress"
COMPLETE = "complete"


@dataclass
class ItemStatus:
    page: Page
    status: str = NOT_STARTED
    locked: bool = False
    progress: LearningProgress | None = None

    @property
    def is_complete(self) -> bool:
        return self.status == COMPLETE


@dataclass
class ModuleProgress:
    page: Page
    items: list[ItemStatus] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def completed(self) -> int:
        return sum(1 for item in self.items if item.is_complete)

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
    course: Page
    modules: list[ModuleProgress] = field(default_factory=list)

    @property
    def items(self) -> list[ItemStatus]:
        return [item for module in self.modules for item in module.items]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def completed(self) -> int:
        return sum(1 for item in self.items if item.is_complete)

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


def _outline_pages(courses: list[Page]) -> list[Page]:
    """Live modules and learning items of the given courses, in tree order (one query)."""
    if not courses:
        return []
    type_ids = curriculum.module_type_ids() | curriculum.item_type_ids()
    under = reduce(or_, (Q(path__startswith=course.path, depth__gt=course.depth) for course in courses))
    return list(Page.objects.live().filter(under, content_type_id__in=type_ids).order_by("path"))


def _assemble(course: Page, pages: list[Page], progress: dict, in_order: bool) -> CourseProgress:
    module_ids = curriculum.module_type_ids()
    item_ids = curriculum.item_type_ids()
    result = CourseProgress(course=course)
    modules_by_path = {}
    for page in pages:
        if not page.path.startswith(course.path):
            continue
        if page.depth == course.depth + 1 and page.content_type_id in module_ids:
            module = ModuleProgress(page=page)
            modules_by_path[page.path] = module
            result.modules.append(module)
        elif page.depth == course.depth + 2 and page.content_type_id in item_ids:
            module = modules_by_path.get(page.path[: -Page.steplen])
            if module is not None:
                row = progress.get(page.pk)
                module.items.append(ItemStatus(page=page, status=_status(row), progress=row))
    if in_order:
        blocked = False
        for item in result.items:
            item.locked = blocked and not item.is_complete
            blocked = blocked or not item.is_complete
    return result


def course_progress(*, user, course) -> CourseProgress:
    """The course's modules and items with the trainee's status on each (two queries)."""
    pages = _outline_pages([course])
    progress = progress_by_page(user=user, page_ids=[p.pk for p in pages])
    return _assemble(course, pages, progress, getattr(course, "lessons_in_order", False))


def dashboard_courses(*, user) -> list[CourseProgress]:
    """Every live course with the trainee's progress: started courses first (three queries)."""
    courses = [course for model in curriculum.course_models() for course in model.objects.live().order_by("path")]
    courses.sort(key=lambda course: course.path)
    pages = _outline_pages(courses)
    progress = progress_by_page(user=user, page_ids=[p.pk for p in pages])
    results = [_assemble(c, pages, progress, getattr(c, "lessons_in_order", False)) for c in courses]
    # In progress first, then not started, then finished; tree order within each.
    return sorted(results, key=lambda r: (r.is_complete, not r.is_started))


def reflections_for_page(*, user, page) -> dict[str, ReflectionAnswer]:
    if not user.is_authenticated:
        return {}
    return {row.block_id: row for row in ReflectionAnswer.objects.filter(user=user, page=page)}
