"""Quiz reads: a trainee's standing at a quiz, the open attempt's questions (which carry no
answers), and the result of a submitted attempt."""

import dataclasses

import pytest

from quizzes import selectors, services
from tests.factories import build_quiz, right_answers, sample_questions, wrong_answers

pytestmark = pytest.mark.django_db


def test_a_question_being_answered_carries_no_correctness_or_feedback(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    for question in selectors.attempt_questions(attempt=attempt):
        assert question.review is None
        for choice in question.choices:
            assert {f.name for f in dataclasses.fields(choice)} == {"id", "text", "selected"}


def test_only_a_checked_question_carries_its_review(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    qid, choices = next(iter(wrong_answers(attempt.questions).items()))
    checked = services.attempt_check_question(attempt=attempt, question_id=qid, choice_ids=choices).attempt
    views = selectors.attempt_questions(attempt=checked)
    assert views[0].checked and views[0].review is not None and not views[0].review.is_correct
    assert all(view.review is None for view in views[1:])


def test_true_and_false_are_shown_in_the_trainees_language(trainee, check_quiz):
    from django.utils import translation

    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    with translation.override("en"):
        true_false = selectors.attempt_questions(attempt=attempt)[2]
    assert [c.text for c in true_false.choices] == ["True", "False"]


def test_status_counts_attempts_and_what_is_left(trainee, signoff):
    status = selectors.quiz_status(user=trainee, quiz=signoff)
    assert (status.open_attempt, status.history, status.attempts_remaining, status.can_start) == (None, [], 3, True)
    attempt = services.attempt_start(user=trainee, quiz=signoff)
    status = selectors.quiz_status(user=trainee, quiz=signoff)
    assert status.open_attempt.pk == attempt.pk
    assert status.attempts_remaining == 2
    assert status.can_start is False  # an attempt is open
    services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    second = services.attempt_start(user=trainee, quiz=signoff)
    services.attempt_submit(attempt=second, answers=right_answers(second.questions))
    status = selectors.quiz_status(user=trainee, quiz=signoff)
    assert [(a.number, float(a.score), a.passed) for a in status.history] == [(1, 0.0, False), (2, 100.0, True)]
    assert status.passed_attempt.number == 2
    assert status.can_start is False  # passed: nothing more to gain


def test_check_quizzes_have_no_attempt_limit(trainee, module):
    quiz = build_quiz(module, kind="check", slug="limitless", max_attempts=1, questions=sample_questions(1))
    services.attempt_submit(attempt=services.attempt_start(user=trainee, quiz=quiz))
    status = selectors.quiz_status(user=trainee, quiz=quiz)
    assert status.attempts_remaining is None
    assert status.can_start is True


def test_the_result_page_links_the_lessons_of_the_quizs_module(trainee, signoff, module):
    attempt = services.attempt_submit(attempt=services.attempt_start(user=trainee, quiz=signoff))
    view = selectors.result_page(attempt=attempt)
    assert view.module.pk == module.pk
    assert [lesson.title for lesson in view.lessons] == ["Lesson 1.1", "Lesson 1.2"]
    assert view.attempts_remaining == 2
    assert view.can_retry is True
    assert view.result.reveal_answers is False
