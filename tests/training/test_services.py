from datetime import timedelta

import pytest

from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import lessons_of
from training.models import LearningProgress
from training.services import progress_mark_complete, progress_record_video, progress_start

pytestmark = pytest.mark.django_db


def test_opening_a_lesson_records_it_as_started_once(trainee, course):
    lesson = lessons_of(course)[0]
    progress_start(user=trainee, page=lesson)
    progress_start(user=trainee, page=lesson)
    row = LearningProgress.objects.get(user=trainee, page=lesson)
    assert row.completed_at is None
    assert row.page_title == lesson.title
    assert LearningProgress.objects.count() == 1


def test_completion_is_stamped_once_and_never_moves(trainee, course):
    lesson = lessons_of(course)[0]
    first = timezone.now()
    progress_mark_complete(user=trainee, page=lesson, now=first)
    progress_mark_complete(user=trainee, page=lesson, now=first + timedelta(days=3))
    row = LearningProgress.objects.get(user=trainee, page=lesson)
    assert row.completed_at == first
    assert row.completion_source == "manual"


def test_watching_counts_seconds_played_in_real_time(trainee, course):
    lesson = lessons_of(course)[0]
    t0 = timezone.now()
    progress_record_video(user=trainee, page=lesson, position=0, duration=100, now=t0)
    progress_record_video(user=trainee, page=lesson, position=10, duration=100, now=t0 + timedelta(seconds=10))
    row = progress_record_video(user=trainee, page=lesson, position=20, duration=100, now=t0 + timedelta(seconds=20))
    assert row.watched_seconds == pytest.approx(20)
    assert row.video_position == 20


def test_seeking_ahead_moves_the_position_but_does_not_count_as_watched(trainee, course):
    lesson = lessons_of(course)[0]
    t0 = timezone.now()
    progress_record_video(user=trainee, page=lesson, position=0, duration=600, now=t0)
    row = progress_record_video(user=trainee, page=lesson, position=500, duration=600, now=t0 + timedelta(seconds=5))
    assert row.watched_seconds == 0
    assert row.video_position == 500
    assert row.completed_at is None


def test_rewinding_keeps_what_was_watched(trainee, course):
    lesson = lessons_of(course)[0]
    t0 = timezone.now()
    progress_record_video(user=trainee, page=lesson, position=0, duration=100, now=t0)
    progress_record_video(user=trainee, page=lesson, position=30, duration=100, now=t0 + timedelta(seconds=30))
    row = progress_record_video(user=trainee, page=lesson, position=5, duration=100, now=t0 + timedelta(seconds=31))
    assert row.watched_seconds == pytest.approx(30)
    assert row.video_position == 5


def test_watching_to_the_threshold_completes_the_lesson(trainee, course):
    lesson = lessons_of(course)[0]
    t0 = timezone.now()
    progress_record_video(user=trainee, page=lesson, position=0, duration=40, completion_threshold=0.9, now=t0)
    row = None
    for second in range(10, 41, 10):
        row = progress_record_video(
            user=trainee,
            page=lesson,
            position=second,
            duration=40,
            completion_threshold=0.9,
            now=t0 + timedelta(seconds=second),
        )
        if second < 36:
            assert row.completed_at is None
    assert row.completed_at is not None
    assert row.completion_source == "video"


def test_watching_again_after_completion_keeps_the_first_date(trainee, course):
    lesson = lessons_of(course)[0]
    done_at = timezone.now() - timedelta(days=1)
    progress_mark_complete(user=trainee, page=lesson, now=done_at)
    row = progress_record_video(user=trainee, page=lesson, position=3, duration=40, completion_threshold=0.5)
    assert row.completed_at == done_at
    assert row.completion_source == "manual"


def test_watched_seconds_never_exceed_the_video_length(trainee, course):
    lesson = lessons_of(course)[0]
    t0 = timezone.now()
    progress_record_video(user=trainee, page=lesson, position=0, duration=10, now=t0)
    for i in range(1, 6):  # replaying the same ten seconds five times
        progress_record_video(
            user=trainee, page=lesson, position=10, duration=10, now=t0 + timedelta(seconds=20 * i - 10)
        )
        progress_record_video(user=trainee, page=lesson, position=0, duration=10, now=t0 + timedelta(seconds=20 * i))
    assert LearningProgress.objects.get().watched_seconds == pytest.approx(10)


def test_the_database_refuses_a_second_row_for_the_same_trainee_and_lesson(trainee, course):
    lesson = lessons_of(course)[0]
    progress_start(user=trainee, page=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningProgress.objects.create(user=trainee, page=lesson, page_title="x")


def test_the_database_refuses_negative_seconds(trainee, course):
    lesson = lessons_of(course)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningProgress.objects.create(user=trainee, page=lesson, page_title="x", watched_seconds=-1)


def test_the_database_refuses_a_completion_without_a_source(trainee, course):
    lesson = lessons_of(course)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        LearningProgress.objects.create(user=trainee, page=lesson, page_title="x", completed_at=timezone.now())


def test_deleting_a_lesson_keeps_the_trainees_record(trainee, course):
    lesson = lessons_of(course)[0]
    progress_mark_complete(user=trainee, page=lesson)
    title = lesson.title
    lesson.delete()
    row = LearningProgress.objects.get(user=trainee)
    assert row.page is None
    assert row.page_title == title
    assert row.completed_at is not None
