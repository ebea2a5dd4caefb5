"""The shape of a course as reports need it: the live courses, and a course's columns (its
modules, or its learning items) with the pages in each, which ones count toward completion,
and the quiz whose score a column shows.

Built from the cached course outline (training.selectors) plus one query for the pages' tree
paths and quiz kinds, and cached until the page tree next changes (home.content_version), so
a report costs no query for it once warm.
"""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from wagtail.models import Page

from home.content_version import content_version
from quizzes.models import QuizPage
from training import curriculum
from training.selectors import course_outline_at

MODULES = "modules"
ITEMS = "items"
LEVELS = (MODULES, ITEMS)

CACHE_TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True)
class CourseRef:
    """A live course, as report filters list it."""

    id: int
    title: str
    path: str
    depth: int


@dataclass(frozen=True)
class Unit:
    """One column group of the progress matrix: a module, or a single learning item.

    `quiz_id` is the quiz whose best score the column shows: the module's sign-off quiz (for an
    item column, the item if it is a sign-off). Check-quiz scores are private to the trainee.
    """

    key: str  # the tree path of the module or item
    title: str
    item_ids: tuple[int, ...]
    required_ids: tuple[int, ...]
    quiz_id: int | None = None
    quiz_kind: str = ""

    @property
    def required_total(self) -> int:
        return len(self.required_ids)


@dataclass(frozen=True)
class CourseStructure:
    course: CourseRef
    level: str
    units: tuple[Unit, ...]

    @property
    def item_ids(self) -> list[int]:
        return [item_id for unit in self.units for item_id in unit.item_ids]

    @property
    def required_ids(self) -> list[int]:
        return [item_id for unit in self.units for item_id in unit.required_ids]

    @property
    def quiz_ids(self) -> list[int]:
        return [unit.quiz_id for unit in self.units if unit.quiz_id]

    @property
    def required_total(self) -> int:
        return sum(unit.required_total for unit in self.units)


def live_courses() -> list[CourseRef]:
    """Every live course in tree order (cached; one query when not)."""
    key = f"reports:courses:{content_version()}"
    courses = cache.get(key)
    if courses is None:
        courses = [
            CourseRef(id=pk, title=title, path=path, depth=depth)
            for model in curriculum.course_models()
            for pk, title, path, depth in model.objects.live()
            .order_by("path")
            .values_list("pk", "title", "path", "depth")
        ]
        courses.sort(key=lambda course: course.path)
        cache.set(key, courses, CACHE_TIMEOUT)
    return courses


def visible_courses(*, viewer) -> list[CourseRef]:
    """The live courses open to the viewer's organisation (every course for trainers)."""
    hidden = curriculum.hidden_course_paths(viewer=viewer)
    return [course for course in live_courses() if not curriculum.is_hidden(path=course.path, hidden=hidden)]


def _quiz_of_module(items: list[tuple[int, str]]) -> tuple[int | None, str]:
    """The module's sign-off quiz: (page id, kind). A check-your-understanding quiz's score is
    private to the trainee (its result page says "Only you can see this score"), so reports
    never show one."""
    return next(((pk, kind) for pk, kind in items if kind == QuizPage.Kind.SIGNOFF), (None, ""))


def _build(course: CourseRef, level: str) -> CourseStructure:
    outline = course_outline_at(path=course.path)
    modules = outline.modules if outline else ()
    ids = [module.id for module, _items in modules] + [item.id for _module, items in modules for item in items]
    quiz_type = ContentType.objects.get_for_model(QuizPage).pk
    rows = {
        pk: (path, kind)
        for pk, path, kind in Page.objects.filter(pk__in=ids).values_list("pk", "path", "quizpage__kind")
    }
    units = []
    for module, items in modules:
        if module.id not in rows:
            continue
        kinds = [(item.id, rows[item.id][1] or "") for item in items if item.content_type_id == quiz_type]
        if level == MODULES:
            quiz_id, quiz_kind = _quiz_of_module(kinds)
            units.append(
                Unit(
                    key=rows[module.id][0],
                    title=module.title,
                    item_ids=tuple(item.id for item in items),
                    required_ids=tuple(item.id for item in items if item.required),
                    quiz_id=quiz_id,
                    quiz_kind=quiz_kind,
                )
            )
            continue
        for item in items:
            kind = dict(kinds).get(item.id, "")
            units.append(
                Unit(
                    key=rows[item.id][0],
                    title=item.title,
                    item_ids=(item.id,),
                    required_ids=(item.id,) if item.required else (),
                    quiz_id=item.id if kind == QuizPage.Kind.SIGNOFF else None,
                    quiz_kind=kind,
                )
            )
    return CourseStructure(course=course, level=level, units=tuple(units))


def course_structure(*, course: CourseRef, level: str = MODULES) -> CourseStructure:
    """The course's report columns at `level` (cached; a few queries when not)."""
    key = f"reports:structure:{content_version()}:{course.id}:{level}"
    structure = cache.get(key)
    if structure is None:
        structure = _build(course, level)
        cache.set(key, structure, CACHE_TIMEOUT)
    return structure
