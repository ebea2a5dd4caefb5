"""A small, hand-built world for the reports.

The course "Matrix course" has two modules:
- Module 1: Lesson 1.1, Lesson 1.2 and a sign-off quiz (required);
- Module 2: Lesson 2.1, Lesson 2.2 and a check quiz (not required: the course does not say so).

People:
- Sam (trainee, clinic A): finished module 1 (passed the sign-off at the second attempt, 50 then
  100), opened Lesson 2.1: module 2 in progress. Course assigned, due in 3 days (due soon).
- Zoe (clinic A): finished every required item: the course is complete.
- Kai (trainee, clinic B): nothing yet; assigned, due 10 days ago (past due).
- Robin and Ash, the managers, have done nothing.
"""

import csv
import io
from dataclasses import dataclass
from datetime import timedelta
from html.parser import HTMLParser

import pytest

from django.utils import timezone

from assignments.services import assignment_create
from quizzes.services import attempt_start, attempt_submit
from tests.factories import build_course, build_quiz, lessons_of, member_of, modules_of, right_answers, wrong_answers
from training.services import progress_mark_complete, progress_start


@dataclass
class World:
    course: object
    lessons: list
    signoff: object
    check: object
    sam: object
    zoe: object
    kai: object


def submit(user, quiz, answers_for, *, when=None):
    attempt = attempt_start(user=user, quiz=quiz, seed=1)
    return attempt_submit(attempt=attempt, answers=answers_for(attempt.questions), now=when)


def half_right(questions):
    """The first half of the questions right, the rest wrong."""
    right, wrong = right_answers(questions), wrong_answers(questions)
    half = len(questions) // 2
    return {q["id"]: (right if n < half else wrong)[q["id"]] for n, q in enumerate(questions)}


@pytest.fixture
def world(db, trainee, other_trainee, manager, other_manager, trainer, clinic_a, clinic_b):
    course = build_course(modules=2, lessons_per_module=2, slug="matrix", title="Matrix course")
    first, second = modules_of(course)
    signoff = build_quiz(first, kind="signoff", slug="signoff", title="Module 1 sign-off", pass_mark=75)
    check = build_quiz(second, kind="check", slug="check", title="Module 2 check")
    lessons = lessons_of(course)
    zoe = member_of(clinic_a, email="zoe@clinic-a.example.org", first_name="Zoe", last_name="Adams")
    trainee.last_name = "Bell"
    trainee.save()
    now = timezone.now()

    for lesson in lessons[:2]:
        progress_mark_complete(user=trainee, page=lesson)
    submit(trainee, signoff, half_right)
    submit(trainee, signoff, right_answers)
    progress_start(user=trainee, page=lessons[2])

    for lesson in lessons:
        progress_mark_complete(user=zoe, page=lesson)
    submit(zoe, signoff, right_answers)
    submit(zoe, check, wrong_answers)

    today = timezone.localdate(now)
    assignment_create(course=course, user=trainee, due_on=today + timedelta(days=3))
    assignment_create(course=course, user=other_trainee, due_on=today - timedelta(days=10))
    return World(course=course, lessons=lessons, signoff=signoff, check=check, sam=trainee, zoe=zoe, kai=other_trainee)


def signed_in(client, user):
    client.force_login(user)
    return client


class _TableParser(HTMLParser):
    """The first table of a page: its column headings (the last header row, read as a screen
    reader reads them, leaving out what is aria-hidden) and its body and footer rows as text."""

    def __init__(self):
        super().__init__()
        self.section = None
        self.header_rows: list[list[str]] = []
        self.body_rows: list[list[str]] = []
        self.footer_rows: list[list[str]] = []
        self.cell: list[str] | None = None
        self.hidden_depth = 0
        self.done = False

    def handle_starttag(self, tag, attrs):
        if self.done:
            return
        attrs = dict(attrs)
        if self.hidden_depth or attrs.get("aria-hidden") == "true":
            self.hidden_depth += 1
            return
        if tag in ("thead", "tbody", "tfoot"):
            self.section = tag
        elif tag == "tr" and self.section:
            {"thead": self.header_rows, "tbody": self.body_rows, "tfoot": self.footer_rows}[self.section].append([])
        elif tag in ("th", "td") and self.section:
            self.cell = []

    def handle_endtag(self, tag):
        if self.done:
            return
        if self.hidden_depth:
            self.hidden_depth -= 1
            return
        if tag in ("th", "td") and self.cell is not None:
            rows = {"thead": self.header_rows, "tbody": self.body_rows, "tfoot": self.footer_rows}[self.section]
            rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table":
            self.done = True

    def handle_data(self, data):
        if self.cell is not None and not self.hidden_depth:
            self.cell.append(data)


def html_table(response) -> _TableParser:
    parser = _TableParser()
    parser.feed(response.content.decode())
    return parser


def csv_rows(response) -> list[list[str]]:
    assert response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())  # so spreadsheet programs read it as UTF-8
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    from openpyxl import load_workbook

    body = b"".join(response.streaming_content) if response.streaming else response.content
    sheet = load_workbook(io.BytesIO(body)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]
