"""The real path: the scheduler stores tasks in the database (django-tasks-db) and the worker
command (`manage.py db_worker`) sends them. Elsewhere the tests run tasks at once."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.core import mail
from django.core.management import call_command

from reminders.models import SentReminder
from reminders.scheduler import reminders_schedule

# The worker commits, and closes connections between tasks as a worker process should
# (close_old_connections), so these tests run outside the test's wrapping transaction; the
# rows that migrations made (the site, the Trainers group) are restored after each.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def reminder_tasks():
    """Our tasks (Wagtail queues its own too, such as reference-index updates for assignments)."""
    return DBTaskResult.objects.filter(task_path="reminders.tasks.send_reminder")


def run_worker() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def test_reminders_wait_in_the_database_until_the_worker_sends_them(settings, trainee, manager, assign):
    settings.TASKS = DATABASE_TASKS
    assign(3, user=trainee)
    result = reminders_schedule()
    assert (result.reminders, result.digests) == (1, 1)
    assert mail.outbox == []
    assert reminder_tasks().filter(status="READY").count() == 2
    assert set(SentReminder.objects.values_list("status", flat=True)) == {"queued"}

    run_worker()

    assert sorted(m.to[0] for m in mail.outbox) == sorted([trainee.email, manager.email])
    assert set(reminder_tasks().values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert set(SentReminder.objects.values_list("status", flat=True)) == {"sent"}


def test_the_scheduler_run_again_before_the_worker_queues_nothing_more(settings, trainee, assign):
    settings.TASKS = DATABASE_TASKS
    assign(3, user=trainee)
    reminders_schedule()
    reminders_schedule()
    assert reminder_tasks().count() == 1
    run_worker()
    run_worker()
    reminders_schedule()
    run_worker()
    assert len(mail.outbox) == 1


def test_a_failed_send_shows_as_a_failed_task_and_is_queued_again(settings, trainee, assign, monkeypatch):
    settings.TASKS = DATABASE_TASKS
    assign(3, user=trainee)
    reminders_schedule()
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", lambda *a, **k: 1 / 0)
    run_worker()
    assert reminder_tasks().get().status == "FAILED"
    assert not SentReminder.objects.exists()
    monkeypatch.undo()
    reminders_schedule()
    run_worker()
    assert len(mail.outbox) == 1
