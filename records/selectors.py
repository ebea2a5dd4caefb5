"""A person's training record, shaped for the record page. A fixed number of queries, whatever
the number of courses, lessons, attempts or certificates.

The record never holds reflection answers: they are private to the person, who finds them in
their own data download (records.exports) and nowhere else. Scores of check-your-understanding
quizzes are private too: the record shows them only to the person themselves.
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from certificates.models import Certificate
from certificates.selectors import certificates_of
from quizzes.models import QuizAttempt, QuizPage
from training.models import LearningProgress
from training.selectors import CourseProgress, dashboard_courses


@dataclass(frozen=True)
class CompletedCourse:
    title: str
    url: str
    completed_on: date
    certificate: Certificate | None = None


@dataclass(frozen=True)
class AttemptRow:
    quiz_title: str
    is_signoff: bool
    number: int
    submitted_at: datetime
    score: Decimal | None  # None when the score is private to the person
    passed: bool | None


@dataclass(frozen=True)
class CompletedItem:
    title: str
    completed_at: datetime
    source: str


@dataclass
class Record:
    person: object
    completed: list[CompletedCourse] = field(default_factory=list)
    in_progress: list[CourseProgress] = field(default_factory=list)
    certificates: list[Certificate] = field(default_factory=list)
    attempts: list[AttemptRow] = field(default_factory=list)
    items: list[CompletedItem] = field(default_factory=list)


def _completed_on(progress: CourseProgress) -> date:
    return timezone.localdate(max(item.progress.completed_at for item in progress.required))


def record_for(*, person, own: bool, request=None) -> Record:
    """`person`'s record. `own`: the person is looking at it themselves (their private quiz
    scores are shown); otherwise it is a manager or trainer looking."""
    record = Record(person=person)
    record.certificates = certificates_of(user=person)
    latest = {}
    for certificate in record.certificates:  # newest first: the first per course is its latest
        if certificate.course_id is not None:
            latest.setdefault(certificate.course_id, certificate)

    for progress in dashboard_courses(user=person, request=request):
        if progress.is_complete:
            record.completed.append(
                CompletedCourse(
                    title=progress.course.title,
                    url=progress.outline.course.url,
                    completed_on=_completed_on(progress),
                    certificate=latest.get(progress.course.pk),
                )
            )
        elif progress.is_started:
            record.in_progress.append(progress)
    record.completed.sort(key=lambda course: course.completed_on, reverse=True)

    attempts = (
        QuizAttempt.objects.filter(user=person, submitted_at__isnull=False)
        .order_by("-submitted_at")
        .values_list("quiz_title", "kind", "number", "submitted_at", "score", "passed")
    )
    for title, kind, number, submitted_at, score, passed in attempts:
        signoff = kind == QuizPage.Kind.SIGNOFF
        record.attempts.append(
            AttemptRow(
                quiz_title=title,
                is_signoff=signoff,
                number=number,
                submitted_at=submitted_at,
                score=score if (own or signoff) else None,
                passed=passed if signoff else None,
            )
        )

    items = (
        LearningProgress.objects.filter(user=person, completed_at__isnull=False)
        .order_by("-completed_at")
        .values_list("page_title", "completed_at", "completion_source")
    )
    record.items = [CompletedItem(title=t, completed_at=at, source=source) for t, at, source in items]
    return record
