"""Attempt services: start and resume, save, check, submit once, and what each attempt freezes."""

from decimal import Decimal

import pytest

from quizzes import services
from quizzes.models import ChoiceSelection, QuestionResponse, QuizAttempt
from tests.factories import (
    build_quiz,
    choice,
    right_answers,
    single_choice,
    wrong_answers,
)
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


def ids(attempt, number: int) -> tuple[str, list[str]]:
    """A question's id and its choice ids, by position in the attempt."""
    question = attempt.questions[number - 1]
    return question["id"], [c["id"] for c in question["choices"]]


def right(attempt, number: int) -> tuple[str, list[str]]:
    question = attempt.questions[number - 1]
    return question["id"], [c["id"] for c in question["choices"] if c["correct"]]


def wrong(attempt, number: int) -> tuple[str, list[str]]:
    question = attempt.questions[number - 1]
    return question["id"], [next(c["id"] for c in question["choices"] if not c["correct"])]


# Starting and resuming ---------------------------------------------------------------------


def test_starting_freezes_the_questions_and_the_pass_mark(trainee, signoff):
    attempt = services.attempt_start(user=trainee, quiz=signoff, seed=3)
    assert attempt.is_open
    assert attempt.number == 1
    assert attempt.pass_mark == 75
    assert attempt.kind == "signoff"
    assert attempt.quiz_title == signoff.title
    assert attempt.questions == signoff.build_snapshot(seed=3)


def test_a_check_quiz_attempt_has_no_pass_mark(trainee, check_quiz):
    assert services.attempt_start(user=trainee, quiz=check_quiz).pass_mark is None


def test_starting_again_resumes_the_open_attempt_with_its_answers(trainee, check_quiz):
    first = services.attempt_start(user=trainee, quiz=check_quiz)
    services.attempt_save_answer(attempt=first, question_id=right(first, 1)[0], choice_ids=right(first, 1)[1])
    again = services.attempt_start(user=trainee, quiz=check_quiz)
    assert again.pk == first.pk
    assert again.answers == {right(first, 1)[0]: right(first, 1)[1]}
    assert QuizAttempt.objects.count() == 1


def test_after_submitting_a_new_attempt_is_numbered_on(trainee, check_quiz):
    first = services.attempt_start(user=trainee, quiz=check_quiz)
    services.attempt_submit(attempt=first)
    second = services.attempt_start(user=trainee, quiz=check_quiz)
    assert second.pk != first.pk
    assert second.number == 2


def test_each_trainee_has_their_own_attempt(trainee, other_trainee, check_quiz):
    mine = services.attempt_start(user=trainee, quiz=check_quiz)
    theirs = services.attempt_start(user=other_trainee, quiz=check_quiz)
    assert mine.pk != theirs.pk


def test_an_unpublished_quiz_cannot_be_started(trainee, check_quiz):
    check_quiz.unpublish()
    check_quiz.refresh_from_db()
    with pytest.raises(services.QuizUnavailable):
        services.attempt_start(user=trainee, quiz=check_quiz)


def test_a_sign_off_quiz_refuses_attempts_beyond_its_limit(trainee, module):
    quiz = build_quiz(module, kind="signoff", slug="limited", max_attempts=2)
    for _ in range(2):
        services.attempt_submit(attempt=services.attempt_start(user=trainee, quiz=quiz))
    with pytest.raises(services.AttemptLimitReached) as error:
        services.attempt_start(user=trainee, quiz=quiz)
    assert "2 attempts" in error.value.message
    assert QuizAttempt.objects.filter(user=trainee).count() == 2


def test_check_quizzes_have_unlimited_retries_even_if_a_limit_was_typed_in(trainee, module):
    quiz = build_quiz(module, kind="check", slug="unlimited", max_attempts=1)
    for _ in range(3):
        services.attempt_submit(attempt=services.attempt_start(user=trainee, quiz=quiz))
    assert services.attempt_start(user=trainee, quiz=quiz).number == 4


# Saving -----------------------------------------------------------------------------------


def test_an_answer_is_saved_and_can_be_changed_or_cleared(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    qid, choices = ids(attempt, 2)  # multiple select
    services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=[choices[2], choices[0]])
    attempt.refresh_from_db()
    assert attempt.answers == {qid: [choices[0], choices[2]]}
    services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=[])
    attempt.refresh_from_db()
    assert attempt.answers == {}


@pytest.mark.parametrize(
    ("question", "choices", "fragment"),
    [
        ("unknown", "own", "no such question"),
        (1, "own", "no such choice"),
        (1, "other", "no such choice"),
        (1, "two", "one answer only"),
        (1, "text", "list of choices"),
    ],
)
def test_answers_that_do_not_fit_are_refused_and_nothing_changes(trainee, check_quiz, question, choices, fragment):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    qid1, choices1 = ids(attempt, 1)
    services.attempt_save_answer(attempt=attempt, question_id=qid1, choice_ids=[choices1[0]])
    qid = qid1 if question == 1 else question
    sent = {
        "own": ["not-a-choice"],
        "other": [ids(attempt, 2)[1][0]],
        "two": choices1[:2],
        "text": choices1[0],
    }.get(choices, choices)
    with pytest.raises(services.AnswerInvalid) as error:
        services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=sent)
    assert fragment in error.value.message
    attempt.refresh_from_db()
    assert attempt.answers == {qid1: [choices1[0]]}


def test_saving_the_whole_form_leaves_unsent_questions_unanswered(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    services.attempt_save_answer(attempt=attempt, question_id=right(attempt, 1)[0], choice_ids=right(attempt, 1)[1])
    services.attempt_save_answers(attempt=attempt, answers=dict([right(attempt, 2)]))
    attempt.refresh_from_db()
    assert attempt.answers == dict([right(attempt, 2)])


def test_a_submitted_attempt_takes_no_more_answers(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    services.attempt_submit(attempt=attempt)
    with pytest.raises(services.AttemptClosed):
        services.attempt_save_answer(attempt=attempt, question_id=right(attempt, 1)[0], choice_ids=[])
    attempt.refresh_from_db()
    assert attempt.answers == {}


# Checking one answer ----------------------------------------------------------------------


def test_checking_records_the_answer_and_reveals_that_question_only(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    qid, picked = wrong(attempt, 1)
    checked = services.attempt_check_question(attempt=attempt, question_id=qid, choice_ids=picked)
    assert checked.question["id"] == qid
    assert checked.result.is_correct is False
    assert checked.result.correct_choices == tuple(right(attempt, 1)[1])
    attempt.refresh_from_db()
    assert attempt.checked == [qid]
    assert attempt.answers == {qid: picked}
    assert attempt.is_open


def test_a_checked_answer_cannot_be_changed_but_can_be_sent_again_unchanged(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    qid, picked = wrong(attempt, 1)
    services.attempt_check_question(attempt=attempt, question_id=qid, choice_ids=picked)
    with pytest.raises(services.AnswerLocked):
        services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=right(attempt, 1)[1])
    with pytest.raises(services.AnswerLocked):
        services.attempt_check_question(attempt=attempt, question_id=qid, choice_ids=right(attempt, 1)[1])
    services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=picked)
    # The whole form, sent without the checked question (its inputs are disabled), keeps it.
    services.attempt_save_answers(attempt=attempt, answers={})
    attempt.refresh_from_db()
    assert attempt.answers == {qid: picked}


def test_checking_needs_an_answer(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    with pytest.raises(services.CheckNotAllowed):
        services.attempt_check_question(attempt=attempt, question_id=ids(attempt, 1)[0])
    attempt.refresh_from_db()
    assert attempt.checked == []


def test_sign_off_quizzes_and_quizzes_with_feedback_at_the_end_cannot_be_checked(trainee, signoff, module):
    attempt = services.attempt_start(user=trainee, quiz=signoff)
    with pytest.raises(services.CheckNotAllowed):
        services.attempt_check_question(attempt=attempt, question_id=right(attempt, 1)[0], choice_ids=[])
    at_the_end = build_quiz(module, kind="check", slug="at-the-end", feedback_after_each=False)
    attempt = services.attempt_start(user=trainee, quiz=at_the_end)
    qid, picked = right(attempt, 1)
    with pytest.raises(services.CheckNotAllowed):
        services.attempt_check_question(attempt=attempt, question_id=qid, choice_ids=picked)


# Submitting -------------------------------------------------------------------------------


def test_submitting_grades_and_records_responses_for_reports(trainee, signoff):
    attempt = services.attempt_start(user=trainee, quiz=signoff)
    answers = right_answers(attempt.questions)
    qid, picked = wrong(attempt, 2)  # the multiple-select question: half right
    answers[qid] = [right(attempt, 2)[1][0]]
    graded = services.attempt_submit(attempt=attempt, answers=answers)
    assert graded.submitted_at is not None
    assert graded.score == Decimal("87.5")
    assert graded.passed is True
    responses = list(QuestionResponse.objects.filter(attempt=attempt).order_by("position"))
    assert [r.question_id for r in responses] == [q["id"] for q in attempt.questions]
    assert [r.is_correct for r in responses] == [True, False, True, True]
    assert responses[1].score == Decimal("0.5")
    assert all(r.quiz_id == signoff.pk for r in responses)
    assert ChoiceSelection.objects.filter(response__attempt=attempt).count() == 4
    assert set(ChoiceSelection.objects.values_list("is_correct", flat=True)) == {True}


def test_passing_a_sign_off_completes_it(trainee, signoff):
    services.attempt_submit(
        attempt=(attempt := services.attempt_start(user=trainee, quiz=signoff)),
        answers=right_answers(attempt.questions),
    )
    progress = LearningProgress.objects.get(user=trainee, page=signoff)
    assert progress.completed_at is not None
    assert progress.completion_source == "quiz"


def test_not_passing_a_sign_off_leaves_it_incomplete(trainee, signoff):
    attempt = services.attempt_start(user=trainee, quiz=signoff)
    graded = services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    assert graded.passed is False
    assert graded.score == 0
    assert not LearningProgress.objects.filter(user=trainee, page=signoff, completed_at__isnull=False).exists()


def test_submitting_a_check_quiz_at_all_completes_it(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    graded = services.attempt_submit(attempt=attempt, answers={})
    assert graded.passed is None
    assert graded.score == 0
    assert LearningProgress.objects.get(user=trainee, page=check_quiz).completion_source == "quiz"


def test_submitting_twice_grades_once_and_returns_the_same_result(trainee, signoff):
    attempt = services.attempt_start(user=trainee, quiz=signoff)
    first = services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    again = services.attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
    assert (again.pk, again.score, again.passed, again.submitted_at) == (
        first.pk,
        first.score,
        first.passed,
        first.submitted_at,
    )
    assert QuestionResponse.objects.filter(attempt=attempt).count() == len(attempt.questions)
    assert QuizAttempt.objects.get(pk=attempt.pk).answers == wrong_answers(attempt.questions)


def test_a_tampered_submission_is_refused_and_the_attempt_stays_open(trainee, signoff):
    attempt = services.attempt_start(user=trainee, quiz=signoff)
    with pytest.raises(services.AnswerInvalid):
        services.attempt_submit(attempt=attempt, answers={"made-up": ["x"]})
    attempt.refresh_from_db()
    assert attempt.is_open
    assert not QuestionResponse.objects.exists()


def test_a_quiz_unpublished_during_the_attempt_refuses_answers_and_keeps_them(trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    qid, picked = right(attempt, 1)
    services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=picked)
    check_quiz.unpublish()
    with pytest.raises(services.QuizUnavailable):
        services.attempt_save_answer(attempt=attempt, question_id=qid, choice_ids=[])
    with pytest.raises(services.QuizUnavailable):
        services.attempt_submit(attempt=attempt)
    attempt.refresh_from_db()
    assert attempt.is_open
    assert attempt.answers == {qid: picked}


def test_the_attempt_is_graded_against_its_snapshot_after_a_trainer_edits_the_quiz(trainee, module):
    quiz = build_quiz(
        module,
        kind="signoff",
        slug="edited",
        pass_mark=50,
        questions=[single_choice("Which?", [choice("Old right", True), choice("Old wrong")])],
    )
    attempt = services.attempt_start(user=trainee, quiz=quiz)
    qid, picked = right(attempt, 1)

    # The trainer rewrites the question, flips which choice is right and raises the pass mark.
    quiz.pass_mark = 100
    value = quiz.questions[0].value
    value["prompt"] = "Rewritten"
    for item in value["choices"].bound_blocks:
        item.value["correct"] = not item.value["correct"]
        item.value["text"] = "New " + item.value["text"]
    quiz.save_revision().publish()

    graded = services.attempt_submit(attempt=attempt, answers={qid: picked})
    assert graded.passed is True
    assert graded.score == 100
    assert graded.pass_mark == 50
    response = QuestionResponse.objects.get(attempt=attempt)
    assert response.prompt == "Which?"
    assert ChoiceSelection.objects.get(response=response).text == "Old right"


def test_deleting_a_quiz_keeps_the_trainees_attempts(trainee, check_quiz):
    attempt = services.attempt_submit(attempt=services.attempt_start(user=trainee, quiz=check_quiz))
    title = check_quiz.title
    check_quiz.delete()
    attempt.refresh_from_db()
    assert attempt.quiz_id is None
    assert attempt.quiz_title == title
    assert attempt.responses.count() == 4
