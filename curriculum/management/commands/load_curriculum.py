from django.core.management.base import BaseCommand, CommandError

from curriculum.services import curriculum_install
from curriculum.spec import SpecError, read_course


class Command(BaseCommand):
    help = "Install the starter course into the CMS. Safe to run again: existing pages are left as they are."

    def handle(self, *args, **options):
        try:
            spec = read_course()
        except (SpecError, OSError) as error:
            raise CommandError(f"The curriculum files could not be read: {error}") from error
        report = curriculum_install(spec=spec)
        for line in report.created:
            self.stdout.write(f"  created {line}")
        for line in report.warnings:
            self.stderr.write(self.style.WARNING(f"  warning: {line}"))
        self.stdout.write(
            self.style.SUCCESS(
                f"Curriculum ready: {len(report.created)} created, {len(report.existing)} already there."
            )
        )
