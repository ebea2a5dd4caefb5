"""All of a person's own data, for them to download as JSON or CSV.

This is the person's copy of everything the platform keeps about their training: their account,
memberships, assignments, progress, quiz attempts with their answers, reflections (their own
words, so theirs to take) and certificates. Only the person themselves can download it.
A fixed number of queries, whatever the amount of data.
"""

import csv
import io
from datetime import date, datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page

from assignments.selectors import assigned_courses
from certificates.selectors import certificates_of
from home.spreadsheets import neutralise
from organisations.models import Membership
from quizzes import grading
from quizzes.models import QuizAttempt
from training.models import LearningProgress, ReflectionAnswer

FORMAT_VERSION = 1


def _value(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _answers(attempt: QuizAttempt) -> list[dict]:
    """Each question of the attempt as asked, with the choices the person picked (and, once the
    attempt is submitted, whether the answer was right)."""
    rows = []
    for number, question in enumerate(attempt.questions, start=1):
        picked = tuple(attempt.answers.get(question["id"], ()))
        texts = {choice["id"]: choice["text"] for choice in question.get("choices", ())}
        row = {
            "number": number,
            "question": question.get("prompt", ""),
            "your_answer": [texts.get(choice_id, choice_id) for choice_id in picked],
        }
        if attempt.submitted_at is not None:
            row["correct"] = bool(picked) and grading.grade_question(question, picked).is_correct
        rows.append(row)
    return rows


def personal_data(*, user, request=None) -> dict:
    """Everything about the person's training, as JSON-ready data."""
    memberships = Membership.objects.filter(user=user).select_related("organisation").order_by("joined_at")
    assigned = assigned_courses(user=user)
    course_titles = dict(Page.objects.filter(pk__in=list(assigned)).values_list("pk", "title"))
    progress = LearningProgress.objects.filter(user=user).order_by("started_at")
    attempts = QuizAttempt.objects.filter(user=user).order_by("started_at")
    reflections = ReflectionAnswer.objects.filter(user=user).select_related("page").order_by("created_at")

    def verify_url(code: str) -> str:
        path = reverse("certificates:verify_code", args=[code])
        return request.build_absolute_uri(path) if request is not None else path

    return {
        "format_version": FORMAT_VERSION,
        "exported_at": _value(timezone.now()),
        "person": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "preferred_name": user.preferred_name,
            "joined": _value(user.date_joined),
        },
        "memberships": [
            {
                "organisation": m.organisation.name,
                "role": m.get_role_display(),
                "joined": _value(m.joined_at),
                "left": _value(m.left_at),
            }
            for m in memberships
        ],
        "assignments": [
            {"course": course_titles.get(course_id, ""), "due_on": _value(a.due.on) if a.due else None}
            for course_id, a in assigned.items()
        ],
        "progress": [
            {
                "item": p.page_title,
                "started": _value(p.started_at),
                "last_visited": _value(p.last_visited_at),
                "completed": _value(p.completed_at),
                "completed_by": p.get_completion_source_display() if p.completion_source else "",
                "video_seconds_watched": round(p.watched_seconds, 1),
                "video_position": round(p.video_position, 1),
            }
            for p in progress
        ],
        "quiz_attempts": [
            {
                "quiz": a.quiz_title,
                "kind": a.get_kind_display(),
                "attempt": a.number,
                "started": _value(a.started_at),
                "submitted": _value(a.submitted_at),
                "score_percent": _value(a.score),
                "passed": a.passed,
                "answers": _answers(a),
            }
            for a in attempts
        ],
        "reflections": [
            {
                "lesson": r.page.title if r.page else "",
                "prompt": r.prompt,
                "answer": r.answer,
                "written": _value(r.created_at),
                "updated": _value(r.updated_at),
            }
            for r in reflections
        ],
        "certificates": [
            {
                "course": c.course_title,
                "name": c.holder_name,
                "completed_on": _value(c.completed_on),
                "continuing_education_hours": _value(c.ce_hours),
                "expires_on": _value(c.expires_on),
                "status": c.current_status,
                "verification_code": c.code,
                "verify_url": verify_url(c.code),
            }
            for c in certificates_of(user=user)
        ],
    }


CSV_COLUMNS = ["section", "item", "detail", "answer", "started", "finished", "score", "status"]


def _csv_rows(data: dict):
    person = data["person"]
    for key in ("email", "first_name", "last_name", "preferred_name"):
        yield {"section": "person", "item": key, "answer": person[key]}
    yield {"section": "person", "item": "joined", "started": person["joined"]}
    for m in data["memberships"]:
        yield {
            "section": "membership",
            "item": m["organisation"],
            "detail": m["role"],
            "started": m["joined"],
            "finished": m["left"],
        }
    for a in data["assignments"]:
        yield {"section": "assignment", "item": a["course"], "finished": a["due_on"], "detail": "due"}
    for p in data["progress"]:
        yield {
            "section": "progress",
            "item": p["item"],
            "detail": p["completed_by"],
            "started": p["started"],
            "finished": p["completed"],
            "status": "complete" if p["completed"] else "started",
        }
    for a in data["quiz_attempts"]:
        label = f"{a['quiz']} (attempt {a['attempt']})"
        passed = {True: "passed", False: "not passed", None: ""}[a["passed"]]
        yield {
            "section": "quiz attempt",
            "item": label,
            "detail": a["kind"],
            "started": a["started"],
            "finished": a["submitted"],
            "score": a["score_percent"],
            "status": passed if a["submitted"] else "open",
        }
        for answer in a["answers"]:
            correct = answer.get("correct")
            yield {
                "section": "quiz answer",
                "item": label,
                "detail": f"{answer['number']}. {answer['question']}",
                "answer": " | ".join(answer["your_answer"]),
                "status": {True: "right", False: "not right", None: ""}[correct],
            }
    for r in data["reflections"]:
        yield {
            "section": "reflection",
            "item": r["lesson"],
            "detail": r["prompt"],
            "answer": r["answer"],
            "started": r["written"],
            "finished": r["updated"],
        }
    for c in data["certificates"]:
        yield {
            "section": "certificate",
            "item": c["course"],
            "detail": c["verification_code"],
            "answer": c["verify_url"],
            "started": c["completed_on"],
            "finished": c["expires_on"],
            "score": c["continuing_education_hours"],
            "status": c["status"],
        }


def personal_data_csv(data: dict) -> str:
    """The same data as one CSV table: a row per fact, its section in the first column."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="raise")
    writer.writeheader()
    for row in _csv_rows(data):
        writer.writerow({column: neutralise(row.get(column)) for column in CSV_COLUMNS})
    return out.getvalue()
