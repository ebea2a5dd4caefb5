"""Writes to training records. Every change to a trainee's progress goes through here.

Rules kept here, and backed by constraints in the database:
- one progress row per trainee and learning item, however many requests race to create it;
- progress never goes backwards: watched seconds only grow, completion is stamped once;
- seconds skipped by seeking ahead are not counted as watched.
"""

from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import LearningProgress, ReflectionAnswer
from .signals import item_completed


class ProgressError(ValueError):
    """Input that cannot be recorded. The message is safe to show to the trainee."""


def _get_or_create_locked(*, user, page, now: datetime) -> LearningProgress:
    """Return the trainee's row for `page`, created if needed and locked until the transaction ends."""
    progress, _created = LearningProgress.objects.get_or_create(
        user=user,
        page=page,
        defaults={"page_title": page.title[:255], "started_at": now, "last_visited_at": now},
    )
    return LearningProgress.objects.select_for_update().get(pk=progress.pk)


def _announce_completion(*, user, page, completed_at: datetime, source: str, first_time: bool) -> None:
    """Tell listeners (certificates) about a completion once it is committed. Only completions
    reach here, never heartbeats, so the hot path pays nothing. A listener that fails is logged
    and does not undo the trainee's progress."""
    transaction.on_commit(
        lambda: item_completed.send(
            sender=LearningProgress,
            user=user,
            page=page,
            completed_at=completed_at,
            source=source,
            first_time=first_time,
        ),
        robust=True,
    )


VISIT_REFRESH_SECONDS = 5 * 60


def progress_start(*, user, page, existing: LearningProgress | None = None, now: datetime | None = None):
    """Record that the trainee opened a learning item, and return their progress row.

    Repeat visits refresh `last_visited_at` (what "Continue" follows), at most every few
    minutes: a trainee moving around a lesson should not cost a write per page view. Pass the
    row as `existing` when the caller has already read it.
    """
    now = now or timezone.now()
    if existing is not None:
        if (now - existing.last_visited_at).total_seconds() >= VISIT_REFRESH_SECONDS:
            LearningProgress.objects.filter(pk=existing.pk).update(last_visited_at=now)
            existing.last_visited_at = now
        return existing
    updated = LearningProgress.objects.filter(user=user, page=page).update(last_visited_at=now)
    row = LearningProgress(user=user, page=page, page_title=page.title[:255], started_at=now, last_visited_at=now)
    if not updated:
        # A concurrent first visit may insert the same row: the unique constraint keeps one.
        LearningProgress.objects.bulk_create([row], ignore_conflicts=True)
    return row


def _validate_seconds(value, name: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError) as error:
        raise ProgressError(f"{name} must be a number of seconds.") from error
    if seconds != seconds or seconds < 0:  # NaN or negative
        raise ProgressError(f"{name} must be zero or more seconds.")
    if seconds > settings.TRAINING_MAX_VIDEO_SECONDS:
        raise ProgressError(f"{name} is longer than any lesson video can be.")
    return seconds


@transaction.atomic
def progress_record_video(
    *,
    user,
    page,
    position: float,
    duration: float,
    completion_threshold: float | None = None,
    now: datetime | None = None,
) -> LearningProgress:
    """Record where the trainee is in the lesson's video.

    Called every few seconds while the video plays (and when it pauses or the tab closes).
    The time between two reports bounds how much can have been watched: a jump larger than
    that is a seek and is not counted. When the watched share reaches the course's threshold,
    the lesson is completed.
    """
    now = now or timezone.now()
    position = _validate_seconds(position, "position")
    duration = _validate_seconds(duration, "duration")
    if duration and position > duration + 1:
        raise ProgressError("position is past the end of the video.")

    progress = _get_or_create_locked(user=user, page=page, now=now)
    if progress.last_heartbeat_at is not None:
        elapsed = max((now - progress.last_heartbeat_at).total_seconds(), 0.0)
        advanced = position - progress.video_position
        allowed = elapsed * settings.TRAINING_MAX_PLAYBACK_RATE + settings.TRAINING_HEARTBEAT_GRACE_SECONDS
        if 0 < advanced <= allowed:
            progress.watched_seconds += advanced
    progress.video_duration = max(progress.video_duration, duration)
    if progress.video_duration:
        progress.watched_seconds = min(progress.watched_seconds, progress.video_duration)
    progress.video_position = position
    progress.last_heartbeat_at = now
    progress.last_visited_at = now
    fields = ["video_position", "video_duration", "watched_seconds", "last_heartbeat_at", "last_visited_at"]
    if (
        completion_threshold
        and progress.completed_at is None
        and progress.video_duration
        and progress.watched_seconds >= completion_threshold * progress.video_duration
    ):
        progress.completed_at = now
        progress.completion_source = LearningProgress.CompletionSource.VIDEO
        fields += ["completed_at", "completion_source"]
        _announce_completion(user=user, page=page, completed_at=now, source=progress.completion_source, first_time=True)
    progress.save(update_fields=fields)
    return progress


@transaction.atomic
def progress_mark_complete(
    *, user, page, source: str = LearningProgress.CompletionSource.MANUAL, now: datetime | None = None
) -> LearningProgress:
    """Complete a learning item. Completing it again changes nothing here: the first date stands
    (listeners are told, so a course retaken for a renewal can be recognised)."""
    now = now or timezone.now()
    progress = _get_or_create_locked(user=user, page=page, now=now)
    first_time = progress.completed_at is None
    if first_time:
        progress.completed_at = max(now, progress.started_at)
        progress.completion_source = source
        progress.last_visited_at = now
        progress.save(update_fields=["completed_at", "completion_source", "last_visited_at"])
    _announce_completion(user=user, page=page, completed_at=progress.completed_at, source=source, first_time=first_time)
    return progress


def reflection_save(*, user, page, block_id: str, prompt: str, answer: str) -> ReflectionAnswer:
    """Save (or replace) the trainee's private answer to a reflection prompt."""
    reflection, _created = ReflectionAnswer.objects.update_or_create(
        user=user,
        page=page,
        block_id=block_id,
        defaults={"prompt": prompt, "answer": answer},
    )
    return reflection
