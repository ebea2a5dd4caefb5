import pytest

from django.core.management import CommandError, call_command

from lessons.models import CoursePage
from organisations.models import Membership
from quizzes.models import QuestionResponse, QuizAttempt, QuizPage
from reports.scale import COURSE_SLUG
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


def test_generate_scale_data_makes_people_a_course_progress_and_graded_attempts(capsys):
    call_command("generate_scale_data", trainees=30, organisations=3, modules=2, lessons_per_module=3)
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    assert QuizPage.objects.descendant_of(course).filter(kind="signoff").count() == 2
    assert Membership.objects.filter(role="trainee", user__email__startswith="scale-").count() == 30
    assert Membership.objects.filter(role="manager", user__email__startswith="scale-").count() == 3
    assert LearningProgress.objects.filter(completed_at__isnull=False).exists()
    assert LearningProgress.objects.filter(completed_at__isnull=True).exists()
    attempt = QuizAttempt.objects.filter(submitted_at__isnull=False).first()
    assert attempt is not None and attempt.score is not None and attempt.passed is not None
    assert QuestionResponse.objects.filter(attempt=attempt).count() == len(attempt.questions)
    # Anyone who went past a sign-off passed it.
    for progress in LearningProgress.objects.filter(page__in=QuizPage.objects.all(), completed_at__isnull=False):
        assert QuizAttempt.objects.filter(user=progress.user_id, quiz=progress.page_id, passed=True).exists()
    assert "Generated 30 trainees in 3 organisations" in capsys.readouterr().out


def test_generate_scale_data_runs_once_per_database():
    call_command("generate_scale_data", trainees=2, organisations=1, modules=1, lessons_per_module=1)
    with pytest.raises(CommandError, match="already"):
        call_command("generate_scale_data", trainees=2, organisations=1, modules=1, lessons_per_module=1)
