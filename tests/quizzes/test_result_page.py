"""The result page: a check quiz's private score and feedback; a sign-off's pass or not, the
answers to review with their feedback, the lessons to look back at, and attempts left."""

import pytest

from django.urls import reverse

from quizzes import selectors, services
from tests.factories import build_quiz, right_answers, sample_questions, wrong_answers

pytestmark = pytest.mark.django_db


def submit(user, quiz, answers=wrong_answers):
    attempt = services.attempt_start(user=user, quiz=quiz)
    return services.attempt_submit(attempt=attempt, answers=answers(attempt.questions))


def result_html(client, attempt) -> str:
    response = client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_check_quiz_result_shows_a_private_score_and_every_answer_with_feedback(trainee_client, trainee, check_quiz):
    attempt = submit(trainee, check_quiz)
    html = result_html(trainee_client, attempt)
    assert "You got 0 of 4 questions fully right (0%)." in html
    assert "Only you can see this score." in html
    for question in attempt.questions:
        for choice in question["choices"]:
            assert choice["feedback"] in html
    assert ">The right answer</span>" in html
    assert "Try again" in html
    lowered = html.lower()
    assert "fail" not in lowered and "pass" not in lowered


def test_a_passed_sign_off_says_so_and_reveals_the_answers(trainee_client, trainee, signoff):
    attempt = submit(trainee, signoff, right_answers)
    html = result_html(trainee_client, attempt)
    assert "You passed" in html
    assert "Your score is 100%. The pass mark is 75%." in html
    assert "marked complete" in html
    assert "Try again" not in html
    assert "Lessons to look back at" not in html


def test_a_sign_off_not_passed_shows_wrong_answers_feedback_lessons_and_attempts_left(trainee_client, trainee, signoff):
    attempt = submit(trainee, signoff)
    html = result_html(trainee_client, attempt)
    assert "Not passed this time" in html
    assert "Your score is 0%. The pass mark is 75%." in html
    assert "You have 2 attempts left." in html
    assert "Try again" in html
    assert "Lessons to look back at" in html
    assert 'href="/courses/quizzing/module-1/lesson-1-1/"' in html
    assert 'href="/courses/quizzing/module-1/lesson-1-2/"' in html
    assert html.count("Your answer: not right") == 4
    # The trainee's own picks come with feedback; the right answers wait for a pass.
    for question in attempt.questions:
        for choice in question["choices"]:
            picked = choice["id"] in attempt.answers[question["id"]]
            assert (choice["feedback"] in html) is picked
    assert ">The right answer</span>" not in html


def test_the_right_answers_are_shown_once_no_attempt_is_left(trainee_client, trainee, module):
    quiz = build_quiz(module, kind="signoff", slug="one-go", max_attempts=1, questions=sample_questions(2))
    attempt = submit(trainee, quiz)
    html = result_html(trainee_client, attempt)
    assert "You have used every attempt" in html
    assert ">The right answer</span>" in html
    assert "Try again" not in html


def test_partly_right_answers_are_named_so(trainee_client, trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    multiple = attempt.questions[1]
    one_right = next(c["id"] for c in multiple["choices"] if c["correct"])
    attempt = services.attempt_submit(attempt=attempt, answers={multiple["id"]: [one_right]})
    html = result_html(trainee_client, attempt)
    assert "Partly right." in html
    assert "Also right" in html
    assert "3 questions were left unanswered." in html


def test_an_open_attempt_has_no_result_yet(trainee_client, trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    response = trainee_client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert response.status_code == 302
    assert response["Location"] == check_quiz.url + "#quiz-questions"


def test_the_result_stays_after_the_quiz_is_unpublished(trainee_client, trainee, signoff):
    attempt = submit(trainee, signoff, right_answers)
    signoff.unpublish()
    html = result_html(trainee_client, attempt)
    assert "You passed" in html
    assert "Try again" not in html


def test_the_result_is_built_from_the_snapshot_alone():
    from quizzes.models import QuizAttempt

    questions = [
        {
            "id": "q",
            "type": "true_false",
            "prompt": "Statement",
            "case": "",
            "choices": [
                {"id": "true", "text": "True", "correct": False, "feedback": "No."},
                {"id": "false", "text": "False", "correct": True, "feedback": "Yes."},
            ],
        }
    ]
    attempt = QuizAttempt(kind="signoff", questions=questions, answers={"q": ["true"]}, pass_mark=50, passed=False)
    result = selectors.attempt_result(attempt=attempt, reveal_answers=False)
    (review,) = result.questions
    assert not review.is_correct
    assert [c.id for c in review.shown_choices] == ["true"]
    assert result.to_review == (review,)
