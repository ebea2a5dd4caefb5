"""In-process measurements for the benchmark: which URLs to load, and the SQL each page runs.

Run by bench/run.py as `python -m bench.inprocess MODE` from the project root, with the same
settings and environment as the gunicorn it measures (so the same database and Redis cache).
It signs in through the real log-in view with django.test.Client, requests each page once to
warm the caches, then once more inside CaptureQueriesContext, and prints JSON on stdout.
Nothing in the application is changed or patched.

Modes:
  trainees N  create the benchmark's own trainees (idempotent): one for the quiz page and N who
              submit quizzes, one per client process; print their emails and password
  pages       the benchmarked pages (home, course, lesson, dashboard as the demo trainee; the
              quiz page with an open attempt as the quiz-page trainee): URL, status, bytes, SQL;
              and the SQL of one quiz submission (a fresh attempt of the first submitting trainee)
  sweep       every live lesson of the demo course: URL, status, bytes, number of queries
  staff N..   the first page of the clinic manager's staff page (/manage/) as the demo
              Riverside manager, with each N staff in that clinic (added in bulk,
              bench-staff-<n>@riverside.example.org), each assigned the demo course and four
              small benchmark courses, with some progress: URL, status, bytes, SQL, people
              shown and pages for each N; then a search for one person (bench/staff_page.py)
"""

import functools
import json
import re
import sys

import django

TRAINEE_EMAIL = "trainee@example.org"
TRAINEE_PASSWORD = "learn-at-your-pace"

# The benchmark's own trainees, so the demo trainee's pages stay as `load_demo` left them.
BENCH_PASSWORD = "bench-trainee-password"
QUIZ_PAGE_TRAINEE = "bench-quiz-page@example.org"
SUBMITTER_EMAIL = "bench-trainee-{number}@example.org"
SIGNOFF_SLUG = "signoff-foundations"


def signed_in_client(email: str = TRAINEE_EMAIL, password: str = TRAINEE_PASSWORD):
    """A test client signed in as `email` through the log-in form."""
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    response = client.post("/accounts/login/", {"username": email, "password": password})
    if response.status_code != 302:
        raise SystemExit(f"Signing in as {email} failed: HTTP {response.status_code}")
    return client


def demo_course():
    """The demo course: the first live course."""
    from lessons.models import CoursePage

    course = CoursePage.objects.live().order_by("path").first()
    if course is None:
        raise SystemExit("No live course: did `manage.py load_demo` run?")
    return course


def demo_urls() -> dict[str, str]:
    """The benchmarked URLs: the demo course and the lesson the trainee is working on.

    The demo trainee has finished the course's first lesson and opened the second, so the
    second lesson is where the dashboard's "Continue" leads: the lesson a trainee sees most.
    """
    from lessons.models import LessonPage

    course = demo_course()
    lessons = list(LessonPage.objects.live().descendant_of(course).order_by("path")[:2])
    if not lessons:
        raise SystemExit(f"The course {course.url} has no live lesson.")
    return {"home": "/", "course": course.url, "lesson": lessons[-1].url, "dashboard": "/my-training/"}


def check_quiz(course):
    """The course's first check quiz (the first module's): unlimited attempts, feedback as you go."""
    from quizzes.models import QuizPage

    quiz = QuizPage.objects.live().descendant_of(course).filter(kind=QuizPage.Kind.CHECK).order_by("path").first()
    if quiz is None:
        raise SystemExit(f"The course {course.url} has no live check quiz.")
    return quiz


def submission_quiz(course):
    """The quiz the submitting trainees take: the sign-off quiz when it allows unlimited attempts
    (as in the demo content), otherwise the first check quiz, which always does."""
    from quizzes.models import QuizPage

    signoff = QuizPage.objects.live().descendant_of(course).filter(slug=SIGNOFF_SLUG).first()
    if signoff is not None and not signoff.max_attempts:
        return signoff
    return check_quiz(course)


def start_path(quiz) -> str:
    """Where the quiz page's "Start the quiz" form posts."""
    from django.urls import reverse

    return reverse("quizzes:start", args=[quiz.pk])


def create_trainees(count: int) -> dict:
    """The quiz-page trainee and `count` submitting trainees, created if missing (idempotent)."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    emails = [QUIZ_PAGE_TRAINEE] + [SUBMITTER_EMAIL.format(number=number) for number in range(1, count + 1)]
    for number, email in enumerate(emails):
        if not User.objects.filter(email=email).exists():
            User.objects.create_user(
                email=email, password=BENCH_PASSWORD, first_name="Bench", last_name=f"Trainee {number}"
            )
    return {"quiz_page": emails[0], "submitters": emails[1:], "password": BENCH_PASSWORD}


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


def measure_quiz_page(course) -> dict:
    """The first check quiz's page with an open attempt, as the quiz-page trainee sees it."""
    quiz = check_quiz(course)
    client = signed_in_client(QUIZ_PAGE_TRAINEE, BENCH_PASSWORD)
    response = client.post(start_path(quiz))
    if response.status_code != 302:
        raise SystemExit(f"Starting the quiz {quiz.url} failed: HTTP {response.status_code}")
    return {**measure(client, quiz.url, with_sql=True), "email": QUIZ_PAGE_TRAINEE}


def submit_once(client, email: str, quiz, *, capture: bool) -> dict:
    """One submission as a trainee makes it: start an attempt, open the quiz page, submit the
    first choice of every question, open the result. Captures the submit's queries if asked."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from quizzes.models import QuizAttempt

    started = client.post(start_path(quiz))
    page = client.get(quiz.url)
    if started.status_code != 302 or page.status_code != 200:
        raise SystemExit(f"Starting the quiz {quiz.url} failed: HTTP {started.status_code}, {page.status_code}")
    attempt = QuizAttempt.objects.get(user__email=email, quiz=quiz, submitted_at__isnull=True)
    # What the quiz page's form posts: field q-<question id>, the first choice in the page's order.
    answers = {f"q-{question['id']}": question["choices"][0]["id"] for question in attempt.questions}
    path = reverse("quizzes:submit", args=[attempt.pk])
    with CaptureQueriesContext(connection) as captured:
        response = client.post(path, answers)
    # Read the queries now: the next request clears the connection's log (request_started).
    measured = {"path": path, "status": response.status_code, "queries": len(captured.captured_queries)}
    if capture:
        measured["sql"] = [query["sql"] for query in captured.captured_queries]
    if response.status_code != 302:
        raise SystemExit(f"Submitting {path} failed: HTTP {response.status_code}")
    result = client.get(response["Location"])
    if result.status_code != 200:
        raise SystemExit(f"The result page {response['Location']} answered HTTP {result.status_code}")
    return measured


def measure_submit(course) -> dict:
    """The SQL of one submission with a fresh attempt, after a first submission warmed the caches."""
    quiz = submission_quiz(course)
    email = SUBMITTER_EMAIL.format(number=1)
    client = signed_in_client(email, BENCH_PASSWORD)
    submit_once(client, email, quiz, capture=False)
    measured = submit_once(client, email, quiz, capture=True)
    return {**measured, "quiz_path": quiz.url, "quiz_kind": quiz.kind, "start_path": start_path(quiz)}


def measure_pages() -> dict:
    """URL, size and SQL of each benchmarked page, and the SQL of one quiz submission.

    Needs the benchmark's trainees (mode `trainees`)."""
    client = signed_in_client()
    pages = {name: measure(client, path, with_sql=True) for name, path in demo_urls().items()}
    course = demo_course()
    pages["quiz"] = measure_quiz_page(course)
    pages["quiz submit"] = measure_submit(course)
    return pages


def sweep_lessons() -> list[dict]:
    """Size and query count of every live lesson of the demo course, in course order.

    Opening a lesson records a visit, so this runs after the timed runs, not before.
    """
    from lessons.models import LessonPage

    client = signed_in_client()
    lessons = LessonPage.objects.live().descendant_of(demo_course()).order_by("path")
    return [measure(client, lesson.url, with_sql=False) for lesson in lessons]


MANAGER_EMAIL = "manager@riverside.example.org"
MANAGER_PASSWORD = "support-your-team"
STAFF_CLINIC = "riverside"
STAFF_EMAIL = "bench-staff-{number}@riverside.example.org"
STAFF_COURSES = 5


def staff_courses() -> list:
    """The demo course and four small courses (2 modules of 3 lessons), made once."""
    from lessons.models import CourseIndexPage, CoursePage, LessonPage, ModulePage

    courses = [demo_course()]
    index = CourseIndexPage.objects.live().first()
    for number in range(1, STAFF_COURSES):
        slug = f"bench-course-{number}"
        course = CoursePage.objects.filter(slug=slug).first()
        if course is None:
            course = CoursePage(title=f"Benchmark course {number}", slug=slug, summary="For the staff page benchmark.")
            index.add_child(instance=course)
            for m in range(1, 3):
                module = ModulePage(title=f"Module {m}", slug=f"module-{m}")
                course.add_child(instance=module)
                for n in range(1, 4):
                    module.add_child(instance=LessonPage(title=f"Lesson {m}.{n}", slug=f"lesson-{m}-{n}"))
        courses.append(course)
    return courses


def add_staff(organisation, courses, *, upto: int) -> None:
    """Staff bench-staff-1.. up to number `upto` in `organisation`, in bulk: each assigned every
    course (half of them due next week), with the first lesson of two courses done."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from assignments.models import Assignment
    from lessons.models import LessonPage
    from organisations.models import Membership
    from training.models import LearningProgress

    User = get_user_model()
    have = User.objects.filter(email__startswith="bench-staff-").count()
    if have >= upto:
        return
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(email=STAFF_EMAIL.format(number=n), first_name="Staff", last_name=str(n))
            for n in range(have + 1, upto + 1)
        ]
    )
    Membership.objects.bulk_create([Membership(user=u, organisation=organisation, joined_at=now) for u in users])
    soon = timezone.localdate() + timedelta(days=7)
    Assignment.objects.bulk_create(
        [Assignment(user=u, course=c, due_on=soon if i % 2 else None) for u in users for i, c in enumerate(courses)]
    )
    firsts = [LessonPage.objects.live().descendant_of(c).order_by("path").first() for c in courses[:2]]
    LearningProgress.objects.bulk_create(
        [
            LearningProgress(
                user=u,
                page=lesson,
                page_title=lesson.title,
                started_at=now,
                completed_at=now,
                completion_source="manual",
            )
            for u in users
            for lesson in firsts
        ]
    )


STAFF_PATH = "/manage/"  # the first page of the list, as a manager opens it
STAFF_SEARCH = "bench-staff-7@"  # one person, found by email


def listed_people(client, path: str) -> dict:
    """How many people the staff page lists, and on how many pages."""
    html = client.get(path).content.decode()
    pages = re.search(r"Page \d+ of (\d+)", html)
    return {"people_shown": html.count('<th scope="row">'), "pages": int(pages.group(1)) if pages else 1}


def measure_staff_page(*sizes: int) -> dict:
    """The first page of the manager's staff page with each number of staff, smallest first;
    then, with the most staff, a search for one person."""
    from urllib.parse import urlencode

    from organisations.models import Organisation

    organisation = Organisation.objects.get(slug=STAFF_CLINIC)
    courses = staff_courses()
    client = signed_in_client(MANAGER_EMAIL, MANAGER_PASSWORD)
    results = {}
    for size in sorted(sizes):
        add_staff(organisation, courses, upto=size)
        results[str(size)] = {**measure(client, STAFF_PATH, with_sql=False), **listed_people(client, STAFF_PATH)}
    search_path = f"{STAFF_PATH}?{urlencode({'q': STAFF_SEARCH})}"
    search = {**measure(client, search_path, with_sql=False), **listed_people(client, search_path)}
    return {
        "path": STAFF_PATH,
        "email": MANAGER_EMAIL,
        "password": MANAGER_PASSWORD,
        "sizes": results,
        "search": search,
    }


def main() -> None:
    """Run the mode named on the command line and print its result as JSON."""
    usage = "usage: python -m bench.inprocess {pages|sweep|trainees N|staff N [N ...]}"
    args = sys.argv[1:]
    if len(args) == 2 and args[0] == "trainees" and args[1].isdigit():
        mode = functools.partial(create_trainees, int(args[1]))
    elif len(args) >= 2 and args[0] == "staff" and all(arg.isdigit() for arg in args[1:]):
        mode = functools.partial(measure_staff_page, *(int(arg) for arg in args[1:]))
    elif len(args) == 1 and args[0] in ("pages", "sweep"):
        mode = {"pages": measure_pages, "sweep": sweep_lessons}[args[0]]
    else:
        raise SystemExit(usage)
    django.setup()
    result = mode()
    sys.stdout.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
