"""Submitting an attempt and showing its result cost the same number of queries for 5 questions
as for 50: answers, responses and choices are written in bulk, and the result page is built
from the attempt's snapshot."""

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from quizzes import services
from tests.factories import build_quiz, right_answers, sample_questions
from tests.quizzes.conftest import form_answers

pytestmark = pytest.mark.django_db

SUBMIT_MAX_QUERIES = 16
RESULT_MAX_QUERIES = 10
QUIZ_PAGE_MAX_QUERIES = 12


def count(callable_) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as context:
        response = callable_()
    return len(context.captured_queries), response


def measure(client, user, quiz) -> dict[str, int]:
    attempt = services.attempt_start(user=user, quiz=quiz)
    client.get(quiz.url)  # warm what is the same for everyone (site root, course outline)
    page_queries, response = count(lambda: client.get(quiz.url))
    assert response.status_code == 200
    submit_url = reverse("quizzes:submit", args=[attempt.pk])
    submit_queries, response = count(lambda: client.post(submit_url, form_answers(right_answers(attempt.questions))))
    assert response.status_code == 302
    result_queries, response = count(lambda: client.get(response["Location"]))
    assert response.status_code == 200
    assert f"{len(attempt.questions)} of {len(attempt.questions)}" in response.content.decode() or "You passed" in (
        response.content.decode()
    )
    return {"page": page_queries, "submit": submit_queries, "result": result_queries}


@pytest.mark.parametrize("kind", ["signoff", "check"])
def test_submit_and_result_queries_do_not_grow_with_the_number_of_questions(trainee_client, trainee, module, kind):
    small = build_quiz(module, kind=kind, slug="five", questions=sample_questions(5))
    large = build_quiz(module, kind=kind, slug="fifty", questions=sample_questions(50))
    few = measure(trainee_client, trainee, small)
    many = measure(trainee_client, trainee, large)
    print(f"\n{kind}: 5 questions {few}, 50 questions {many}")
    assert few == many
    assert many["submit"] <= SUBMIT_MAX_QUERIES
    assert many["result"] <= RESULT_MAX_QUERIES
    assert many["page"] <= QUIZ_PAGE_MAX_QUERIES
