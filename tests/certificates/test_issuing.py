"""Issuing: once per completion, with what the certificate must say, through every way a course
can be completed."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import add_months, certificate_issue, certificate_revoke
from quizzes import services as quiz_services
from tests.certificates.conftest import complete, set_course
from tests.factories import build_course, build_quiz, lessons_of, modules_of, right_answers, wrong_answers
from training.services import progress_record_video

pytestmark = pytest.mark.django_db


def test_completing_every_lesson_issues_one_certificate_with_what_it_must_say(
    trainee, ce_course, django_capture_on_commit_callbacks
):
    trainee.last_name = "Okafor"
    trainee.save()
    first, last = lessons_of(ce_course)
    complete(trainee, [first], django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()

    complete(trainee, [last], django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    today = timezone.localdate()
    assert certificate.user == trainee
    assert certificate.course_id == ce_course.pk
    assert certificate.holder_name == "Sam Okafor"
    assert certificate.course_title == "Overdose response"
    assert certificate.ce_hours == Decimal("1.50")
    assert certificate.completed_on == today
    assert certificate.expires_on == add_months(today, 12)
    assert certificate.current_status == "valid"


def test_completing_again_issues_nothing_more(completed, trainee, ce_course, django_capture_on_commit_callbacks):
    complete(trainee, lessons_of(ce_course), django_capture_on_commit_callbacks)
    assert Certificate.objects.count() == 1


def test_a_course_without_a_validity_period_never_expires(trainee, course, django_capture_on_commit_callbacks):
    complete(trainee, lessons_of(course), django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()
    assert certificate.expires_on is None and certificate.ce_hours is None


def test_the_certificate_is_dated_when_the_last_required_item_was_completed(
    trainee, ce_course, django_capture_on_commit_callbacks
):
    earlier = timezone.now() - timedelta(days=3)
    first, last = lessons_of(ce_course)
    complete(trainee, [last], django_capture_on_commit_callbacks, now=earlier - timedelta(days=2))
    complete(trainee, [first], django_capture_on_commit_callbacks, now=earlier)
    assert Certificate.objects.get().completed_on == timezone.localdate(earlier)


def test_watching_the_last_video_to_the_end_issues_the_certificate(
    trainee, ce_course, django_capture_on_commit_callbacks
):
    first, last = lessons_of(ce_course)
    complete(trainee, [first], django_capture_on_commit_callbacks)
    start = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        progress_record_video(user=trainee, page=last, position=0, duration=20, completion_threshold=0.9, now=start)
        for second in range(5, 25, 5):
            progress_record_video(
                user=trainee,
                page=last,
                position=min(second, 20),
                duration=20,
                completion_threshold=0.9,
                now=start + timedelta(seconds=second),
            )
    assert Certificate.objects.filter(user=trainee).count() == 1


def test_passing_the_sign_off_quiz_completes_the_course_and_issues_it(
    trainee, ce_course, django_capture_on_commit_callbacks
):
    module = modules_of(ce_course)[0]
    build_quiz(module, kind="check", slug="check")  # not required: it does not hold the course back
    signoff = build_quiz(module, kind="signoff", slug="signoff", pass_mark=80)
    complete(trainee, lessons_of(ce_course), django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()

    attempt = quiz_services.attempt_start(user=trainee, quiz=signoff)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    assert not Certificate.objects.exists()  # not passed: not complete

    attempt = quiz_services.attempt_start(user=trainee, quiz=signoff)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
    assert Certificate.objects.filter(user=trainee, course=ce_course).count() == 1


def test_a_renamed_course_and_person_leave_the_issued_certificate_as_it_was(completed, trainee, ce_course):
    set_course(ce_course, title="A new name")
    trainee.first_name = "Samira"
    trainee.save()
    completed.refresh_from_db()
    assert (completed.holder_name, completed.course_title) == ("Sam", "Overdose response")


def test_deleting_the_course_keeps_the_certificate_with_its_title(completed, ce_course):
    ce_course.delete()
    completed.refresh_from_db()
    assert completed.course_id is None and completed.course_title == "Overdose response"


def test_the_database_refuses_a_second_certificate_for_the_same_completion(completed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            user=completed.user,
            course_id=completed.course_id,
            course_title="x",
            holder_name="x",
            completed_on=completed.completed_on,
        )


def test_the_database_refuses_a_revocation_without_a_reason(completed):
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.filter(pk=completed.pk).update(revoked_at=timezone.now())


def test_issuing_for_a_completion_already_certified_returns_that_certificate(completed, trainee, ce_course):
    again = certificate_issue(user=trainee, course=ce_course, completed_on=completed.completed_on)
    assert again.pk == completed.pk
    later = certificate_issue(user=trainee, course=ce_course, completed_on=completed.completed_on + timedelta(days=5))
    assert later.pk == completed.pk  # still good, so not renewed
    assert Certificate.objects.count() == 1


def test_a_revoked_certificate_is_not_quietly_replaced(completed, trainee, trainer, ce_course):
    certificate_revoke(certificate=completed, by=trainer, reason="Issued by mistake")
    far = completed.expires_on + timedelta(days=1)
    assert certificate_issue(user=trainee, course=ce_course, completed_on=far) is None
    assert Certificate.objects.count() == 1


def test_retaking_a_quiz_once_renewal_is_open_issues_a_new_certificate(
    trainee, ce_course, django_capture_on_commit_callbacks, settings
):
    module = modules_of(ce_course)[0]
    check = build_quiz(module, kind="check", slug="check")
    long_ago = timezone.now() - timedelta(days=400)
    complete(trainee, lessons_of(ce_course), django_capture_on_commit_callbacks, now=long_ago)
    old = Certificate.objects.get()
    assert old.current_status == "expired"

    attempt = quiz_services.attempt_start(user=trainee, quiz=check)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    # A check quiz is complete when submitted; its first completion is not a renewal of anything
    # yet, but it is a completion of the course again after expiry.
    renewed = Certificate.objects.exclude(pk=old.pk).get()
    assert renewed.completed_on == timezone.localdate()
    assert renewed.expires_on == add_months(timezone.localdate(), 12)

    attempt = quiz_services.attempt_start(user=trainee, quiz=check)
    with django_capture_on_commit_callbacks(execute=True):
        quiz_services.attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
    assert Certificate.objects.count() == 2  # the new one is good for a year: nothing more


def test_retaking_a_quiz_while_the_certificate_is_good_issues_nothing(
    trainee, ce_course, django_capture_on_commit_callbacks
):
    module = modules_of(ce_course)[0]
    check = build_quiz(module, kind="check", slug="check")
    complete(trainee, lessons_of(ce_course), django_capture_on_commit_callbacks)
    for _ in range(2):
        attempt = quiz_services.attempt_start(user=trainee, quiz=check)
        with django_capture_on_commit_callbacks(execute=True):
            quiz_services.attempt_submit(attempt=attempt, answers=right_answers(attempt.questions))
    assert Certificate.objects.count() == 1


def test_add_months_keeps_the_day_or_uses_the_last_day_of_a_shorter_month():
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)


def test_completing_an_item_of_an_unfinished_course_costs_one_query_for_certificates(
    trainee, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    course = build_course(modules=3, lessons_per_module=4, slug="big")
    lessons = lessons_of(course)
    complete(trainee, lessons[:1], django_capture_on_commit_callbacks)  # warms the outline cache
    from certificates.services import certificate_on_item_completed

    with django_assert_max_num_queries(1):
        certificate_on_item_completed(None, user=trainee, page=lessons[1], first_time=True, source="manual")
