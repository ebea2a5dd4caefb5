"""Benchmark the reports on data at scale, on SQLite and on PostgreSQL.

Usage: .venv/bin/python bench/reports.py [--db sqlite|postgres|both] [--trainees 1000]
                                         [--organisations 10] [--repeat 7]

For each database: a fresh database (a SQLite file in a temporary directory, or the PostgreSQL
database `dropin_reports` on 127.0.0.1:5432, user postgres, which is DROPPED and recreated) is
migrated and filled by `manage.py generate_scale_data` (1,000 trainees in 10 organisations, a
course of 60 lessons and 6 sign-off quizzes, their progress and attempts). Then, in process,
with django.test.Client and the test settings (locmem cache, DEBUG off), each report is
requested once to warm the caches, then `--repeat` times, timed; one more request runs inside
CaptureQueriesContext for its SQL count. Each time includes reading the whole response (an
export is streamed). Printed: median and slowest ms and the number of SQL queries, against the
targets: a matrix page of 100 trainees under 300 ms, the export of everyone under 2 s, at most
10 queries each (the session and the signed-in user included).
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_DB = "dropin_reports"
POSTGRES_ADMIN_DSN = "host=127.0.0.1 port=5432 user=postgres dbname=postgres"
TARGET_PAGE_MS = 300
TARGET_EXPORT_MS = 2000
TARGET_QUERIES = 10
TRAINER_EMAIL = "bench-report-trainer@example.org"


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def environment(database_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_", "REDIS_"))}
    env.update(DJANGO_SETTINGS_MODULE="config.settings.test", DATABASE_URL=database_url, PYTHONPATH=str(ROOT))
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def postgres_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(POSTGRES_ADMIN_DSN, autocommit=True, connect_timeout=10) as connection:
        connection.execute(sql)


# --- In process ----------------------------------------------------------------------------------


def _timed(client, url: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def fetch():
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if response.status_code != 200:
            raise SystemExit(f"{url} answered HTTP {response.status_code}")
        return body

    fetch()  # warm the caches
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        body = fetch()
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as captured:
        fetch()
    return {
        "url": url,
        "median_ms": round(statistics.median(times), 1),
        "max_ms": round(max(times), 1),
        "queries": len(captured.captured_queries),
        "bytes": len(body),
    }


def measure(repeat: int) -> dict:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from django.urls import reverse

    from lessons.models import CoursePage
    from organisations.scoping import TRAINERS_GROUP
    from quizzes.models import QuizAttempt, QuizPage
    from reports.scale import COURSE_SLUG, PREFIX

    User = get_user_model()
    trainer, _created = User.objects.get_or_create(email=TRAINER_EMAIL, defaults={"first_name": "Bench"})
    trainer.groups.add(Group.objects.get(name=TRAINERS_GROUP))
    manager = User.objects.get(email=f"{PREFIX}-manager-01@example.org")
    course = CoursePage.objects.get(slug=COURSE_SLUG)
    quiz = QuizPage.objects.descendant_of(course).order_by("path").first()
    progress = reverse("reports:progress") + f"?course={course.pk}"
    items = reverse("reports:items") + f"?quiz={quiz.pk}"
    clients = {}
    for name, user in (("trainer", trainer), ("manager", manager)):
        clients[name] = Client()
        clients[name].force_login(user)
    cases = [
        ("matrix page (100 of everyone, modules)", "trainer", progress + "&sort=-percent"),
        ("matrix page (100 of everyone, 66 lesson columns)", "trainer", progress + "&columns=items"),
        ("matrix page (a manager's clinic)", "manager", progress),
        ("export CSV (everyone x 6 modules)", "trainer", progress + "&export=csv"),
        ("export XLSX (everyone x 6 modules)", "trainer", progress + "&export=xlsx"),
        ("export CSV (everyone x 66 lessons)", "trainer", progress + "&columns=items&export=csv"),
        ("export XLSX (everyone x 66 lessons)", "trainer", progress + "&columns=items&export=xlsx"),
        ("item analysis (module 1 sign-off)", "trainer", items),
        ("item analysis export XLSX", "trainer", items + "&export=xlsx"),
        ("charts page", "trainer", reverse("reports:charts") + f"?course={course.pk}"),
    ]
    results = {name: {"as": who, **_timed(clients[who], url, repeat)} for name, who, url in cases}
    results["_data"] = {
        "trainees": User.objects.filter(email__startswith=f"{PREFIX}-trainee-").count(),
        "attempts_at_quiz": QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=False).count(),
        "first_attempts_at_quiz": QuizAttempt.objects.filter(quiz=quiz, submitted_at__isnull=False)
        .values("user_id")
        .distinct()
        .count(),
    }
    return results


# --- Orchestration ---------------------------------------------------------------------------------


def run_database(db: str, args) -> dict:
    with contextlib.ExitStack() as stack:
        if db == "sqlite":
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dropin-reports-")))
            url = f"sqlite:///{workdir / 'bench.sqlite3'}"
        else:
            postgres_admin(f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
            postgres_admin(f"CREATE DATABASE {POSTGRES_DB}")
            stack.callback(postgres_admin, f"DROP DATABASE IF EXISTS {POSTGRES_DB} WITH (FORCE)")
            url = f"postgres://postgres@127.0.0.1:5432/{POSTGRES_DB}"
        env = environment(url)
        log(f"{db}: migrate")
        manage(env, "migrate", "--noinput", "-v0")
        log(f"{db}: generate_scale_data --trainees {args.trainees} --organisations {args.organisations}")
        started = time.perf_counter()
        generated = manage(
            env, "generate_scale_data", "--trainees", str(args.trainees), "--organisations", str(args.organisations)
        )
        generate_s = time.perf_counter() - started
        log(f"{db}: measure")
        out = subprocess.run(
            [PYTHON, "-m", "bench.reports", "--measure", "--repeat", str(args.repeat)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=1800,
            check=False,
        )
        if out.returncode != 0:
            raise SystemExit(f"measuring failed:\n{out.stderr}")
        result = json.loads(out.stdout.strip().splitlines()[-1])
        result["_data"]["generate_s"] = round(generate_s, 1)
        result["_data"]["generated"] = generated.strip().splitlines()[0]
        return result


def verdict(name: str, row: dict) -> str:
    limit = TARGET_EXPORT_MS if "export" in name else TARGET_PAGE_MS
    met = row["median_ms"] < limit and row["queries"] <= TARGET_QUERIES
    return f"{'MET' if met else 'NOT MET'} (<{limit} ms, <={TARGET_QUERIES} queries)"


def report(results: dict[str, dict]) -> None:
    for db, rows in results.items():
        data = rows["_data"]
        print(f"\n## {db}: {data['generated']}")
        print(
            f"   (generated in {data['generate_s']} s; the item analysis quiz has {data['attempts_at_quiz']} "
            f"submitted attempts, {data['first_attempts_at_quiz']} of them first attempts)"
        )
        print(f"{'report':52} {'median ms':>10} {'max ms':>8} {'SQL':>4} {'KB':>7}  target")
        for name, row in rows.items():
            if name.startswith("_"):
                continue
            print(
                f"{name:52} {row['median_ms']:>10} {row['max_ms']:>8} {row['queries']:>4} "
                f"{row['bytes'] / 1000:>7.1f}  {verdict(name, row)}"
            )
    load = os.getloadavg()
    print(f"\n{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} after the runs.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--trainees", type=int, default=1000)
    parser.add_argument("--organisations", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--measure", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        sys.stdout.write(json.dumps(measure(args.repeat)) + "\n")
        return
    dbs = ["sqlite", "postgres"] if args.db == "both" else [args.db]
    results = {{"sqlite": "SQLite", "postgres": "PostgreSQL"}[db]: run_database(db, args) for db in dbs}
    report(results)
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(exist_ok=True)
    path = out_dir / f"reports-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(results, indent=2))
    log(f"results in {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
