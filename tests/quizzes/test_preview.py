"""Trainers preview a quiz in the admin, as a trainee sees it and as a sample result, from the
current draft; previewing saves nothing."""

import pytest

from django.urls import reverse

from quizzes.models import QuizAttempt, QuizPage
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


def preview(client, quiz, mode=None) -> str:
    url = reverse("wagtailadmin_pages:view_draft", args=[quiz.pk])
    response = client.get(url, {"mode": mode} if mode is not None else {})
    assert response.status_code == 200
    return response.content.decode()


def test_the_quiz_preview_shows_the_draft_questions_without_answers_and_saves_nothing(trainer_client, check_quiz):
    draft = QuizPage.objects.get(pk=check_quiz.pk)
    draft.questions[0].value["prompt"] = "A question only in the draft"
    draft.save_revision()

    html = preview(trainer_client, check_quiz)
    assert "Preview: this is the quiz as a trainee sees it" in html
    assert "A question only in the draft" in html
    assert html.count("<fieldset") == 4
    assert "Check answer" in html
    snapshot = draft.build_snapshot(seed=0)
    for question in snapshot:
        for choice in question["choices"]:
            assert choice["feedback"] not in html
    assert "js/quiz.js" not in html  # nothing to save to
    assert not QuizAttempt.objects.exists()
    assert not LearningProgress.objects.exists()


def test_the_result_preview_shows_the_feedback_of_every_choice(trainer_client, signoff):
    html = preview(trainer_client, signoff, "result")
    assert "Preview: a sample result" in html
    for question in signoff.build_snapshot(seed=0):
        for choice in question["choices"]:
            assert choice["feedback"] in html
    assert "The pass mark is 75%." in html
    assert not QuizAttempt.objects.exists()


def test_trainees_cannot_preview(client, trainee, check_quiz):
    client.force_login(trainee)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[check_quiz.pk]))
    assert response.status_code in (302, 403)


def test_trainers_can_add_a_quiz_under_a_module(trainer_client, module):
    response = trainer_client.get(reverse("wagtailadmin_pages:add", args=["quizzes", "quizpage", module.pk]))
    assert response.status_code == 200
