from django.core.management.base import BaseCommand

from certificates.services import certificates_process_expiring


class Command(BaseCommand):
    help = (
        "Send renewal reminders for certificates about to expire, and assign courses again whose "
        "certificates have expired (where the course says so). Safe to run as often as you like; daily is enough."
    )

    def handle(self, *args, **options):
        run = certificates_process_expiring()
        self.stdout.write(
            self.style.SUCCESS(
                f"Renewal reminders sent: {len(run.reminded)}. Courses assigned again: {len(run.reassigned)}."
            )
        )
