"""The quiz endpoints: answers saved as the trainee goes, checked, submitted once. Every bad
input gets a clear 4xx and leaves the attempt as it was; someone else's attempt is a 404."""

import json

import pytest

from django.test import Client
from django.urls import reverse

from quizzes import services
from quizzes.models import QuestionResponse, QuizAttempt
from tests.factories import right_answers, wrong_answers
from tests.quizzes.conftest import form_answers, post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, check_quiz):
    return services.attempt_start(user=trainee, quiz=check_quiz)


@pytest.fixture
def signoff_attempt(trainee, signoff):
    return services.attempt_start(user=trainee, quiz=signoff)


def url(name: str, attempt) -> str:
    return reverse(f"quizzes:{name}", args=[attempt.pk])


def state(attempt) -> tuple:
    row = QuizAttempt.objects.get(pk=attempt.pk)
    return row.answers, row.checked, row.submitted_at, row.score, QuestionResponse.objects.count()


def first(attempt, which=right_answers) -> tuple[str, list[str]]:
    return next(iter(which(attempt.questions).items()))


# Saving as the trainee goes --------------------------------------------------------------------


def test_each_answer_is_saved_as_json_and_the_unanswered_count_comes_back(trainee_client, attempt):
    qid, choices = first(attempt)
    response = post_json(trainee_client, url("save_answers", attempt), {"question": qid, "choices": choices})
    assert response.status_code == 200
    body = response.json()
    assert body["saved"] is True
    assert body["unanswered"] == 3
    assert "3 unanswered questions" in body["unanswered_message"]
    assert "correct" not in json.dumps(body)
    assert QuizAttempt.objects.get(pk=attempt.pk).answers == {qid: choices}


def test_save_and_finish_later_saves_the_whole_form(trainee_client, attempt, check_quiz):
    answers = right_answers(attempt.questions)
    response = trainee_client.post(url("save_answers", attempt), form_answers(answers), follow=True)
    assert response.redirect_chain[-1][0] == check_quiz.url + "#quiz-questions"
    assert "Your answers are saved" in response.content.decode()
    assert QuizAttempt.objects.get(pk=attempt.pk).answers == answers


# Checking one answer ---------------------------------------------------------------------------


def test_checking_an_answer_returns_that_questions_feedback_only(trainee_client, attempt):
    qid, choices = first(attempt, wrong_answers)
    response = post_json(trainee_client, url("check", attempt), {"question": qid, "choices": choices})
    assert response.status_code == 200
    body = response.json()
    assert body["question"] == qid
    assert body["correct"] is False
    question = attempt.questions[0]
    for choice in question["choices"]:
        assert choice["feedback"] in body["html"]
    others = [c["feedback"] for q in attempt.questions[1:] for c in q["choices"]]
    assert not any(text in json.dumps(body) for text in others)
    assert QuizAttempt.objects.get(pk=attempt.pk).checked == [qid]


def test_a_checked_answer_cannot_be_changed(trainee_client, attempt):
    qid, wrong = first(attempt, wrong_answers)
    post_json(trainee_client, url("check", attempt), {"question": qid, "choices": wrong})
    _, right = first(attempt)
    response = post_json(trainee_client, url("save_answers", attempt), {"question": qid, "choices": right})
    assert response.status_code == 409
    assert "already checked" in response.json()["message"]
    assert QuizAttempt.objects.get(pk=attempt.pk).answers == {qid: wrong}


def test_a_sign_off_cannot_be_checked_early(trainee_client, signoff_attempt):
    qid, choices = first(signoff_attempt)
    before = state(signoff_attempt)
    response = post_json(trainee_client, url("check", signoff_attempt), {"question": qid, "choices": choices})
    assert response.status_code == 400
    assert "once you submit" in response.json()["message"]
    assert state(signoff_attempt) == before


# Submitting ------------------------------------------------------------------------------------


def test_submitting_the_form_saves_the_posted_answers_then_grades_and_shows_the_result(trainee_client, signoff_attempt):
    response = trainee_client.post(
        url("submit", signoff_attempt), form_answers(right_answers(signoff_attempt.questions))
    )
    assert response.status_code == 302
    assert response["Location"] == url("result", signoff_attempt)
    row = QuizAttempt.objects.get(pk=signoff_attempt.pk)
    assert row.score == 100 and row.passed is True
    assert "You passed" in trainee_client.get(response["Location"]).content.decode()


def test_missing_answers_are_allowed_and_score_zero(trainee_client, signoff_attempt):
    qid, choices = first(signoff_attempt)
    response = trainee_client.post(url("submit", signoff_attempt), form_answers({qid: choices}))
    assert response.status_code == 302
    row = QuizAttempt.objects.get(pk=signoff_attempt.pk)
    assert row.score == 25
    assert row.passed is False


def test_a_stale_tab_submitting_a_graded_attempt_sees_that_result(trainee_client, signoff_attempt):
    trainee_client.post(url("submit", signoff_attempt), form_answers(wrong_answers(signoff_attempt.questions)))
    before = state(signoff_attempt)
    response = trainee_client.post(
        url("submit", signoff_attempt), form_answers(right_answers(signoff_attempt.questions))
    )
    assert response.status_code == 302
    assert response["Location"] == url("result", signoff_attempt)
    assert state(signoff_attempt) == before


def test_a_stale_tab_saving_into_a_graded_attempt_is_sent_to_its_result(trainee_client, signoff_attempt):
    trainee_client.post(url("submit", signoff_attempt), {})
    response = trainee_client.post(url("save_answers", signoff_attempt), {}, follow=True)
    assert response.redirect_chain[-1][0] == url("result", signoff_attempt)
    assert "already submitted" in response.content.decode()
    qid, choices = first(signoff_attempt)
    response = post_json(trainee_client, url("save_answers", signoff_attempt), {"question": qid, "choices": choices})
    assert response.status_code == 409
    assert response.json()["result_url"] == url("result", signoff_attempt)


def test_submitting_as_json_twice_gives_the_same_result(trainee_client, signoff_attempt):
    answers = wrong_answers(signoff_attempt.questions)
    first_response = post_json(trainee_client, url("submit", signoff_attempt), {"answers": answers})
    again = post_json(
        trainee_client, url("submit", signoff_attempt), {"answers": right_answers(signoff_attempt.questions)}
    )
    assert first_response.status_code == again.status_code == 200
    assert first_response.json() == again.json()
    assert first_response.json()["passed"] is False
    assert QuestionResponse.objects.count() == len(signoff_attempt.questions)


# Bad input -------------------------------------------------------------------------------------


def bad_answer(attempt, kind: str):
    questions = attempt.questions
    single = questions[0]
    return {
        "unknown question": {"question": "made-up", "choices": []},
        "unknown choice": {"question": single["id"], "choices": ["made-up"]},
        "choice of another question": {"question": single["id"], "choices": [questions[1]["choices"][0]["id"]]},
        "two on single choice": {"question": single["id"], "choices": [c["id"] for c in single["choices"][:2]]},
        "choices not a list": {"question": single["id"], "choices": single["choices"][0]["id"]},
        "no question": {"choices": []},
        "unexpected field": {"question": single["id"], "choices": [], "user": 1},
        "not json": "{oops",
        "not an object": "[1, 2]",
        "oversized": json.dumps({"question": single["id"], "choices": ["x" * 70_000]}),
    }[kind]


@pytest.mark.parametrize(
    ("kind", "status", "fragment"),
    [
        ("unknown question", 400, "no such question"),
        ("unknown choice", 400, "no such choice"),
        ("choice of another question", 400, "no such choice"),
        ("two on single choice", 400, "one answer only"),
        ("choices not a list", 400, "as a list"),
        ("no question", 400, "which question"),
        ("unexpected field", 400, "Unexpected fields: user"),
        ("not json", 400, "not valid JSON"),
        ("not an object", 400, "JSON object"),
        ("oversized", 413, "too large"),
    ],
)
@pytest.mark.parametrize("endpoint", ["save_answers", "check"])
def test_tampered_json_is_refused_with_a_clear_message_and_the_attempt_intact(
    trainee_client, attempt, endpoint, kind, status, fragment
):
    qid, choices = first(attempt)
    post_json(trainee_client, url("save_answers", attempt), {"question": qid, "choices": choices})
    before = state(attempt)
    response = post_json(trainee_client, url(endpoint, attempt), bad_answer(attempt, kind))
    assert response.status_code == status
    assert fragment.lower() in response.json()["message"].lower()
    assert state(attempt) == before


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [
        (lambda a: {"q-made-up": ["x"]}, "no such question"),
        (lambda a: {f"q-{a.questions[0]['id']}": ["made-up"]}, "no such choice"),
        (lambda a: {f"q-{a.questions[0]['id']}": [a.questions[1]["choices"][0]["id"]]}, "no such choice"),
        (lambda a: {f"q-{a.questions[0]['id']}": [c["id"] for c in a.questions[0]["choices"][:2]]}, "one answer only"),
        (lambda a: {"score": "100"}, "Unexpected fields: score"),
    ],
)
def test_a_tampered_form_submission_gets_an_error_page_and_the_attempt_stays_open(
    trainee_client, signoff_attempt, answers, fragment
):
    before = state(signoff_attempt)
    response = trainee_client.post(url("submit", signoff_attempt), answers(signoff_attempt))
    assert response.status_code == 400
    html = response.content.decode()
    assert fragment in html
    assert "Nothing in your attempt was lost." in html
    assert "Back to the quiz" in html
    assert state(signoff_attempt) == before


def test_an_oversized_form_is_refused(trainee_client, signoff_attempt):
    qid = signoff_attempt.questions[0]["id"]
    response = trainee_client.post(url("submit", signoff_attempt), {f"q-{qid}": ["x" * 70_000]})
    assert response.status_code == 413
    assert "too large" in response.content.decode()
    assert QuizAttempt.objects.get(pk=signoff_attempt.pk).is_open


def test_a_quiz_unpublished_during_the_attempt_is_gone_and_the_attempt_kept(trainee_client, attempt, check_quiz):
    qid, choices = first(attempt)
    post_json(trainee_client, url("save_answers", attempt), {"question": qid, "choices": choices})
    check_quiz.unpublish()
    before = state(attempt)
    for endpoint in ("save_answers", "check", "submit"):
        response = post_json(trainee_client, url(endpoint, attempt), {"question": qid, "choices": choices})
        if endpoint == "submit":
            response = post_json(trainee_client, url(endpoint, attempt), {"answers": {qid: choices}})
        assert response.status_code == 410, endpoint
        assert "no longer available" in response.json()["message"]
    response = trainee_client.post(url("submit", attempt), form_answers({qid: choices}))
    assert response.status_code == 410
    assert "no longer available" in response.content.decode()
    assert state(attempt) == before


def test_starting_past_the_attempt_limit_is_refused(trainee_client, trainee, signoff):
    for _ in range(3):
        services.attempt_submit(attempt=services.attempt_start(user=trainee, quiz=signoff))
    response = trainee_client.post(reverse("quizzes:start", args=[signoff.pk]))
    assert response.status_code == 403
    assert "used all 3 attempts" in response.content.decode()
    assert QuizAttempt.objects.count() == 3


def test_starting_an_unknown_or_unpublished_quiz_is_404(trainee_client, check_quiz):
    assert trainee_client.post(reverse("quizzes:start", args=[999999])).status_code == 404
    check_quiz.unpublish()
    assert trainee_client.post(reverse("quizzes:start", args=[check_quiz.pk])).status_code == 404
    assert not QuizAttempt.objects.exists()


# Someone else's attempt ------------------------------------------------------------------------


@pytest.mark.parametrize("endpoint", ["save_answers", "check", "submit"])
def test_someone_elses_attempt_is_404_and_nothing_changes(client, other_trainee, attempt, endpoint):
    client.force_login(other_trainee)
    qid, choices = first(attempt)
    before = state(attempt)
    assert post_json(client, url(endpoint, attempt), {"question": qid, "choices": choices}).status_code == 404
    assert client.post(url(endpoint, attempt), form_answers({qid: choices})).status_code == 404
    assert state(attempt) == before


def test_someone_elses_result_is_404(client, other_trainee, trainee, signoff_attempt):
    services.attempt_submit(attempt=signoff_attempt)
    client.force_login(other_trainee)
    assert client.get(url("result", signoff_attempt)).status_code == 404


def test_anonymous_requests_are_asked_to_sign_in(client, attempt):
    qid, choices = first(attempt)
    response = post_json(client, url("save_answers", attempt), {"question": qid, "choices": choices})
    assert response.status_code == 401
    response = client.post(url("submit", attempt), {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert state(attempt)[2] is None


@pytest.mark.parametrize("endpoint", ["save_answers", "check", "submit"])
def test_endpoints_take_posts_only(trainee_client, attempt, endpoint):
    assert trainee_client.get(url(endpoint, attempt)).status_code == 405


def test_posts_without_the_csrf_token_are_refused(trainee, attempt):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    qid, choices = first(attempt)
    response = post_json(client, url("save_answers", attempt), {"question": qid, "choices": choices})
    assert response.status_code == 403
    assert state(attempt)[0] == {}


@pytest.mark.parametrize("encoding", ["multipart", "urlencoded"])
def test_forms_are_read_after_the_csrf_check_in_either_encoding(trainee, signoff_attempt, encoding):
    from urllib.parse import urlencode

    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    token = client.get(reverse("training:dashboard")).context["csrf_token"]
    data = {**form_answers(right_answers(signoff_attempt.questions)), "csrfmiddlewaretoken": str(token)}
    if encoding == "multipart":
        response = client.post(url("submit", signoff_attempt), data)
    else:
        body = urlencode(data, doseq=True)
        response = client.post(url("submit", signoff_attempt), body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 302
    assert QuizAttempt.objects.get(pk=signoff_attempt.pk).passed is True
