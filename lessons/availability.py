"""Which courses a person may take, decided per request without a query per course.

A course page says who it is for (everyone, the host organisation, or chosen organisations).
The rules of every restricted live course are the same for everyone, so they are cached
together until a page is next published, unpublished, moved or deleted (home.content_version). Whether a rule lets *this* person in is asked of
`organisations.scoping`, which needs the person's organisation: one query per request,
remembered on the user object.
"""

from dataclasses import dataclass

from home import versioned_cache
from home.content_version import content_version
from organisations import scoping

RULES_TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True)
class CourseRule:
    availability: str
    organisation_ids: frozenset[int]


def availability_rules() -> dict[str, CourseRule]:
    """Every live course not open to everyone, by its tree path (cached; two queries when not)."""
    key = f"lessons:availability:{content_version()}"
    rules = versioned_cache.get(key)
    if rules is None:
        from .models import CoursePage

        restricted = {
            pk: (path, availability)
            for pk, path, availability in CoursePage.objects.live()
            .exclude(availability=scoping.EVERYONE)
            .values_list("pk", "path", "availability")
        }
        chosen: dict[int, set[int]] = {pk: set() for pk in restricted}
        if restricted:
            through = CoursePage.available_to.through
            for course_id, organisation_id in through.objects.filter(coursepage_id__in=restricted).values_list(
                "coursepage_id", "organisation_id"
            ):
                chosen[course_id].add(organisation_id)
        rules = {
            path: CourseRule(availability=availability, organisation_ids=frozenset(chosen[pk]))
            for pk, (path, availability) in restricted.items()
        }
        versioned_cache.set(key, rules, RULES_TIMEOUT)
    return rules


def hidden_course_paths(*, user=None, viewer: scoping.Viewer | None = None) -> tuple[str, ...]:
    """Tree paths of the courses the person (a user, or a scoping viewer) may not see;
    everything below them is hidden too."""
    viewer = viewer or scoping.viewer_for(user=user)
    if viewer.sees_everything:
        return ()
    return tuple(
        path
        for path, rule in availability_rules().items()
        if not scoping.course_open_to(
            viewer=viewer, availability=rule.availability, organisation_ids=rule.organisation_ids
        )
    )


def page_open_to(*, user, page) -> bool:
    """Whether `page` (a course or anything in one) is open to `user`."""
    return not any(page.path.startswith(path) for path in hidden_course_paths(user=user))
