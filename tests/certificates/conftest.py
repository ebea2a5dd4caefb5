import pytest

from lessons.models import CoursePage
from tests.factories import build_course, lessons_of
from training.services import progress_mark_complete


def set_course(course, **fields) -> CoursePage:
    """Change a course's settings and publish them."""
    page = CoursePage.objects.get(pk=course.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def complete(user, pages, capture, *, now=None):
    """Complete each page as the trainee would, running what happens after each commit."""
    for page in pages:
        with capture(execute=True):
            progress_mark_complete(user=user, page=page, **({"now": now} if now else {}))


@pytest.fixture
def ce_course(db):
    """A course of two lessons worth 1.5 continuing-education hours, with a yearly refresher."""
    course = build_course(modules=1, lessons_per_module=2, slug="refresher", title="Overdose response")
    return set_course(course, ce_hours="1.50", certificate_valid_months=12)


@pytest.fixture
def completed(trainee, ce_course, django_capture_on_commit_callbacks):
    """The trainee has completed the course: their certificate."""
    complete(trainee, lessons_of(ce_course), django_capture_on_commit_callbacks)
    return trainee.certificates.get()
