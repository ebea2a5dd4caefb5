"""Background tasks (django-tasks). In production they are stored in the database and run by
`manage.py db_worker`; in tests they run at once (config/settings/test.py)."""

from django_tasks import task

from . import services


@task()
def send_reminder(sent_reminder_id: int) -> str:
    """Send one claimed reminder or weekly summary (see reminders.services.reminder_deliver)."""
    return services.reminder_deliver(sent_reminder_id=sent_reminder_id)
