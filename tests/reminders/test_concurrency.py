"""Two (or eight) schedulers at the same moment send each reminder once: the database's unique
constraint decides, inside each scheduler's transaction. Needs a database whose connections wait
for each other's locks (PostgreSQL, or SQLite in a file); see tests/quizzes/test_concurrency.py.
On the in-memory SQLite, tests/reminders/test_schedule.py shows the same rule in one thread
(test_a_claim_made_by_another_scheduler_in_between_wins)."""

import pytest

from django.core import mail

from reminders.models import SentReminder
from reminders.scheduler import reminders_schedule
from tests.factories import member_of
from tests.quizzes.test_concurrency import needs_waiting_locks, run_together


@needs_waiting_locks
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_eight_schedulers_at_once_send_each_reminder_once(clinic_a, manager, assign):
    people = [member_of(clinic_a) for _ in range(5)]
    for person in people:
        assign(3, user=person)
    results, errors = run_together(8, lambda _i: reminders_schedule())
    assert errors == []
    assert sum(r.reminders for r in results) == 5
    assert sum(r.digests for r in results) == 1
    assert sorted(m.to[0] for m in mail.outbox) == sorted([p.email for p in people] + [manager.email])
    assert SentReminder.objects.filter(status="sent").count() == 6
