"""Reads of quizzes and attempts, shaped for pages. Each function makes a fixed number of
queries, whatever the number of questions or attempts.

Two shapes of a question, on purpose:
- `QuestionView` is a question being answered. Its choices carry no correctness and no
  feedback, so a template cannot leak them; only a question the trainee has checked carries
  its `review`.
- `QuestionReview` is a question after its answer was checked or submitted: every choice with
  whether it was picked, whether it is right, and its feedback.
"""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from wagtail.models import Page

from training import curriculum

from . import grading
from .models import QuizAttempt, QuizPage


@dataclass(frozen=True)
class AttemptSummary:
    """One submitted attempt in the trainee's history."""

    pk: int
    number: int
    submitted_at: datetime
    score: Decimal
    passed: bool | None


@dataclass(frozen=True)
class QuizStatus:
    """Where the trainee stands with one quiz."""

    quiz: QuizPage
    open_attempt: QuizAttempt | None
    history: list[AttemptSummary] = field(default_factory=list)
    attempts_used: int = 0

    @property
    def attempts_remaining(self) -> int | None:
        """Attempts the trainee may still start; None when there is no limit."""
        if not (self.quiz.is_signoff and self.quiz.max_attempts):
            return None
        return max(self.quiz.max_attempts - self.attempts_used, 0)

    @property
    def can_start(self) -> bool:
        """Whether to offer a new attempt: not while one is open, not once a sign-off is passed
        (there is nothing more to gain), and not past the attempt limit."""
        if self.open_attempt is not None or self.attempts_remaining == 0:
            return False
        return not (self.quiz.is_signoff and self.passed_attempt is not None)

    @property
    def passed_attempt(self) -> AttemptSummary | None:
        return next((a for a in reversed(self.history) if a.passed), None)

    @property
    def latest(self) -> AttemptSummary | None:
        return self.history[-1] if self.history else None


@dataclass(frozen=True)
class ChoiceView:
    id: str
    text: str
    selected: bool


@dataclass(frozen=True)
class ChoiceReview:
    id: str
    text: str
    selected: bool
    correct: bool
    feedback: str

    @property
    def is_wrong_pick(self) -> bool:
        return self.selected and not self.correct

    @property
    def is_missed(self) -> bool:
        return self.correct and not self.selected


@dataclass(frozen=True)
class QuestionReview(grading.Scored):
    number: int
    id: str
    type: str
    prompt: str
    case: str
    multiple: bool
    choices: tuple[ChoiceReview, ...]
    score: float
    answered: bool
    reveal_answers: bool  # False: show the trainee's picks and their feedback, not the right answers

    @property
    def shown_choices(self) -> tuple[ChoiceReview, ...]:
        """The choices whose feedback is shown: all of them when answers are revealed, else the picks."""
        return self.choices if self.reveal_answers else tuple(c for c in self.choices if c.selected)


@dataclass(frozen=True)
class QuestionView:
    number: int
    id: str
    type: str
    prompt: str
    case: str
    multiple: bool
    choices: tuple[ChoiceView, ...]
    checked: bool = False
    review: QuestionReview | None = None  # only for a checked question

    @property
    def input_type(self) -> str:
        return "checkbox" if self.multiple else "radio"

    @property
    def answered(self) -> bool:
        return any(choice.selected for choice in self.choices)


@dataclass(frozen=True)
class AttemptResult:
    """A submitted attempt, ready for its result page."""

    attempt: QuizAttempt
    questions: tuple[QuestionReview, ...]
    reveal_answers: bool

    @property
    def is_signoff(self) -> bool:
        return self.attempt.kind == QuizPage.Kind.SIGNOFF

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def correct_count(self) -> int:
        return sum(1 for q in self.questions if q.is_correct)

    @property
    def unanswered_count(self) -> int:
        return sum(1 for q in self.questions if not q.answered)

    @property
    def to_review(self) -> tuple[QuestionReview, ...]:
        return tuple(q for q in self.questions if not q.is_correct)


@dataclass(frozen=True)
class ResultPage:
    result: AttemptResult
    quiz: QuizPage | None  # None: the quiz was unpublished or deleted since
    module: Page | None
    lessons: list[Page]
    attempts_remaining: int | None
    can_retry: bool


def _choice_text(question: dict, choice: dict) -> str:
    if question["type"] == "true_false":
        return _("True") if choice["id"] == "true" else _("False")
    return choice["text"]


def question_review(*, question: dict, number: int, selected, reveal_answers: bool) -> QuestionReview:
    """One question after its answer is known, from the attempt's frozen snapshot. Pure."""
    selected = tuple(selected)
    outcome = grading.grade_question(question, selected)
    return QuestionReview(
        number=number,
        id=question["id"],
        type=question["type"],
        prompt=question["prompt"],
        case=question.get("case", ""),
        multiple=grading.is_multiple(question),
        choices=tuple(
            ChoiceReview(
                id=choice["id"],
                text=_choice_text(question, choice),
                selected=choice["id"] in selected,
                correct=bool(choice["correct"]),
                feedback=choice["feedback"],
            )
            for choice in question["choices"]
        ),
        score=outcome.score,
        answered=outcome.answered,
        reveal_answers=reveal_answers,
    )


def attempt_questions(*, attempt: QuizAttempt) -> list[QuestionView]:
    """The open attempt's questions with the trainee's saved answers. Pure: no query.

    Correctness and feedback appear only on questions the trainee has checked."""
    checked = set(attempt.checked)
    views = []
    for number, question in enumerate(attempt.questions, start=1):
        selected = set(attempt.answers.get(question["id"], ()))
        is_checked = question["id"] in checked
        views.append(
            QuestionView(
                number=number,
                id=question["id"],
                type=question["type"],
                prompt=question["prompt"],
                case=question.get("case", ""),
                multiple=grading.is_multiple(question),
                choices=tuple(
                    ChoiceView(id=c["id"], text=_choice_text(question, c), selected=c["id"] in selected)
                    for c in question["choices"]
                ),
                checked=is_checked,
                review=(
                    question_review(question=question, number=number, selected=selected, reveal_answers=True)
                    if is_checked
                    else None
                ),
            )
        )
    return views


def unanswered_count(*, attempt: QuizAttempt) -> int:
    return sum(1 for q in attempt.questions if not attempt.answers.get(q["id"]))


def attempt_for_user(*, user, attempt_id: int) -> QuizAttempt | None:
    """The attempt if it belongs to `user`; None for anyone else's (one query)."""
    if not user.is_authenticated:
        return None
    attempt = QuizAttempt.objects.filter(pk=attempt_id, user=user).first()
    if attempt is not None:
        attempt.user = user  # saves a query when a service needs the trainee
    return attempt


def attempt_open(*, user, quiz) -> QuizAttempt | None:
    if not user.is_authenticated:
        return None
    attempt = QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=True).first()
    if attempt is not None:
        attempt.user = user
    return attempt


def attempt_history(*, user, quiz) -> list[AttemptSummary]:
    """The trainee's submitted attempts at `quiz`, oldest first: date, score, passed (one query)."""
    if not user.is_authenticated:
        return []
    rows = (
        QuizAttempt.objects.filter(user=user, quiz=quiz, submitted_at__isnull=False)
        .order_by("number", "pk")
        .values_list("pk", "number", "submitted_at", "score", "passed")
    )
    return [AttemptSummary(*row) for row in rows]


def quiz_status(*, user, quiz: QuizPage) -> QuizStatus:
    """The trainee's open attempt and history at `quiz` (two queries)."""
    open_attempt = attempt_open(user=user, quiz=quiz)
    history = attempt_history(user=user, quiz=quiz)
    return QuizStatus(
        quiz=quiz,
        open_attempt=open_attempt,
        history=history,
        attempts_used=len(history) + (1 if open_attempt else 0),
    )


def _reveal_answers(attempt: QuizAttempt, attempts_remaining: int | None) -> bool:
    """Check quizzes show every right answer. A sign-off shows which of the trainee's answers were
    wrong, with their feedback; the right answers too once passed or once no attempt is left,
    so a retake still asks the trainee to think."""
    if attempt.kind != QuizPage.Kind.SIGNOFF:
        return True
    return bool(attempt.passed) or attempts_remaining == 0


def attempt_result(*, attempt: QuizAttempt, reveal_answers: bool = True) -> AttemptResult:
    """A submitted attempt's per-question result, from its frozen snapshot. Pure: no query."""
    questions = tuple(
        question_review(
            question=question,
            number=number,
            selected=attempt.answers.get(question["id"], ()),
            reveal_answers=reveal_answers,
        )
        for number, question in enumerate(attempt.questions, start=1)
    )
    return AttemptResult(attempt=attempt, questions=questions, reveal_answers=reveal_answers)


def module_and_lessons(*, quiz: Page) -> tuple[Page | None, list[Page]]:
    """The quiz's module and the live lessons in it, to review (one query)."""
    module_path = quiz.path[: -Page.steplen]
    # ContentType.objects caches per process: no query after the first call.
    lesson_types = curriculum.item_type_ids() - {ContentType.objects.get_for_model(QuizPage).pk}
    pages = list(
        Page.objects.live()
        .filter(path__startswith=module_path, depth__in=[quiz.depth - 1, quiz.depth])
        .order_by("path")
    )
    module = next((p for p in pages if p.path == module_path), None)
    lessons = [p for p in pages if p.depth == quiz.depth and p.content_type_id in lesson_types]
    return module, lessons


def result_page(*, attempt: QuizAttempt) -> ResultPage:
    """Everything the result page shows (a fixed number of queries, whatever the number of questions)."""
    quiz = QuizPage.objects.live().filter(pk=attempt.quiz_id).first() if attempt.quiz_id else None
    module, lessons, remaining, can_retry = None, [], None, False
    if quiz is not None:
        module, lessons = module_and_lessons(quiz=quiz)
        if quiz.is_signoff and quiz.max_attempts:
            used = QuizAttempt.objects.filter(user_id=attempt.user_id, quiz=quiz).count()
            remaining = max(quiz.max_attempts - used, 0)
        can_retry = remaining != 0 and not (quiz.is_signoff and attempt.passed)
    return ResultPage(
        result=attempt_result(attempt=attempt, reveal_answers=_reveal_answers(attempt, remaining)),
        quiz=quiz,
        module=module,
        lessons=lessons,
        attempts_remaining=remaining,
        can_retry=can_retry,
    )
