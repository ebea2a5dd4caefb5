"""The quiz page: intro, history, a start button or one plain form of questions, and never a
hint of which answer is right before the trainee checks or submits it."""

import re
from pathlib import Path

import pytest

from django.urls import reverse

from quizzes import services
from quizzes.models import QuizAttempt
from tests.factories import build_quiz, right_answers, sample_questions, wrong_answers
from tests.quizzes.conftest import form_answers, post_json
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


def feedback_texts(attempt: QuizAttempt) -> list[str]:
    return [c["feedback"] for q in attempt.questions for c in q["choices"]]


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_anonymous_visitors_are_sent_to_sign_in(client, check_quiz):
    response = client.get(check_quiz.url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={check_quiz.url}"


def test_opening_the_quiz_records_a_visit_and_offers_to_start(trainee_client, trainee, check_quiz):
    html = trainee_client.get(check_quiz.url).content.decode()
    assert "Check what you learnt" in html
    assert "There is no pass or fail here" in html
    assert "Start the quiz" in html
    assert reverse("quizzes:start", args=[check_quiz.pk]) in html
    assert LearningProgress.objects.filter(user=trainee, page=check_quiz, completed_at__isnull=True).exists()
    assert not QuizAttempt.objects.exists()  # opening the page starts nothing


def test_the_quiz_page_does_not_take_posts(trainee_client, check_quiz):
    assert trainee_client.post(check_quiz.url).status_code == 405


def test_starting_shows_the_questions_as_one_plain_form(trainee_client, check_quiz):
    response = trainee_client.post(reverse("quizzes:start", args=[check_quiz.pk]))
    assert response.status_code == 302
    assert response["Location"] == check_quiz.url + "#quiz-questions"
    attempt = QuizAttempt.objects.get()
    html = trainee_client.get(check_quiz.url).content.decode()
    assert html.count("<fieldset") == 4
    assert html.count("<legend") == 4
    assert html.count('type="radio"') == 3 + 2 + 2  # single (3), true/false (2), scenario (2)
    assert html.count('type="checkbox"') == 4
    assert "Case 4: a client drops in." in html
    assert f'action="{reverse("quizzes:submit", args=[attempt.pk])}"' in html
    assert f'formaction="{reverse("quizzes:save_answers", args=[attempt.pk])}"' in html
    assert "Save and finish later" in html and "Submit answers" in html
    assert html.count("Check answer") == 4
    assert "You have 4 unanswered questions" in html
    assert "js/quiz.js" in html


def test_every_question_has_labelled_choices(trainee_client, check_quiz):
    trainee_client.post(reverse("quizzes:start", args=[check_quiz.pk]))
    html = trainee_client.get(check_quiz.url).content.decode()
    input_ids = re.findall(r'<input type="(?:radio|checkbox)" id="([^"]+)"', html)
    assert input_ids
    for input_id in input_ids:
        assert f'<label for="{input_id}">' in html


def test_the_page_never_shows_which_choice_is_right_before_the_answer_is_checked(trainee_client, trainee, check_quiz):
    """Render the open attempt, then flip which choices are right in its snapshot and render it
    again: the page is the same, so it cannot be telling. No feedback appears either."""
    trainee_client.post(reverse("quizzes:start", args=[check_quiz.pk]))
    attempt = QuizAttempt.objects.get()
    qid, choices = next(iter(wrong_answers(attempt.questions).items()))
    post_json(trainee_client, reverse("quizzes:save_answers", args=[attempt.pk]), {"question": qid, "choices": choices})
    before = without_csrf(trainee_client.get(check_quiz.url).content.decode())

    for question in attempt.questions:
        for choice in question["choices"]:
            choice["correct"] = not choice["correct"]
            choice["feedback"] = choice["feedback"] + " (flipped)"
    QuizAttempt.objects.filter(pk=attempt.pk).update(questions=attempt.questions)
    after = without_csrf(trainee_client.get(check_quiz.url).content.decode())

    assert before == after
    for text in feedback_texts(attempt):
        assert text.replace(" (flipped)", "") not in before
    assert "correct" not in before.lower()
    assert "Not quite" not in before and "Right." not in before


def test_the_quiz_script_holds_no_answers():
    from django.contrib.staticfiles import finders

    script = Path(finders.find("js/quiz.js")).read_text(encoding="utf-8")
    assert "correct" not in script.lower()


def test_a_checked_question_shows_its_own_feedback_and_no_other(trainee_client, check_quiz):
    trainee_client.post(reverse("quizzes:start", args=[check_quiz.pk]))
    attempt = QuizAttempt.objects.get()
    first = attempt.questions[0]
    wrong_choice = next(c for c in first["choices"] if not c["correct"])
    response = trainee_client.post(
        reverse("quizzes:check", args=[attempt.pk]),
        {f"q-{first['id']}": [wrong_choice["id"]], "check": first["id"]},
    )
    assert response.status_code == 302
    assert response["Location"] == check_quiz.url + "#question-1"
    html = trainee_client.get(check_quiz.url).content.decode()
    for choice in first["choices"]:
        assert choice["feedback"].replace("“", "&ldquo;") in html or choice["feedback"] in html
    assert "Not quite." in html
    assert "You checked this answer" in html
    for question in attempt.questions[1:]:
        for choice in question["choices"]:
            assert choice["feedback"] not in html


def test_a_sign_off_offers_no_checking_and_states_its_pass_mark_and_attempts(trainee_client, signoff):
    html = trainee_client.get(signoff.url).content.decode()
    assert "You need 75% to pass" in html
    assert "You have 3 attempts left." in html
    trainee_client.post(reverse("quizzes:start", args=[signoff.pk]))
    html = trainee_client.get(signoff.url).content.decode()
    assert "Check answer" not in html
    assert "This is attempt 1 of 3." in html


def test_coming_back_resumes_the_attempt_with_the_saved_answers(trainee_client, check_quiz):
    trainee_client.post(reverse("quizzes:start", args=[check_quiz.pk]))
    attempt = QuizAttempt.objects.get()
    qid, (choice_id,) = next(iter(right_answers(attempt.questions).items()))
    trainee_client.post(reverse("quizzes:save_answers", args=[attempt.pk]), form_answers({qid: [choice_id]}))
    trainee_client.logout()
    trainee_client.force_login(attempt.user)
    html = trainee_client.get(check_quiz.url).content.decode()
    assert "Welcome back" in html
    assert re.search(rf'value="{choice_id}" checked', html)
    assert "You have 3 unanswered questions" in html


def test_history_lists_each_attempt_with_date_and_score(trainee_client, trainee, signoff):
    for answers in (wrong_answers, right_answers):
        attempt = services.attempt_start(user=trainee, quiz=signoff)
        services.attempt_submit(attempt=attempt, answers=answers(attempt.questions))
    html = trainee_client.get(signoff.url).content.decode()
    assert "Your attempts" in html
    assert "Attempt 1" in html and "Attempt 2" in html
    assert ">0%<" in html and ">100%<" in html
    assert "Passed" in html and "Not passed yet" in html
    assert "You passed this quiz on" in html
    assert "Try again" not in html and "Start the quiz" not in html


def test_a_check_quiz_history_has_no_pass_or_fail(trainee_client, trainee, check_quiz):
    attempt = services.attempt_start(user=trainee, quiz=check_quiz)
    services.attempt_submit(attempt=attempt, answers={})
    html = trainee_client.get(check_quiz.url).content.decode().lower()
    assert "fail" not in html.replace("no pass or fail here", "")
    assert "not passed" not in html
    assert "try again" in html


def test_when_the_attempts_are_used_up_the_page_says_what_next(trainee_client, trainee, module):
    quiz = build_quiz(module, kind="signoff", slug="once", max_attempts=1, questions=sample_questions(2))
    attempt = services.attempt_start(user=trainee, quiz=quiz)
    services.attempt_submit(attempt=attempt, answers=wrong_answers(attempt.questions))
    html = trainee_client.get(quiz.url).content.decode()
    assert "You have used every attempt" in html
    assert reverse("quizzes:start", args=[quiz.pk]) not in html


def test_a_quiz_in_a_course_taken_in_order_waits_for_the_lessons_before_it(trainee_client):
    from tests.factories import build_course, modules_of

    course = build_course(modules=1, lessons_per_module=1, slug="in-order", lessons_in_order=True)
    quiz = build_quiz(modules_of(course)[0], kind="signoff", slug="gated")
    html = trainee_client.get(quiz.url).content.decode()
    assert "opens once you have finished the lessons before it" in html
    assert reverse("quizzes:start", args=[quiz.pk]) not in html
