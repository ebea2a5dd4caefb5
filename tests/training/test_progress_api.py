"""The progress endpoints: every bad input gets a clear 4xx JSON error and writes nothing."""

import json

import pytest

from django.test import Client
from django.urls import reverse

from tests.factories import lessons_of
from training.models import LearningProgress

pytestmark = pytest.mark.django_db


def post_json(client, url, data, **extra):
    body = data if isinstance(data, (str, bytes)) else json.dumps(data)
    return client.post(url, body, content_type="application/json", HTTP_ACCEPT="application/json", **extra)


@pytest.fixture
def lesson(course):
    return lessons_of(course)[0]


@pytest.fixture
def video_url(lesson):
    return reverse("training:video_progress", args=[lesson.pk])


def test_video_report_is_recorded(trainee_client, trainee, video_url, lesson):
    response = post_json(trainee_client, video_url, {"position": 12.5, "duration": 60})
    assert response.status_code == 200
    assert response.json()["position"] == 12.5
    row = LearningProgress.objects.get(user=trainee, page=lesson)
    assert row.video_position == 12.5
    assert row.video_duration == 60


def test_video_position_is_offered_back_so_the_video_resumes(trainee_client, video_url, lesson):
    post_json(trainee_client, video_url, {"position": 42.25, "duration": 60})
    html = trainee_client.get(lesson.url).content.decode()
    assert 'data-resume-position="42.25"' in html


def test_mark_complete_by_json(trainee_client, trainee, lesson):
    response = post_json(trainee_client, reverse("training:mark_complete", args=[lesson.pk]), {})
    assert response.status_code == 200
    assert response.json()["completed"] is True


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        ("{not json", 400, "not valid JSON"),
        ("[1, 2]", 400, "JSON object"),
        ({"position": -1, "duration": 60}, 400, "cannot be negative"),
        ({"position": 5, "duration": -60}, 400, "cannot be negative"),
        ({"position": 1e9, "duration": 60}, 400, "longer than any lesson video"),
        ({"position": 90, "duration": 60}, 400, "past the end"),
        ({"position": "soon", "duration": 60}, 400, "number"),
        ({"position": "NaN", "duration": 60}, 400, "number"),
        ({"position": "Infinity", "duration": 60}, 400, "number"),
        ({"duration": 60}, 400, "Send the video position"),
        ({"position": 5, "duration": 60, "user": 1}, 400, "Unexpected fields: user"),
        ("x" * 70_000, 400, "too large"),
    ],
)
def test_bad_video_reports_are_refused_with_a_clear_message_and_nothing_written(
    trainee_client, video_url, body, status, fragment
):
    response = post_json(trainee_client, video_url, body)
    assert response.status_code == status
    payload = response.json()
    assert fragment.lower() in json.dumps(payload).lower()
    assert LearningProgress.objects.count() == 0


def test_unknown_lesson_is_404_and_writes_nothing(trainee_client):
    response = post_json(
        trainee_client, reverse("training:video_progress", args=[999999]), {"position": 1, "duration": 10}
    )
    assert response.status_code == 404
    assert LearningProgress.objects.count() == 0


def test_a_page_that_is_not_a_lesson_is_404(trainee_client, course):
    response = post_json(trainee_client, reverse("training:mark_complete", args=[course.pk]), {})
    assert response.status_code == 404
    assert LearningProgress.objects.count() == 0


def test_an_unpublished_lesson_is_404(trainee_client, lesson):
    lesson.unpublish()
    response = post_json(trainee_client, reverse("training:mark_complete", args=[lesson.pk]), {})
    assert response.status_code == 404


def test_anonymous_json_request_gets_401(client, video_url):
    response = post_json(client, video_url, {"position": 1, "duration": 10})
    assert response.status_code == 401
    assert response.json()["error"] == "not_authenticated"
    assert LearningProgress.objects.count() == 0


def test_get_is_not_allowed(trainee_client, video_url):
    assert trainee_client.get(video_url).status_code == 405


def test_missing_csrf_token_is_refused_with_json(trainee, video_url):
    client = Client(enforce_csrf_checks=True)
    client.force_login(trainee)
    response = post_json(client, video_url, {"position": 1, "duration": 10})
    assert response.status_code == 403
    assert response.json()["error"] == "csrf_failed"
    assert LearningProgress.objects.count() == 0


def test_a_trainee_cannot_write_to_another_trainees_record(trainee_client, trainee, other_trainee, video_url, lesson):
    """Records are keyed by the signed-in user; naming someone else is refused outright."""
    response = post_json(trainee_client, video_url, {"position": 5, "duration": 60, "user": other_trainee.pk})
    assert response.status_code == 400
    post_json(trainee_client, video_url, {"position": 5, "duration": 60})
    assert not LearningProgress.objects.filter(user=other_trainee).exists()
    assert LearningProgress.objects.filter(user=trainee).count() == 1


def test_reflection_is_saved_privately_and_shown_only_to_its_author(client, trainee, other_trainee):
    from tests.factories import build_course

    body = [("text", "<p>Hi</p>"), ("reflection", {"prompt": "What helps people feel welcome?", "guidance": ""})]
    course = build_course(modules=1, lessons_per_module=1, slug="reflect", body=body)
    lesson = lessons_of(course)[0]
    block_id = lesson.body[1].id
    client.force_login(trainee)
    response = client.post(
        reverse("training:save_reflection", args=[lesson.pk, block_id]),
        {"answer": "A warm drink and no rush.", "next": lesson.url},
    )
    assert response.status_code == 302
    assert "A warm drink and no rush." in client.get(lesson.url).content.decode()
    client.force_login(other_trainee)
    assert "A warm drink and no rush." not in client.get(lesson.url).content.decode()


def test_reflection_for_an_unknown_prompt_is_404(trainee_client, lesson):
    response = trainee_client.post(reverse("training:save_reflection", args=[lesson.pk, "nope"]), {"answer": "x"})
    assert response.status_code == 404


def test_overlong_reflection_is_refused(trainee_client):
    from tests.factories import build_course

    body = [("reflection", {"prompt": "Q?", "guidance": ""})]
    lesson = lessons_of(build_course(modules=1, lessons_per_module=1, slug="r2", body=body))[0]
    response = post_json(
        trainee_client,
        reverse("training:save_reflection", args=[lesson.pk, lesson.body[0].id]),
        {"answer": "x" * 10_001},
    )
    assert response.status_code == 400
