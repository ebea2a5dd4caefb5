"""The scheduler's one pass: work out which reminders are due, claim each one, queue its email.

Run by `manage.py send_reminders` (once, or every N seconds with --every). Running it again, or
twice at the same moment, sends nothing twice: a claim is a row the database accepts once
(SentReminder's unique constraints), written in the same transaction as the queued task.
"""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import selectors, services, tasks
from .models import SentReminder


@dataclass
class Scheduled:
    reminders: int = 0
    digests: int = 0
    already_sent: int = 0


def _queue(**key) -> bool:
    """Claim one reminder and queue its email together; False if it was claimed before."""
    try:
        with transaction.atomic():
            sent = services.reminder_claim(**key)
            tasks.send_reminder.enqueue(sent.pk)
    except IntegrityError:
        return False
    return True


def reminders_schedule(*, today: date | None = None) -> Scheduled:
    """Queue every reminder and weekly summary due today that has not gone yet."""
    today = today or timezone.localdate()
    result = Scheduled()
    for due in selectors.reminders_due(today=today):
        if _queue(user_id=due.user_id, course_id=due.course_id, kind=due.kind, on=due.due_on):
            result.reminders += 1
        else:
            result.already_sent += 1
    week = selectors.digest_week(today=today)
    for user_id in selectors.digest_recipients().values_list("user_id", flat=True):
        if _queue(user_id=user_id, kind=SentReminder.Kind.DIGEST, on=week):
            result.digests += 1
        else:
            result.already_sent += 1
    return result
