"""A trainee signs in, opens the course, plays a video, marks a lesson done, sees the
progress bar move, and resumes from the dashboard — in real Chromium."""

import re

import pytest
from playwright.sync_api import Page, expect

from django.core.files import File

from wagtail.documents import get_document_model

from curriculum.spec import ASSETS_DIR, read_course
from tests.factories import PASSWORD, UserFactory, build_course, lessons_of
from training.models import LearningProgress

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def document(path, title):
    Document = get_document_model()
    with path.open("rb") as handle:
        doc = Document(title=title)
        doc.file.save(path.name, File(handle), save=False)
        doc.save()
    return doc


@pytest.fixture
def video_course():
    slug = read_course().lessons[0].slug
    video = document(ASSETS_DIR / f"{slug}.mp4", "Video")
    captions = document(ASSETS_DIR / f"{slug}.en.vtt", "Captions")
    body = [
        (
            "hosted_video",
            {
                "title": "Welcome video",
                "video": video,
                "poster": None,
                "captions": [{"file": captions, "language": "en", "label": "English"}],
            },
        ),
        ("text", "<p>Lesson text.</p>"),
    ]
    return build_course(modules=1, lessons_per_module=3, slug="browser", title="Browser course", body=body)


def sign_in(page: Page, base: str, email: str):
    page.goto(f"{base}/my-training/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/my-training/"))
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(f"{base}/my-training/")


def test_trainee_watches_marks_done_and_resumes(page: Page, live_server, video_course):
    trainee = UserFactory(email="browser@clinic.example.org", first_name="Robin")
    base = live_server.url
    first, second, _third = lessons_of(video_course)

    sign_in(page, base, trainee.email)
    expect(page.get_by_role("heading", name="Welcome, Robin")).to_be_visible()

    # Open the course and its first lesson.
    page.get_by_role("link", name="Browser course").click()
    expect(page.get_by_role("progressbar").first).to_have_attribute("aria-valuenow", "0")
    page.get_by_role("link", name="Start the course").click()
    expect(page).to_have_url(f"{base}{first.url}")

    # Play the self-hosted video for a few seconds, then pause: the position is saved.
    video = page.locator("video[data-tracked-video]")
    expect(video.locator("track[kind=captions]")).to_have_count(1)
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; return v.play(); }")
    page.wait_for_function("document.querySelector('video').currentTime > 3", timeout=15000)
    page.evaluate("() => document.querySelector('video').pause()")
    page.wait_for_function(
        "parseFloat(document.querySelector('[data-lesson]').dataset.resumePosition) > 3", timeout=10000
    )
    row = LearningProgress.objects.get(user=trainee, page_id=first.pk)
    assert row.video_position > 3
    assert row.watched_seconds > 2  # played in real time, so it counts
    assert row.completed_at is None

    # Leave for the dashboard; "Continue" brings the trainee back to where they stopped.
    page.get_by_role("link", name="My training").click()
    page.get_by_role("link", name=re.compile("^Continue")).click()
    expect(page).to_have_url(f"{base}{first.url}")
    page.wait_for_function("document.querySelector('video').currentTime > 3", timeout=10000)

    # Mark the lesson done: the tick and the progress bar change without a reload.
    course_bar = page.locator("aside [data-progress-bar]").first
    expect(course_bar).to_have_attribute("aria-valuenow", "0")
    page.get_by_role("button", name="Mark as done").click()
    expect(page.get_by_text("You finished this lesson.")).to_be_visible()
    expect(course_bar).to_have_attribute("aria-valuenow", "33")
    expect(page.locator(".outline__item.is-current .status--complete")).to_have_count(1)
    assert LearningProgress.objects.get(user=trainee, page_id=first.pk).completed_at is not None

    # The dashboard shows the progress, and "Continue" goes to the next unfinished lesson.
    page.get_by_role("link", name="My training").click()
    expect(page.get_by_text("1 of 3 done")).to_be_visible()
    page.get_by_role("link", name=re.compile("^Continue")).click()
    expect(page).to_have_url(f"{base}{second.url}")


def test_video_seeks_because_media_answers_byte_ranges(page: Page, live_server, video_course):
    trainee = UserFactory(email="seeker@clinic.example.org")
    sign_in(page, live_server.url, trainee.email)
    page.goto(live_server.url + lessons_of(video_course)[0].url)
    page.wait_for_function("document.querySelector('video').readyState >= 1")
    page.evaluate("() => { const v = document.querySelector('video'); v.muted = true; v.currentTime = 30; }")
    page.wait_for_function("Math.abs(document.querySelector('video').currentTime - 30) < 1", timeout=10000)
    seekable_end = page.evaluate(
        "() => { const s = document.querySelector('video').seekable; return s.length ? s.end(0) : 0; }"
    )
    assert seekable_end > 30
