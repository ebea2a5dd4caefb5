import time

from django.core.management.base import BaseCommand, CommandError

from reports.scale import PASSWORD, PREFIX, ScaleDataExists, scale_data_generate


class Command(BaseCommand):
    help = (
        "Generate data at scale for the reports: organisations, trainees (with a clinic manager each), "
        "a course with a sign-off quiz per module, and realistic progress and quiz attempts. Once per database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=1000)
        parser.add_argument("--organisations", type=int, default=10)
        parser.add_argument("--modules", type=int, default=6, help="Modules, each ending in a sign-off quiz.")
        parser.add_argument("--lessons-per-module", type=int, default=10)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        if min(options["trainees"], options["organisations"], options["modules"], options["lessons_per_module"]) < 1:
            raise CommandError("Every size must be at least 1.")
        started = time.perf_counter()
        try:
            summary = scale_data_generate(
                trainees=options["trainees"],
                organisations=options["organisations"],
                modules=options["modules"],
                lessons_per_module=options["lessons_per_module"],
                seed=options["seed"],
            )
        except ScaleDataExists as error:
            raise CommandError(f"{error} Use a fresh database to generate it again.") from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Generated {summary.trainees} trainees in {summary.organisations} organisations, "
                f"{summary.lessons} lessons and {summary.quizzes} quizzes, {summary.progress_rows} progress rows, "
                f"{summary.attempts} quiz attempts with {summary.responses} answers, in {seconds:.1f} s."
            )
        )
        self.stdout.write(
            f"Managers sign in as {PREFIX}-manager-01@example.org (… -{summary.organisations:02d}), "
            f"trainees as {PREFIX}-trainee-0001@example.org; password: {PASSWORD}"
        )
