import signal
import threading

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from certificates.services import certificates_process_expiring
from reminders.scheduler import reminders_schedule


class Command(BaseCommand):
    help = (
        "Queue the reminder emails due today (before and after suggested dates, and the managers' weekly "
        "summary), and remind holders of certificates about to expire (assigning the course again on expiry "
        "where it says so). Each goes once, however often this runs. `manage.py db_worker` sends the reminders."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running, one pass every SECONDS (e.g. 3600). Without it: one pass, then exit.",
        )

    def handle(self, *args, every: int, **options):
        if every < 0:
            raise CommandError("--every must be a number of seconds, 0 or more.")
        stop = threading.Event()
        if every:
            for signum in (signal.SIGINT, signal.SIGTERM):
                signal.signal(signum, lambda *_: stop.set())
        while True:
            try:
                result = reminders_schedule()
                renewals = certificates_process_expiring()
            except Exception as error:  # noqa: BLE001 - a looping scheduler logs and tries again next time
                if not every:
                    raise
                self.stderr.write(f"Reminders: this pass failed ({error!r}); trying again in {every} s.")
            else:
                self.stdout.write(
                    f"Reminders: {result.reminders} reminders and {result.digests} weekly summaries queued "
                    f"({result.already_sent} had gone already). Certificates: {len(renewals.reminded)} renewal "
                    f"reminders sent, {len(renewals.reassigned)} courses assigned again."
                )
            if not every or stop.wait(every):
                return
            # Between passes, as between requests: drop a connection the database closed.
            close_old_connections()
