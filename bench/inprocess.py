"""In-process measurements for the benchmark: which URLs to load, and the SQL each page runs.

Run by bench/run.py as `python -m bench.inprocess MODE` from the project root, with the same
settings and environment as the gunicorn it measures (so the same database and Redis cache).
It signs in as the demo trainee through the real log-in view with django.test.Client, requests
each page once to warm the caches, then once more inside CaptureQueriesContext, and prints JSON
on stdout. Nothing in the application is changed or patched.

Modes:
  pages   the benchmarked pages (home, course, lesson, dashboard): URL, status, bytes, SQL
  sweep   every live lesson of the demo course: URL, status, bytes, number of queries
"""

import json
import sys

import django

TRAINEE_EMAIL = "trainee@example.org"
TRAINEE_PASSWORD = "learn-at-your-pace"


def signed_in_client():
    """A test client signed in as the demo trainee through the log-in form."""
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    response = client.post("/accounts/login/", {"username": TRAINEE_EMAIL, "password": TRAINEE_PASSWORD})
    if response.status_code != 302:
        raise SystemExit(f"Signing in as {TRAINEE_EMAIL} failed: HTTP {response.status_code}")
    return client


def demo_urls() -> dict[str, str]:
    """The benchmarked URLs: the demo course and the lesson the trainee is working on.

    The demo trainee has finished the course's first lesson and opened the second, so the
    second lesson is where the dashboard's "Continue" leads: the lesson a trainee sees most.
    """
    from lessons.models import CoursePage, LessonPage

    course = CoursePage.objects.live().order_by("path").first()
    if course is None:
        raise SystemExit("No live course: did `manage.py load_demo` run?")
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path")[:2])
    if not lessons:
        raise SystemExit(f"The course {course.url} has no live lesson.")
    return {"home": "/", "course": course.url, "lesson": lessons[-1].url, "dashboard": "/my-training/"}


def measure(client, path: str, *, with_sql: bool) -> dict:
    """Request `path` once to warm the caches, then once more while capturing its queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    result = {"path": path, "status": response.status_code, "bytes": len(response.content)}
    result["queries"] = len(captured.captured_queries)
    if with_sql:
        result["sql"] = [query["sql"] for query in captured.captured_queries]
    return result


def measure_pages() -> dict:
    """URL, size and SQL of each benchmarked page."""
    client = signed_in_client()
    return {name: measure(client, path, with_sql=True) for name, path in demo_urls().items()}


def sweep_lessons() -> list[dict]:
    """Size and query count of every live lesson of the demo course, in course order.

    Opening a lesson records a visit, so this runs after the timed runs, not before.
    """
    from lessons.models import CoursePage, LessonPage

    client = signed_in_client()
    course = CoursePage.objects.live().order_by("path").first()
    lessons = LessonPage.objects.live().descendant_of(course).order_by("path")
    return [measure(client, lesson.url, with_sql=False) for lesson in lessons]


def main() -> None:
    """Run the mode named on the command line and print its result as JSON."""
    modes = {"pages": measure_pages, "sweep": sweep_lessons}
    if len(sys.argv) != 2 or sys.argv[1] not in modes:
        raise SystemExit(f"usage: python -m bench.inprocess {{{'|'.join(modes)}}}")
    django.setup()
    result = modes[sys.argv[1]]()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
