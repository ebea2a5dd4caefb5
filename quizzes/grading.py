"""Grading: a pure function from the questions an attempt was given and the trainee's answers
to a result. No database, no randomness, no clock.

A question, as frozen in an attempt's snapshot:
    {"id": str, "type": "single"|"multiple"|"true_false", "prompt": str, "case": str,
     "choices": [{"id": str, "text": str, "correct": bool, "feedback": str}, ...]}
Answers: {question_id: [choice_id, ...]}.

Scores are computed with exact fractions, so a pass mark of 80% is reached by 4 of 5 right and
never by 79.99...% that a float sum would give.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

SINGLE_ANSWER_TYPES = frozenset({"single", "true_false"})


class AnswerError(ValueError):
    """Answers that do not fit the questions: unknown ids, a choice from another question,
    several choices on a single-choice question. The message is safe to show; `code` and
    `question_id` let a caller word it for people (by question number, translated)."""

    def __init__(self, message: str, *, code: str, question_id: str | None = None):
        super().__init__(message)
        self.code = code
        self.question_id = question_id


class Scored:
    """Right or partly right, for anything with a `score` from 0 to 1."""

    score: float

    @property
    def is_correct(self) -> bool:
        return self.score == 1.0

    @property
    def is_partly_correct(self) -> bool:
        return 0.0 < self.score < 1.0


@dataclass(frozen=True)
class QuestionResult(Scored):
    question_id: str
    selected: tuple[str, ...]
    correct_choices: tuple[str, ...]
    score: float  # 0..1; multiple-select questions earn partial credit
    answered: bool


@dataclass(frozen=True)
class GradeResult:
    questions: tuple[QuestionResult, ...] = field(default_factory=tuple)
    percent: float = 0.0  # rounded down to one decimal, so it never shows a pass that is not one
    passed: bool | None = None  # None: a quiz without a pass mark

    @property
    def correct_count(self) -> int:
        return sum(1 for q in self.questions if q.is_correct)

    @property
    def answered_count(self) -> int:
        return sum(1 for q in self.questions if q.answered)


def is_multiple(question: dict) -> bool:
    return question["type"] not in SINGLE_ANSWER_TYPES


def validate_answer(question: dict, choice_ids) -> tuple[str, ...]:
    """Check one question's answer and return it as a tuple in the question's choice order."""
    qid = question["id"]
    if not isinstance(choice_ids, (list, tuple)) or not all(isinstance(c, str) for c in choice_ids):
        raise AnswerError(
            f"The answer to question {qid} must be a list of choice ids.", code="not_a_list", question_id=qid
        )
    known = [choice["id"] for choice in question["choices"]]
    if any(c not in known for c in choice_ids):
        raise AnswerError(f"Question {qid} has no such choice.", code="unknown_choice", question_id=qid)
    if len(set(choice_ids)) != len(choice_ids):
        raise AnswerError(f"A choice was given twice for question {qid}.", code="duplicate_choice", question_id=qid)
    if not is_multiple(question) and len(choice_ids) > 1:
        raise AnswerError(f"Question {qid} takes one answer only.", code="one_answer_only", question_id=qid)
    return tuple(c for c in known if c in choice_ids)


def validate_answers(questions: list[dict], answers: dict) -> dict[str, tuple[str, ...]]:
    if not isinstance(answers, dict):
        raise AnswerError("Answers must map question ids to lists of choice ids.", code="not_a_mapping")
    by_id = {q["id"]: q for q in questions}
    if any(qid not in by_id for qid in answers):
        raise AnswerError("This quiz has no such question.", code="unknown_question")
    return {qid: validate_answer(by_id[qid], choice_ids) for qid, choice_ids in answers.items()}


def _question_score(question: dict, selected: tuple[str, ...]) -> Fraction:
    correct = {c["id"] for c in question["choices"] if c["correct"]}
    chosen = set(selected)
    if not is_multiple(question):
        return Fraction(1) if chosen and chosen <= correct else Fraction(0)
    if not correct:
        return Fraction(0)
    # Partial credit: each right pick earns a share, each wrong pick takes one away.
    hits = len(chosen & correct)
    misses = len(chosen - correct)
    return max(Fraction(0), Fraction(hits - misses, len(correct)))


def _result(question: dict, selected: tuple[str, ...], score: Fraction) -> QuestionResult:
    return QuestionResult(
        question_id=question["id"],
        selected=tuple(selected),
        correct_choices=tuple(c["id"] for c in question["choices"] if c["correct"]),
        score=float(score),
        answered=bool(selected),
    )


def grade_question(question: dict, selected: tuple[str, ...]) -> QuestionResult:
    """One question's result. `selected` must already be valid (see `validate_answer`)."""
    return _result(question, tuple(selected), _question_score(question, tuple(selected)))


def grade(questions: list[dict], answers: dict, *, pass_mark: int | None = None) -> GradeResult:
    """Grade answers against questions. Unanswered questions score zero.

    `pass_mark` is a percentage; the attempt passes when its exact percentage reaches it.
    """
    valid = validate_answers(questions, answers)
    selections = [valid.get(q["id"], ()) for q in questions]
    scores = [_question_score(q, s) for q, s in zip(questions, selections, strict=True)]
    exact = 100 * sum(scores, Fraction(0)) / len(questions) if questions else Fraction(0)
    percent = float((Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(Decimal("0.1"), ROUND_DOWN))
    return GradeResult(
        questions=tuple(_result(q, s, score) for q, s, score in zip(questions, selections, scores, strict=True)),
        percent=percent,
        passed=None if pass_mark is None else exact >= pass_mark,
    )
