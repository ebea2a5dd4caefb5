from datetime import timedelta

import pytest

from django.core import mail
from django.utils import timezone

from assignments.services import assignment_create


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def assign(course, today):
    """Assign the course to someone (or a cohort, or an organisation) due `days` from today."""

    def assign(days: int | None, **target):
        due_on = None if days is None else today + timedelta(days=days)
        return assignment_create(course=course, due_on=due_on, **target)

    return assign


def sent_to(email: str) -> list:
    return [message for message in mail.outbox if message.to == [email]]
