"""Thin views over the quiz services and selectors.

The quiz page itself is a Wagtail page (QuizPage.serve); its context comes from
`quiz_page_context`. Answers go to the endpoints below, each of which works as a plain form
post (no script needed) and as JSON for quiz.js. Grading happens in the services only.
"""

import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.http.request import RawPostDataException
from django.shortcuts import render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from home.views.errors import wants_json
from lessons import availability as course_availability
from training import selectors as training_selectors
from training import services as training_services
from training.views import api_login_required, json_error

from . import grading, selectors, services
from .models import QuizAttempt, QuizPage

MAX_BODY_BYTES = 64 * 1024
FORM_FIELDS = frozenset({"csrfmiddlewaretoken"})
ANSWER_PREFIX = "q-"

ERROR_STATUS = {
    services.AnswerInvalid: 400,
    services.CheckNotAllowed: 400,
    services.AttemptLimitReached: 403,
    services.AnswerLocked: 409,
    services.AttemptClosed: 409,
    services.QuizUnavailable: 410,
}


class RequestRefused(Exception):
    """A request the endpoints cannot read. The message is safe to show."""

    def __init__(self, message: str, *, status: int = 400, code: str = "bad_request"):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code


# Reading requests ------------------------------------------------------------------------


def _read(request) -> tuple[dict, bool]:
    """The request's data and whether it came as JSON. Refuses bodies over 64 KB before reading them."""
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    too_large = RequestRefused(_("The request is too large."), status=413, code="too_large")
    if declared > MAX_BODY_BYTES:
        raise too_large
    try:
        body = request.body
    except RawPostDataException:
        # A multipart form already read by the CSRF check: its declared length was checked above.
        return request.POST, False
    if len(body) > MAX_BODY_BYTES:
        raise too_large
    if request.content_type == "application/json":
        try:
            data = json.loads(body or b"{}")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise RequestRefused(_("The request body is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise RequestRefused(_("The request body must be a JSON object."))
        return data, True
    return request.POST, False


def _refuse_unknown(names, allowed) -> None:
    unknown = sorted(str(name)[:40] for name in names if name not in allowed)
    if unknown:
        raise RequestRefused(_("Unexpected fields: %(fields)s.") % {"fields": ", ".join(unknown[:5])})


def _form_answers(post, *, extra=frozenset()) -> dict[str, list[str]]:
    """Answers from the quiz form: one field `q-<question id>` per question, a value per choice."""
    _refuse_unknown([k for k in post if not k.startswith(ANSWER_PREFIX)], FORM_FIELDS | extra)
    return {key[len(ANSWER_PREFIX) :]: post.getlist(key) for key in post if key.startswith(ANSWER_PREFIX)}


def _one_answer(data: dict) -> tuple[str, list]:
    """{"question": id, "choices": [choice id, ...]} from quiz.js."""
    _refuse_unknown(data, {"question", "choices"})
    question, choices = data.get("question"), data.get("choices")
    if not isinstance(question, str) or not question:
        raise RequestRefused(_("Say which question the answer is for."))
    if not isinstance(choices, list):
        raise RequestRefused(_("Send the chosen answers as a list, which may be empty."))
    return question, choices


def unanswered_message(count: int) -> str:
    if not count:
        return _("You have answered every question.")
    return ngettext(
        "You have %(count)s unanswered question. You can still submit: an unanswered question scores zero.",
        "You have %(count)s unanswered questions. You can still submit: unanswered questions score zero.",
        count,
    ) % {"count": count}


def _unanswered_json(attempt: QuizAttempt) -> dict:
    count = selectors.unanswered_count(attempt=attempt)
    return {"unanswered": count, "unanswered_message": unanswered_message(count)}


def _question_count(page: QuizPage) -> int:
    count = len(page.questions.raw_data) if page.questions else 0
    return min(page.questions_per_attempt or count, count)


# Responses ------------------------------------------------------------------------------


def _problem(request, message: str, *, status: int, code: str, attempt: QuizAttempt | None = None, **extra):
    if wants_json(request):
        return JsonResponse({"error": code, "message": message, **extra}, status=status)
    return render(
        request,
        "quizzes/problem.html",
        {
            "message": message,
            "attempt": attempt,
            "result_url": extra.get("result_url"),
            "back_url": _quiz_url(request, attempt) if attempt is not None and attempt.is_open else None,
        },
        status=status,
    )


def _quiz_error(request, error: services.QuizError, attempt: QuizAttempt):
    extra = {}
    if isinstance(error, services.AttemptClosed):
        extra["result_url"] = reverse("quizzes:result", args=[attempt.pk])
    return _problem(
        request, error.message, status=ERROR_STATUS.get(type(error), 400), code=error.code, attempt=attempt, **extra
    )


def _quiz_url(request, attempt: QuizAttempt, anchor: str = "") -> str:
    quiz = QuizPage.objects.live().filter(pk=attempt.quiz_id).first() if attempt.quiz_id else None
    url = quiz.get_url(request) if quiz else reverse("training:dashboard")
    return url + anchor


def _not_found(request, message: str):
    """Someone else's attempt, or a quiz that is not there: 404, as if it did not exist."""
    if wants_json(request):
        return json_error(message, status=404, code="not_found")
    raise Http404(message)


# The quiz page ---------------------------------------------------------------------------


def own_attempt(view):
    """Give the view the signed-in trainee's own attempt; anyone else's is not found (404)."""

    @wraps(view)
    def wrapped(request, attempt_id: int):
        attempt = selectors.attempt_for_user(user=request.user, attempt_id=attempt_id)
        if attempt is None:
            return _not_found(request, _("There is no such quiz attempt."))
        return view(request, attempt)

    return wrapped


def quiz_page_context(request, page: QuizPage) -> dict:
    """What the quiz page shows: intro, history, and a start button or the open attempt's form."""
    if getattr(request, "is_preview", False):
        return _preview_page_context(request, page)
    user = request.user
    # The course outline is cached for everyone (training.selectors); the trainee's rows are one query.
    path = page.path[: (page.depth - 2) * page.steplen]
    outline = training_selectors.course_outline_at(path=path, request=request) or training_selectors.empty_outline(
        path=path
    )
    rows = training_selectors.progress_by_page(user=user, page_ids=outline.item_ids)
    rows[page.pk] = training_services.progress_start(user=user, page=page, existing=rows.get(page.pk))
    course_progress = training_selectors.progress_from_outline(user=user, outline=outline, progress=rows)
    item = course_progress.item(page.pk)
    previous_item, next_item = course_progress.neighbours(page.pk)
    status = selectors.quiz_status(user=user, quiz=page)
    attempt = status.open_attempt
    questions = selectors.attempt_questions(attempt=attempt) if attempt else []
    return {
        "quiz": page,
        "status": status,
        "attempt": attempt,
        "questions": questions,
        "unanswered_message": unanswered_message(sum(1 for q in questions if not q.answered)),
        "question_count": _question_count(page),
        "can_check": bool(attempt and attempt.kind == QuizPage.Kind.CHECK and page.feedback_after_each),
        "course": outline.course if outline.course.id else None,
        "course_progress": course_progress,
        "module_progress": course_progress.module_of(page.pk),
        "item": item,
        "locked": bool(item and item.locked),
        "previous_item": previous_item,
        "next_item": next_item,
        "preview": False,
    }


def _preview_attempt(page: QuizPage, *, answers: dict | None = None) -> QuizAttempt:
    """An attempt built from the draft in memory, never saved."""
    return QuizAttempt(
        quiz_title=page.title,
        kind=page.kind,
        pass_mark=page.pass_mark if page.is_signoff else None,
        questions=page.build_snapshot(seed=0),
        answers=answers or {},
        checked=[],
    )


def _preview_page_context(request, page: QuizPage) -> dict:
    attempt = _preview_attempt(page)
    questions = selectors.attempt_questions(attempt=attempt)
    return {
        "quiz": page,
        "status": selectors.QuizStatus(quiz=page, open_attempt=attempt),
        "attempt": attempt,
        "questions": questions,
        "unanswered_message": unanswered_message(len(questions)),
        "question_count": len(questions),
        "can_check": page.feedback_while_answering,
        "preview": True,
    }


def quiz_preview(request, page: QuizPage, mode_name: str):
    """Admin preview: the quiz as a trainee sees it (mode ""), or a sample result page ("result")
    with the feedback of every choice. Built from the draft; nothing is saved."""
    if mode_name != "result":
        return TemplateResponse(request, page.get_template(request), page.get_context(request))
    attempt = _preview_attempt(page)
    # A sample: the first choice of every question, so the page shows right and wrong answers.
    attempt.answers = {q["id"]: [q["choices"][0]["id"]] for q in attempt.questions if q["choices"]}
    graded = grading.grade(attempt.questions, attempt.answers, pass_mark=attempt.pass_mark)
    attempt.score, attempt.passed = graded.percent, graded.passed
    module, lessons = selectors.module_and_lessons(quiz=page) if page.pk and page.path else (None, [])
    context = {
        "page": page,
        "preview": True,
        "view": selectors.ResultPage(
            result=selectors.attempt_result(attempt=attempt, reveal_answers=True),
            quiz=page,
            module=module,
            lessons=lessons,
            attempts_remaining=page.max_attempts if page.is_signoff else None,
            can_retry=False,
        ),
    }
    return TemplateResponse(request, "quizzes/result.html", context)


# Endpoints --------------------------------------------------------------------------------


@require_POST
@api_login_required
def start(request, quiz_id: int):
    """Start an attempt (or return to the open one) and go to its questions."""
    quiz = QuizPage.objects.live().filter(pk=quiz_id).first()
    if quiz is None or not course_availability.page_open_to(user=request.user, page=quiz):
        return _not_found(request, _("There is no such quiz."))
    try:
        _read(request)
        attempt = services.attempt_start(user=request.user, quiz=quiz)
    except RequestRefused as error:
        return _problem(request, error.message, status=error.status, code=error.code)
    except services.QuizError as error:
        return _problem(request, error.message, status=ERROR_STATUS.get(type(error), 400), code=error.code)
    if wants_json(request):
        return JsonResponse({"attempt": attempt.pk, "url": quiz.get_url(request)})
    return HttpResponseRedirect(quiz.get_url(request) + "#quiz-questions")


@require_POST
@api_login_required
@own_attempt
def save_answers(request, attempt: QuizAttempt):
    """Save answers as the trainee goes: one question as JSON (quiz.js), or the whole form
    ("Save and finish later")."""
    try:
        data, is_json = _read(request)
        if is_json:
            question, choices = _one_answer(data)
            attempt = services.attempt_save_answer(attempt=attempt, question_id=question, choice_ids=choices)
        else:
            attempt = services.attempt_save_answers(attempt=attempt, answers=_form_answers(data))
    except RequestRefused as error:
        return _problem(request, error.message, status=error.status, code=error.code, attempt=attempt)
    except services.AttemptClosed as error:
        if not wants_json(request):
            messages.info(request, _("This attempt was already submitted. Here is its result."))
            return HttpResponseRedirect(reverse("quizzes:result", args=[attempt.pk]))
        return _quiz_error(request, error, attempt)
    except services.QuizError as error:
        return _quiz_error(request, error, attempt)
    if is_json:
        return JsonResponse({"saved": True, "question": question, **_unanswered_json(attempt)})
    messages.success(
        request, _("Your answers are saved. Come back whenever you are ready: you will pick up where you left off.")
    )
    return HttpResponseRedirect(_quiz_url(request, attempt, "#quiz-questions"))


@require_POST
@api_login_required
@own_attempt
def check_question(request, attempt: QuizAttempt):
    """Check one answer and show its feedback (check quizzes with feedback after each answer).

    As JSON: {"question": id, "choices": [...]}. As a form: the whole quiz form with
    `check=<question id>` from the question's "Check answer" button."""
    try:
        data, is_json = _read(request)
        if is_json:
            question, choices = _one_answer(data)
            checked = services.attempt_check_question(attempt=attempt, question_id=question, choice_ids=choices)
        else:
            question = data.get("check", "")
            attempt = services.attempt_save_answers(attempt=attempt, answers=_form_answers(data, extra={"check"}))
            checked = services.attempt_check_question(attempt=attempt, question_id=question)
    except RequestRefused as error:
        return _problem(request, error.message, status=error.status, code=error.code, attempt=attempt)
    except services.QuizError as error:
        return _quiz_error(request, error, attempt)
    number = next(n for n, q in enumerate(checked.attempt.questions, start=1) if q["id"] == checked.question["id"])
    if not is_json:
        return HttpResponseRedirect(_quiz_url(request, checked.attempt, f"#question-{number}"))
    review = selectors.question_review(
        question=checked.question, number=number, selected=checked.result.selected, reveal_answers=True
    )
    return JsonResponse(
        {
            "question": checked.question["id"],
            "correct": checked.result.is_correct,
            "score": checked.result.score,
            "html": render_to_string("components/question_feedback.html", {"review": review}, request=request),
            **_unanswered_json(checked.attempt),
        }
    )


@require_POST
@api_login_required
@own_attempt
def submit(request, attempt: QuizAttempt):
    """Save the posted answers and grade the attempt, once. A stale tab or a second click gets
    the stored result."""
    try:
        data, is_json = _read(request)
        if is_json:
            _refuse_unknown(data, {"answers"})
            answers = data.get("answers")
        else:
            answers = _form_answers(data)
        attempt = services.attempt_submit(attempt=attempt, answers=answers)
    except RequestRefused as error:
        return _problem(request, error.message, status=error.status, code=error.code, attempt=attempt)
    except services.QuizError as error:
        return _quiz_error(request, error, attempt)
    url = reverse("quizzes:result", args=[attempt.pk])
    if is_json:
        return JsonResponse(
            {
                "attempt": attempt.pk,
                "score": str(attempt.score),
                "passed": attempt.passed,
                "submitted_at": attempt.submitted_at.isoformat(),
                "url": url,
            }
        )
    return HttpResponseRedirect(url)


@require_GET
@login_required
def result(request, attempt_id: int):
    """The result of one of the trainee's own submitted attempts."""
    attempt = selectors.attempt_for_user(user=request.user, attempt_id=attempt_id)
    if attempt is None:
        raise Http404
    if attempt.is_open:
        return HttpResponseRedirect(_quiz_url(request, attempt, "#quiz-questions"))
    view = selectors.result_page(attempt=attempt)
    return render(request, "quizzes/result.html", {"view": view, "page": view.quiz, "preview": False})
