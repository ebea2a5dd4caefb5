"""What the training records need to know about the curriculum, without importing it.

Content apps (`lessons`, `quizzes`) register their page models here when Django starts.
Progress rows point at `wagtailcore.Page`, so this app never imports the content apps:

- a *course* page is the root of one course;
- a *module* page is a child of a course that groups learning items;
- a *learning item* (a lesson or a quiz) is a child of a module, and is what a trainee
  starts and completes.

A learning item's specific page may define `video_completion_threshold` (a fraction 0..1
of its self-hosted video that counts as watched) and `counts_toward_completion` (False for
items that a course does not require).
"""

from functools import cache

from django.contrib.contenttypes.models import ContentType

_course_models: list = []
_module_models: list = []
_item_models: list = []
_optional_item_finders: list = []
_access_rules: list = []


def register_course_type(model) -> None:
    if model not in _course_models:
        _course_models.append(model)


def register_module_type(model) -> None:
    if model not in _module_models:
        _module_models.append(model)


def register_item_type(model) -> None:
    if model not in _item_models:
        _item_models.append(model)


def register_optional_items(finder) -> None:
    """Register `finder(*, course, item_ids) -> set[int]`: which of a course's learning items do
    not count toward completion (a check-your-understanding quiz the course does not require,
    say). It runs when a course's outline is built, not on every request."""
    if finder not in _optional_item_finders:
        _optional_item_finders.append(finder)


def optional_item_ids(*, course, item_ids: list[int]) -> set[int]:
    optional: set[int] = set()
    for finder in _optional_item_finders:
        optional |= set(finder(course=course, item_ids=item_ids))
    return optional


def register_access_rule(rule) -> None:
    """Register `rule(*, user=None, viewer=None) -> iterable of tree paths`: courses the person
    may not see (`viewer` is how the organisations app describes a person; pass one or the
    other). Everything below such a path is hidden from them too. It runs on every request that
    lists or serves learning, so it must not query per course."""
    if rule not in _access_rules:
        _access_rules.append(rule)


def hidden_course_paths(*, user=None, viewer=None) -> tuple[str, ...]:
    return tuple(path for rule in _access_rules for path in rule(user=user, viewer=viewer))


def is_hidden(*, path: str, hidden: tuple[str, ...]) -> bool:
    return any(path.startswith(prefix) for prefix in hidden)


def course_models() -> list:
    return list(_course_models)


@cache
def _content_type_ids(kind: str) -> frozenset[int]:
    models = {"course": _course_models, "module": _module_models, "item": _item_models}[kind]
    # ContentType.objects caches per process, so this costs no query after the first call.
    return frozenset(ContentType.objects.get_for_model(model).pk for model in models)


def course_type_ids() -> frozenset[int]:
    return _content_type_ids("course")


def module_type_ids() -> frozenset[int]:
    return _content_type_ids("module")


def item_type_ids() -> frozenset[int]:
    return _content_type_ids("item")


def clear_cache() -> None:
    _content_type_ids.cache_clear()
