"""Races, with real threads and real transactions: a course completed by several requests at the
same moment gets one certificate.

Like tests/quizzes/test_concurrency.py, the thread tests need a database whose connections wait
for each other's locks (PostgreSQL, or SQLite in a file); on the shared in-memory SQLite of the
default test settings they are skipped, and the single-thread tests show the same rules.
"""

import pytest

from django.urls import reverse

from certificates.models import Certificate
from certificates.services import certificate_issue
from tests.factories import build_course, lessons_of
from tests.quizzes.conftest import post_json
from tests.quizzes.test_concurrency import needs_waiting_locks, run_together, signed_in_client


@pytest.fixture
def race_course(db):
    return build_course(modules=1, lessons_per_module=3, slug="race-course", title="Race course")


@needs_waiting_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_last_lessons_completed_at_once_issue_one_certificate(trainee, race_course):
    """Three requests each complete one of the course's lessons at the same moment (the last
    commit completes the course), and five more repeat the last one: one certificate."""
    lessons = lessons_of(race_course)
    clients = [signed_in_client(trainee) for _ in range(8)]

    def complete(i):
        lesson = lessons[i] if i < len(lessons) else lessons[-1]
        return post_json(clients[i], reverse("training:mark_complete", args=[lesson.pk]), {}).status_code

    results, errors = run_together(8, complete)
    assert errors == []
    assert set(results) == {200}
    assert Certificate.objects.filter(user=trainee, course=race_course).count() == 1


@needs_waiting_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_issuers_at_once_make_one_certificate(trainee, race_course):
    from django.utils import timezone

    today = timezone.localdate()
    results, errors = run_together(
        10, lambda _i: certificate_issue(user=trainee, course=race_course, completed_on=today).pk
    )
    assert errors == []
    assert len(set(results)) == 1
    assert Certificate.objects.filter(user=trainee).count() == 1


@pytest.mark.django_db
def test_repeated_completions_in_one_thread_issue_one_certificate(
    trainee, race_course, django_capture_on_commit_callbacks
):
    client = signed_in_client(trainee)
    for _ in range(3):
        for lesson in lessons_of(race_course):
            with django_capture_on_commit_callbacks(execute=True):
                response = post_json(client, reverse("training:mark_complete", args=[lesson.pk]), {})
            assert response.status_code == 200
    assert Certificate.objects.filter(user=trainee).count() == 1
