"""Writes to quiz attempts. Every change to an attempt goes through here.

Rules kept here, and backed by the database:
- one open attempt per trainee and quiz (a partial unique constraint), however many requests
  race to start one;
- an attempt is graded once: later submissions (a double click, a retry, a second tab) get the
  result that was already stored;
- an attempt is graded against what it froze when it started (questions, choices, pass mark),
  so a trainer editing the quiz never changes a trainee's result;
- an answer whose feedback was shown cannot be changed afterwards.

Every error is a `QuizError` whose message is safe to show to the trainee.
"""

import random
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from training.models import LearningProgress
from training.services import progress_mark_complete

from . import grading
from .models import ChoiceSelection, QuestionResponse, QuizAttempt, QuizPage


class QuizError(Exception):
    """Something the trainee's request cannot do. The message is safe to show."""

    code = "quiz_error"

    def __init__(self, message: str, *, attempt: QuizAttempt | None = None):
        super().__init__(message)
        self.message = message
        self.attempt = attempt


class AnswerInvalid(QuizError):
    """The answer does not fit the attempt's questions (a tampered or stale request)."""

    code = "invalid_answer"


class AnswerLocked(QuizError):
    """The question's feedback was shown, so its answer can no longer change."""

    code = "answer_locked"


class AttemptClosed(QuizError):
    """The attempt was already submitted and graded."""

    code = "attempt_submitted"


class AttemptLimitReached(QuizError):
    """A sign-off quiz allows no more attempts."""

    code = "attempt_limit"


class CheckNotAllowed(QuizError):
    """Feedback before submitting is only for check quizzes that offer it, on answered questions."""

    code = "check_not_allowed"


class QuizUnavailable(QuizError):
    """The quiz was unpublished or deleted: the attempt is kept as it was."""

    code = "quiz_unavailable"


@dataclass(frozen=True)
class CheckedQuestion:
    """What checking one question reveals: that question's result, and nothing about the others."""

    attempt: QuizAttempt
    question: dict
    result: grading.QuestionResult


def _answer_error(error: grading.AnswerError, questions: list[dict]) -> AnswerInvalid:
    numbers = {q["id"]: n for n, q in enumerate(questions, start=1)}
    number = numbers.get(error.question_id)
    messages = {
        "not_a_mapping": _("Answers must be sent as question ids with lists of choice ids."),
        "unknown_question": _("This quiz has no such question. Reload the page and try again."),
        "not_a_list": _("The answer to question %(number)s must be a list of choices."),
        "unknown_choice": _("Question %(number)s has no such choice. Reload the page and try again."),
        "duplicate_choice": _("A choice was given twice for question %(number)s."),
        "one_answer_only": _("Question %(number)s takes one answer only."),
    }
    message = messages.get(error.code, _("These answers do not fit the quiz."))
    return AnswerInvalid(message % {"number": number} if "%(number)s" in message else message)


def _validated(attempt: QuizAttempt, answers: dict) -> dict[str, tuple[str, ...]]:
    try:
        return grading.validate_answers(attempt.questions, answers)
    except grading.AnswerError as error:
        raise _answer_error(error, attempt.questions) from None


def _live_quiz(quiz_id: int | None) -> QuizPage:
    quiz = QuizPage.objects.live().filter(pk=quiz_id).first() if quiz_id else None
    if quiz is None:
        raise QuizUnavailable(
            _("This quiz is no longer available: a trainer has taken it down. Your answers so far are kept.")
        )
    return quiz


def _lock_open(attempt: QuizAttempt) -> QuizAttempt:
    """The attempt's row, locked until the transaction ends, refusing a submitted attempt."""
    locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not locked.is_open:
        raise AttemptClosed(
            _("This attempt was already submitted, so its answers can no longer change."), attempt=locked
        )
    return locked


def _apply(attempt: QuizAttempt, valid: dict[str, tuple[str, ...]], *, replace: bool) -> None:
    """Write validated answers into the attempt (not saved). With `replace`, questions missing
    from `valid` become unanswered, as a form that was sent whole says. Checked answers never change."""
    answers = dict(attempt.answers) if not replace else {}
    checked = set(attempt.checked)
    for question in attempt.questions:
        qid = question["id"]
        before = tuple(attempt.answers.get(qid, ()))
        if qid in checked:
            if qid in valid and valid[qid] != before:
                number = attempt.questions.index(question) + 1
                raise AnswerLocked(
                    _("You already checked question %(number)s, so its answer stays as it is.") % {"number": number},
                    attempt=attempt,
                )
            if before:
                answers[qid] = list(before)
            continue
        if qid in valid:
            if valid[qid]:
                answers[qid] = list(valid[qid])
            else:
                answers.pop(qid, None)
    attempt.answers = answers


def _attempt_limit_message(quiz: QuizPage) -> str:
    return _(
        "You have used all %(count)s attempts at this sign-off quiz. Please talk to your trainer about what comes next."
    ) % {"count": quiz.max_attempts}


def attempt_start(*, user, quiz: QuizPage, seed: int | None = None) -> QuizAttempt:
    """Return the trainee's open attempt at `quiz`, or start one with a frozen snapshot.

    Safe under concurrent calls: the database allows one open attempt per trainee and quiz,
    and a start that loses the race returns the winner's attempt.
    """
    if not quiz.live:
        raise QuizUnavailable(_("This quiz is not available at the moment."))
    existing = QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()
    if existing is not None:
        return existing
    used = QuizAttempt.objects.filter(user=user, quiz=quiz).count()
    if quiz.is_signoff and quiz.max_attempts and used >= quiz.max_attempts:
        raise AttemptLimitReached(_attempt_limit_message(quiz))
    questions = quiz.build_snapshot(seed=seed if seed is not None else random.SystemRandom().randrange(2**32))
    try:
        with transaction.atomic():  # a savepoint when called inside a transaction
            return QuizAttempt.objects.create(
                user=user,
                quiz=quiz,
                quiz_title=quiz.title[:255],
                kind=quiz.kind,
                pass_mark=quiz.pass_mark if quiz.is_signoff else None,
                questions=questions,
                number=used + 1,
            )
    except IntegrityError:
        # Another request started an attempt between our check and our insert.
        existing = QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()
        if existing is None:
            raise
        return existing


@transaction.atomic
def attempt_save_answer(*, attempt: QuizAttempt, question_id: str, choice_ids) -> QuizAttempt:
    """Save the trainee's answer to one question (an empty list clears it)."""
    locked = _lock_open(attempt)
    _live_quiz(locked.quiz_id)
    if not isinstance(question_id, str):
        raise AnswerInvalid(_("Say which question the answer is for."))
    _apply(locked, _validated(locked, {question_id: choice_ids}), replace=False)
    locked.save(update_fields=["answers", "updated_at"])
    return locked


@transaction.atomic
def attempt_save_answers(*, attempt: QuizAttempt, answers: dict) -> QuizAttempt:
    """Save the whole answer form: each question takes the answer sent, or none if none was sent.
    Questions already checked keep their answer."""
    locked = _lock_open(attempt)
    _live_quiz(locked.quiz_id)
    _apply(locked, _validated(locked, answers), replace=True)
    locked.save(update_fields=["answers", "updated_at"])
    return locked


@transaction.atomic
def attempt_check_question(*, attempt: QuizAttempt, question_id: str, choice_ids=None) -> CheckedQuestion:
    """Check one answer before submitting (check quizzes with feedback after each answer).

    Records the answer if one is given, marks the question checked (its answer is then fixed)
    and returns that question's result only.
    """
    locked = _lock_open(attempt)
    quiz = _live_quiz(locked.quiz_id)
    if locked.kind != QuizPage.Kind.CHECK or not quiz.feedback_after_each:
        raise CheckNotAllowed(_("This quiz shows its feedback once you submit your answers."))
    question = next((q for q in locked.questions if isinstance(question_id, str) and q["id"] == question_id), None)
    if question is None:
        raise AnswerInvalid(_("This quiz has no such question. Reload the page and try again."))
    if choice_ids is not None:
        _apply(locked, _validated(locked, {question_id: choice_ids}), replace=False)
    selected = tuple(locked.answers.get(question_id, ()))
    if not selected:
        raise CheckNotAllowed(_("Choose an answer first, then check it."))
    if question_id not in locked.checked:
        locked.checked = [*locked.checked, question_id]
    locked.save(update_fields=["answers", "checked", "updated_at"])
    return CheckedQuestion(attempt=locked, question=question, result=grading.grade_question(question, selected))


def attempt_response_rows(attempt: QuizAttempt, result: grading.GradeResult) -> list[tuple[QuestionResponse, list]]:
    """The unsaved per-question rows (and their choice selections) that record a graded
    attempt for the reports; used by submission, and by the scale-data generator so that its
    attempts are stored exactly like real ones."""
    rows = []
    by_id = {q["id"]: q for q in attempt.questions}
    for position, outcome in enumerate(result.questions, start=1):
        question = by_id[outcome.question_id]
        response = QuestionResponse(
            attempt=attempt,
            quiz_id=attempt.quiz_id,
            question_id=outcome.question_id,
            prompt=question["prompt"],
            position=position,
            score=Decimal(str(round(outcome.score, 3))),
            is_correct=outcome.is_correct,
            answered=outcome.answered,
        )
        choices = {c["id"]: c for c in question["choices"]}
        selections = [
            ChoiceSelection(
                choice_id=choice_id, text=choices[choice_id]["text"], is_correct=choices[choice_id]["correct"]
            )
            for choice_id in outcome.selected
        ]
        rows.append((response, selections))
    return rows


@transaction.atomic
def attempt_submit(*, attempt: QuizAttempt, answers: dict | None = None, now: datetime | None = None) -> QuizAttempt:
    """Grade the attempt once and record the result; submitting again returns the stored result.

    `answers`, when given, is the whole answer form and is saved first. A sign-off quiz that is
    passed, or a check quiz that is submitted at all, completes the learning item.
    """
    locked = QuizAttempt.objects.select_for_update().get(pk=attempt.pk)
    if not locked.is_open:
        return locked  # graded already: the same result for every later submission
    quiz = _live_quiz(locked.quiz_id)
    if answers is not None:
        _apply(locked, _validated(locked, answers), replace=True)
    try:
        result = grading.grade(locked.questions, locked.answers, pass_mark=locked.pass_mark)
    except grading.AnswerError as error:
        raise _answer_error(error, locked.questions) from None
    locked.score = Decimal(str(result.percent))
    locked.passed = result.passed
    locked.submitted_at = now or timezone.now()
    locked.save(update_fields=["answers", "score", "passed", "submitted_at", "updated_at"])

    rows = attempt_response_rows(locked, result)
    QuestionResponse.objects.bulk_create([response for response, _selections in rows])
    selections = []
    for response, picked in rows:
        for selection in picked:
            selection.response = response
            selections.append(selection)
    ChoiceSelection.objects.bulk_create(selections)

    if locked.kind == QuizPage.Kind.CHECK or locked.passed:
        progress_mark_complete(
            user=attempt.user,  # the caller's instance: its trainee is usually loaded already
            page=quiz,
            source=LearningProgress.CompletionSource.QUIZ,
            now=locked.submitted_at,
        )
    return locked
