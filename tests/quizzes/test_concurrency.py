"""Races, with real threads and real transactions: twenty submissions of one attempt grade it
once, and ten starts of one quiz leave one open attempt.

Each thread uses its own database connection and closes it at the end; the transactional tests
restore the data migrations made (serialized_rollback), as the browser tests do. The thread tests need a
database that lets connections wait for each other's locks: PostgreSQL, or SQLite in a file
(TEST_SQLITE_FILE). The shared in-memory SQLite of the default test settings refuses a second
connection at once ("database table is locked") instead of waiting, so there the same rules are
shown by repeated submissions and starts in one thread.
"""

import threading

import pytest

from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from quizzes import services
from quizzes.models import ChoiceSelection, QuestionResponse, QuizAttempt
from tests.factories import build_course, build_quiz, modules_of, right_answers, sample_questions, wrong_answers
from tests.quizzes.conftest import post_json
from training.models import LearningProgress

_DATABASE = settings.DATABASES["default"]
IN_MEMORY_SQLITE = "sqlite" in _DATABASE["ENGINE"] and not _DATABASE.get("TEST", {}).get("NAME")
needs_waiting_locks = pytest.mark.skipif(
    IN_MEMORY_SQLITE,
    reason="shared in-memory SQLite fails at once on a locked table; run on PostgreSQL or with TEST_SQLITE_FILE",
)


def run_together(count: int, work) -> tuple[list, list]:
    """Run `work(i)` in `count` threads released at the same moment. Returns (results, errors)."""
    barrier = threading.Barrier(count)
    results, errors = [None] * count, []

    def worker(i):
        try:
            barrier.wait(timeout=30)
            results[i] = work(i)
        except Exception as error:  # noqa: BLE001 - collected and reported by the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return results, errors


@pytest.fixture
def race_quiz(db):
    course = build_course(modules=1, lessons_per_module=1, slug="race")
    return build_quiz(modules_of(course)[0], kind="signoff", slug="race-quiz", questions=sample_questions(6))


def signed_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@needs_waiting_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_twenty_concurrent_submissions_grade_once_with_the_same_result(trainee, race_quiz):
    attempt = services.attempt_start(user=trainee, quiz=race_quiz)
    answers = right_answers(attempt.questions)
    answers.update(dict(list(wrong_answers(attempt.questions).items())[:2]))  # 4 of 6 right
    url = reverse("quizzes:submit", args=[attempt.pk])
    clients = [signed_in_client(trainee) for _ in range(20)]

    def submit(i):
        response = post_json(clients[i], url, {"answers": answers})
        return response.status_code, response.json()

    results, errors = run_together(20, submit)
    assert errors == []
    assert {status for status, _body in results} == {200}
    bodies = {(body["score"], body["passed"], body["submitted_at"]) for _status, body in results}
    assert len(bodies) == 1  # every response carries the one stored result
    score, passed, _submitted_at = bodies.pop()
    assert (score, passed) == ("66.6", False)  # 4 of 6 right
    assert QuizAttempt.objects.filter(pk=attempt.pk, submitted_at__isnull=False).count() == 1
    assert QuestionResponse.objects.filter(attempt=attempt).count() == 6
    assert ChoiceSelection.objects.filter(response__attempt=attempt).count() == sum(len(v) for v in answers.values())


@needs_waiting_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_concurrent_starts_leave_exactly_one_open_attempt(trainee, race_quiz):
    clients = [signed_in_client(trainee) for _ in range(10)]
    url = reverse("quizzes:start", args=[race_quiz.pk])

    def start(i):
        response = post_json(clients[i], url, {})
        return response.status_code, response.json().get("attempt")

    results, errors = run_together(10, start)
    assert errors == []
    assert {status for status, _ in results} == {200}
    assert len({attempt for _, attempt in results}) == 1
    assert QuizAttempt.objects.filter(user=trainee, quiz=race_quiz).count() == 1


@needs_waiting_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_starts_through_the_service_return_the_one_attempt(trainee, race_quiz):
    def start(_i):
        return services.attempt_start(user=trainee, quiz=race_quiz).pk

    results, errors = run_together(10, start)
    assert errors == []
    assert len(set(results)) == 1
    assert QuizAttempt.objects.filter(user=trainee, quiz=race_quiz, submitted_at__isnull=True).count() == 1


# The same rules in one thread, for every database ------------------------------------------------


@pytest.mark.django_db
def test_repeated_submissions_grade_once_and_answer_alike(trainee, race_quiz):
    client = signed_in_client(trainee)
    attempt = services.attempt_start(user=trainee, quiz=race_quiz)
    url = reverse("quizzes:submit", args=[attempt.pk])
    bodies = []
    for n in range(20):
        answers = (right_answers if n % 2 else wrong_answers)(attempt.questions)
        response = post_json(client, url, {"answers": answers})
        assert response.status_code == 200
        bodies.append(response.json())
    assert all(body == bodies[0] for body in bodies)
    assert bodies[0]["passed"] is False
    assert QuestionResponse.objects.filter(attempt=attempt).count() == 6
    assert LearningProgress.objects.filter(user=trainee, page=race_quiz, completed_at__isnull=False).count() == 0


@pytest.mark.django_db
def test_a_start_that_loses_the_race_returns_the_winners_attempt(trainee, race_quiz, monkeypatch):
    """Simulate the race: the open attempt appears between the check and the insert."""
    winner = services.attempt_start(user=trainee, quiz=race_quiz)
    real_filter = QuizAttempt.objects.filter
    calls = {"n": 0}

    def filter_missing_the_winner_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:  # the first look for an open attempt does not see the winner yet
            return real_filter(pk=-1)
        return real_filter(*args, **kwargs)

    monkeypatch.setattr(QuizAttempt.objects, "filter", filter_missing_the_winner_once)
    loser = services.attempt_start(user=trainee, quiz=race_quiz)
    monkeypatch.undo()
    assert loser.pk == winner.pk
    assert QuizAttempt.objects.filter(user=trainee, quiz=race_quiz).count() == 1
