"""The weekly summary: to clinic managers only, about their own staff only, once a week."""

from datetime import timedelta

import pytest

from django.core import mail

from organisations.services import membership_join
from reminders import selectors
from reminders.models import ReminderPreference, SentReminder
from reminders.scheduler import reminders_schedule
from tests.factories import lessons_of, member_of
from tests.reminders.conftest import sent_to
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_clinics(clinic_a, clinic_b, trainee, other_trainee, manager, other_manager, course, assign):
    """Each clinic's trainee has the course; trainee A has started it."""
    trainee.last_name, other_trainee.last_name = "Okafor", "Lindqvist"
    trainee.save()
    other_trainee.save()
    assign(5, user=trainee)
    assign(-10, user=other_trainee)
    progress_mark_complete(user=trainee, page=lessons_of(course)[0])


def digest_to(user):
    return [m for m in sent_to(user.email) if "weekly summary" in m.body]


def test_each_manager_hears_about_their_own_staff_and_nobody_else(
    two_clinics, trainee, other_trainee, manager, other_manager
):
    reminders_schedule()
    (to_a,) = digest_to(manager)
    (to_b,) = digest_to(other_manager)
    for text in (to_a.subject, to_a.body, to_a.alternatives[0][0]):
        assert "Sam Okafor" in text or "Clinic A" in text
        assert (
            "Lindqvist" not in text and "Kai" not in text and other_trainee.email not in text and "Clinic B" not in text
        )
    assert "Sam Okafor: Course course, due in 5 days (1 of 4 done)" in to_a.body
    for text in (to_b.subject, to_b.body, to_b.alternatives[0][0]):
        assert "Okafor" not in text and "Sam" not in text and trainee.email not in text and "Clinic A" not in text
    assert "Kai Lindqvist: Course course, suggested for" in to_b.body


def test_the_summary_counts_and_groups_the_staffs_courses(clinic_a, manager, course, assign, today):
    done, started, waiting = (member_of(clinic_a, first_name=n, last_name="X") for n in ("Ana", "Bo", "Cy"))
    for person in (done, started, waiting):
        assign(-3 if person is waiting else 4, user=person)
    for lesson in lessons_of(course):
        progress_mark_complete(user=done, page=lesson)
    progress_mark_complete(user=started, page=lessons_of(course)[0])
    digest = selectors.digest_for(manager=manager)
    assert (digest.people, digest.finished, digest.in_progress, digest.not_started) == (3, 1, 1, 1)
    assert [line.person for line in digest.finished_lately] == ["Ana X"]
    assert [line.person for line in digest.coming_up] == ["Bo X"]
    assert [line.person for line in digest.past_date] == ["Cy X"]


def test_trainers_and_administrators_get_no_summary(two_clinics, trainer, admin_user, host_org, clinic_a):
    membership_join(user=admin_user, organisation=clinic_a, role="manager")
    membership_join(user=trainer, organisation=host_org, role="manager")
    reminders_schedule()
    assert not digest_to(trainer) and not digest_to(admin_user)
    assert not SentReminder.objects.filter(user__in=[trainer, admin_user], kind="digest").exists()


def test_a_trainer_who_slipped_through_is_still_refused_when_the_summary_is_written(trainer):
    assert selectors.digest_for(manager=trainer) is None


def test_trainees_get_no_summary(two_clinics, trainee):
    reminders_schedule()
    assert not digest_to(trainee)


def test_a_manager_who_turned_it_off_gets_none(two_clinics, manager, other_manager):
    ReminderPreference.objects.create(user=manager, team_digest=False)
    reminders_schedule()
    assert not digest_to(manager)
    assert len(digest_to(other_manager)) == 1


def test_a_manager_with_nobody_assigned_anything_gets_no_email(clinic_a, manager):
    reminders_schedule()
    assert mail.outbox == []
    assert SentReminder.objects.get(user=manager).status == "skipped"


def test_one_summary_a_week_however_often_the_scheduler_runs(two_clinics, manager, today, monkeypatch):
    for _ in range(3):
        reminders_schedule()
    assert len(digest_to(manager)) == 1
    next_week = today + timedelta(days=7)
    monkeypatch.setattr(selectors.timezone, "localdate", lambda: next_week)
    reminders_schedule()
    assert len(digest_to(manager)) == 2


@pytest.mark.parametrize("weekday", range(7))
def test_the_summarys_week_starts_on_the_chosen_day(settings, today, weekday):
    settings.REMINDER_DIGEST_WEEKDAY = weekday
    week = selectors.digest_week(today=today)
    assert week.weekday() == weekday and today - timedelta(days=6) <= week <= today


def test_long_lists_are_cut_with_a_pointer_to_the_team_page(clinic_a, manager, assign, monkeypatch):
    monkeypatch.setattr(selectors, "DIGEST_LIST_LIMIT", 2)
    for n in range(5):
        assign(-3, user=member_of(clinic_a, first_name=f"P{n}"))
    reminders_schedule()
    (message,) = digest_to(manager)
    assert "And 3 more on the team page." in message.body
    assert "http://testserver/manage/" in message.body
