"""Setting up the home page on a new site queues no background task that is bound to fail
(a first `make run` used to print two tracebacks from the worker)."""

import pytest
from django_tasks_db.models import DBTaskResult

from django.core.management import call_command

from home.setup import site_ensure_home_page

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_replacing_wagtails_welcome_page_leaves_the_worker_nothing_to_fail(settings):
    settings.TASKS = DATABASE_TASKS
    site_ensure_home_page()
    assert DBTaskResult.objects.exists()  # the new home page's index updates wait for the worker
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert list(DBTaskResult.objects.values_list("task_path", "status").filter(status="FAILED")) == []
