"""Reminders before and after a suggested date: who gets one, when, and only once."""

from datetime import timedelta

import pytest

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils.dateformat import format as date_format

from assignments.selectors import due_from
from assignments.services import assignment_create
from organisations.services import cohort_add_members, cohort_create, membership_leave
from reminders import selectors, services
from reminders.models import ReminderPreference, SentReminder
from reminders.scheduler import reminders_schedule
from tests.factories import build_course, lessons_of, member_of
from tests.reminders.conftest import sent_to
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db

BEFORE, AFTER = SentReminder.Kind.BEFORE, SentReminder.Kind.AFTER


# The windows, with the default settings: 3 days before, 2 days after (for a week) -------------


@pytest.mark.parametrize(
    "days, kind",
    [
        (30, None),
        (4, None),  # not yet
        (3, BEFORE),  # three days ahead: the first day of the window
        (2, BEFORE),
        (1, BEFORE),  # the day before
        (0, None),  # the day itself: no email
        (-1, None),  # one day past: give it time
        (-2, AFTER),  # two days past: the first day of the window
        (-8, AFTER),  # the scheduler may have been down: still sent a week late
        (-9, None),  # an old date is left alone
    ],
)
def test_which_reminder_a_date_calls_for(today, days, kind):
    assert selectors.reminder_kind(due=due_from(today + timedelta(days=days), today=today)) == kind


def test_no_date_no_reminder():
    assert selectors.reminder_kind(due=None) is None


def test_the_windows_follow_the_settings(settings, today):
    settings.REMINDER_DAYS_BEFORE, settings.REMINDER_DAYS_AFTER = 5, 1
    due = lambda days: due_from(today + timedelta(days=days), today=today)  # noqa: E731
    assert [selectors.reminder_kind(due=due(d)) for d in (6, 5, -1, -7, -8)] == [None, BEFORE, AFTER, AFTER, None]


@pytest.mark.parametrize("days, kind", [(4, None), (3, BEFORE), (1, BEFORE), (0, None), (-1, None), (-2, AFTER)])
def test_the_scheduler_sends_the_reminder_the_date_calls_for(trainee, assign, days, kind):
    assign(days, user=trainee)
    reminders_schedule()
    assert [r.kind for r in SentReminder.objects.all()] == ([kind] if kind else [])
    assert len(mail.outbox) == (1 if kind else 0)


# Who gets one --------------------------------------------------------------------------------


def test_a_finished_course_gets_no_reminder(trainee, course, assign):
    assign(3, user=trainee)
    for lesson in lessons_of(course):
        progress_mark_complete(user=trainee, page=lesson)
    reminders_schedule()
    assert mail.outbox == []


def test_a_course_half_done_still_gets_its_reminder(trainee, course, assign):
    assign(3, user=trainee)
    progress_mark_complete(user=trainee, page=lessons_of(course)[0])
    reminders_schedule()
    assert "1 of 4" in sent_to(trainee.email)[0].body


def test_someone_who_turned_reminders_off_gets_none(trainee, assign):
    ReminderPreference.objects.create(user=trainee, due_date_reminders=False)
    assign(3, user=trainee)
    assert reminders_schedule().reminders == 0
    assert mail.outbox == []


def test_cohort_and_organisation_assignments_remind_each_member(
    clinic_a, trainee, manager, other_trainee, assign, today
):
    cohort = cohort_create(organisation=clinic_a, name="Spring")
    cohort_add_members(cohort=cohort, users=[trainee])
    assign(2, cohort=cohort)
    other = build_course(modules=1, lessons_per_module=1, slug="other")
    assignment_create(course=other, organisation=clinic_a, due_on=today - timedelta(days=3))
    reminders_schedule()
    reminders = {(m.to[0], m.subject) for m in mail.outbox if "summary" not in m.body}
    assert reminders == {
        (
            trainee.email,
            f"A friendly note: Course course has a suggested date of {date_format(today + timedelta(days=2), 'j F')}",
        ),
        (trainee.email, "Course other is here whenever you're ready"),
        (manager.email, "Course other is here whenever you're ready"),
    }
    assert not sent_to(other_trainee.email)


def test_someone_who_left_their_organisation_gets_no_reminder(trainee, assign):
    assign(3, user=trainee)
    membership_leave(user=trainee)
    reminders_schedule()
    assert mail.outbox == []


# Once, however often the scheduler runs -----------------------------------------------------


def test_running_the_scheduler_twice_sends_each_reminder_once(trainee, manager, assign, clinic_a):
    assign(3, user=trainee)
    assign(-2, user=manager)
    first = reminders_schedule()
    second = reminders_schedule()
    assert (first.reminders, second.reminders, second.already_sent) == (2, 0, 3)  # 2 reminders + 1 summary
    assert len(sent_to(trainee.email)) == 1
    assert [m.subject for m in sent_to(manager.email)].count("Course course is here whenever you're ready") == 1


def test_the_command_run_twice_sends_once(trainee, assign, capsys):
    assign(3, user=trainee)
    call_command("send_reminders")
    call_command("send_reminders")
    out = capsys.readouterr().out
    assert "1 reminders" in out and "0 reminders" in out
    assert len(mail.outbox) == 1


def test_the_database_refuses_a_second_claim_even_without_a_check_first(trainee, course, today):
    """The scheduler does not look before it leaps: the unique constraint decides."""
    services.reminder_claim(user_id=trainee.pk, course_id=course.pk, kind=BEFORE, on=today)
    with pytest.raises(IntegrityError), transaction.atomic():
        services.reminder_claim(user_id=trainee.pk, course_id=course.pk, kind=BEFORE, on=today)
    services.reminder_claim(user_id=trainee.pk, kind=SentReminder.Kind.DIGEST, on=today)
    with pytest.raises(IntegrityError), transaction.atomic():
        services.reminder_claim(user_id=trainee.pk, kind=SentReminder.Kind.DIGEST, on=today)


def test_a_claim_made_by_another_scheduler_in_between_wins(trainee, course, assign, today):
    """Another scheduler claimed the reminder after this one worked out what was due."""
    due = assign(3, user=trainee).due_on
    services.reminder_claim(user_id=trainee.pk, course_id=course.pk, kind=BEFORE, on=due)
    result = reminders_schedule()
    assert (result.reminders, result.already_sent) == (0, 1)
    assert mail.outbox == []


def test_a_new_date_gets_its_own_reminder(trainee, assign):
    assign(3, user=trainee)
    reminders_schedule()
    assign(2, user=trainee)  # the manager moved the date
    reminders_schedule()
    assert SentReminder.objects.filter(status="sent").count() == 2


# When the email goes out ---------------------------------------------------------------------


def test_a_reminder_no_longer_needed_when_the_worker_gets_to_it_is_skipped(trainee, course, assign):
    due = assign(3, user=trainee).due_on
    sent = services.reminder_claim(user_id=trainee.pk, course_id=course.pk, kind=BEFORE, on=due)
    for lesson in lessons_of(course):
        progress_mark_complete(user=trainee, page=lesson)
    assert services.reminder_deliver(sent_reminder_id=sent.pk) == "skipped"
    assert mail.outbox == []


def test_a_failed_send_is_queued_again_by_the_next_run(trainee, assign, monkeypatch):
    assign(3, user=trainee)
    real_send = EmailMultiAlternatives.send

    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP is down")

    monkeypatch.setattr(EmailMultiAlternatives, "send", fail)
    reminders_schedule()
    assert (mail.outbox, SentReminder.objects.count()) == ([], 0)
    monkeypatch.setattr(EmailMultiAlternatives, "send", real_send)
    reminders_schedule()
    assert len(mail.outbox) == 1
    assert SentReminder.objects.get().status == "sent"


def test_the_reminder_email_is_warm_and_links_to_the_course_and_the_settings(trainee, course, assign):
    assign(3, user=trainee)
    reminders_schedule()
    message = sent_to(trainee.email)[0]
    html = message.alternatives[0][0]
    assert f"Hello {trainee.first_name}," in message.body
    assert "due in 3 days" in message.body and "due in 3 days" in html
    assert "http://testserver" + course.url in message.body and "http://testserver" + course.url in html
    assert "http://testserver/accounts/notifications/" in message.body
    assert "http://testserver/accounts/notifications/" in html
    assert "a guide, not a deadline" in message.body


def test_the_after_email_says_whenever_youre_ready_and_never_shames(trainee, assign):
    assign(-2, user=trainee)
    reminders_schedule()
    message = sent_to(trainee.email)[0]
    assert "past its suggested date" in message.body and "Whenever you're ready" in message.body
    words = (message.subject + message.body + message.alternatives[0][0]).lower()
    for harsh in ("overdue", "late", "failed", "missed", "deadline has passed", "urgent"):
        assert harsh not in words


# Cost ------------------------------------------------------------------------------------------


def test_working_out_whats_due_costs_the_same_for_5_and_50_people(clinic_a, assign):
    def queries() -> int:
        selectors.reminders_due()  # warm the course outline cache, as the team page test does
        with CaptureQueriesContext(connection) as ctx:
            selectors.reminders_due()
        return len(ctx.captured_queries)

    people = [member_of(clinic_a) for _ in range(5)]
    for person in people:
        assign(3, user=person)
    few = queries()
    for _ in range(45):
        assign(3, user=member_of(clinic_a))
    assert len(selectors.reminders_due()) == 50
    assert queries() == few
