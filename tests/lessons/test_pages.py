import pytest

from django.core.management import call_command
from django.urls import reverse

from tests.factories import build_course, lessons_of
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("which", ["course", "module", "lesson"])
def test_learning_pages_send_anonymous_visitors_to_sign_in_and_back(client, course, which):
    lesson = lessons_of(course)[0]
    page = {"course": course, "module": lesson.get_parent(), "lesson": lesson}[which]
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('accounts:login')}?next={page.url}"


def test_signing_in_returns_to_the_lesson(client, trainee, password, course):
    lesson = lessons_of(course)[0]
    response = client.post(
        reverse("accounts:login") + f"?next={lesson.url}",
        {"username": trainee.email, "password": password, "next": lesson.url},
    )
    assert response.status_code == 302
    assert response["Location"] == lesson.url
    assert client.get(lesson.url).status_code == 200


def test_email_sign_in_ignores_capitals(client, trainee, password):
    response = client.post(reverse("accounts:login"), {"username": trainee.email.upper(), "password": password})
    assert response.status_code == 302


def test_course_page_shows_progress_and_ticks_finished_lessons(trainee_client, trainee, course):
    lessons = lessons_of(course)
    progress_mark_complete(user=trainee, page=lessons[0])
    html = trainee_client.get(course.url).content.decode()
    assert 'aria-valuenow="25"' in html  # 1 of 4 lessons
    assert "1 of 4 done" in html
    assert html.count("status--complete") == 1
    assert "Continue" in html


def test_module_page_shows_its_own_progress(trainee_client, trainee, course):
    lessons = lessons_of(course)
    progress_mark_complete(user=trainee, page=lessons[0])
    html = trainee_client.get(lessons[0].get_parent().url).content.decode()
    assert "1 of 2 done" in html
    assert 'aria-valuenow="50"' in html


def test_lesson_page_records_a_visit_and_offers_mark_as_done(trainee_client, trainee, course):
    lesson = lessons_of(course)[0]
    html = trainee_client.get(lesson.url).content.decode()
    assert "Mark as done" in html
    assert trainee.learning_progress.filter(page=lesson, completed_at__isnull=True).exists()


def test_marking_done_without_script_redirects_back_with_a_message(trainee_client, trainee, course):
    lesson = lessons_of(course)[0]
    response = trainee_client.post(
        reverse("training:mark_complete", args=[lesson.pk]), {"next": lesson.url}, follow=True
    )
    assert response.redirect_chain[-1][0] == lesson.url
    assert "marked as done" in response.content.decode()
    assert trainee.learning_progress.get(page=lesson).completed_at is not None


def test_marking_done_ignores_a_next_url_on_another_site(trainee_client, course):
    lesson = lessons_of(course)[0]
    response = trainee_client.post(
        reverse("training:mark_complete", args=[lesson.pk]), {"next": "https://evil.example/"}
    )
    assert response["Location"] == lesson.url


def test_dashboard_lists_courses_with_progress_and_continue_goes_to_next_unfinished(trainee_client, trainee, course):
    lessons = lessons_of(course)
    progress_mark_complete(user=trainee, page=lessons[0])
    response = trainee_client.get(reverse("training:dashboard"))
    html = response.content.decode()
    assert course.title in html
    assert "Continue" in html
    assert f'href="{lessons[1].url}"' in html


def test_dashboard_for_a_new_trainee_offers_start(trainee_client, course):
    html = trainee_client.get(reverse("training:dashboard")).content.decode()
    assert "Start" in html
    assert f'href="{lessons_of(course)[0].url}"' in html


def test_dashboard_shows_a_finished_course_as_completed(trainee_client, trainee):
    course = build_course(modules=1, lessons_per_module=1, slug="short")
    progress_mark_complete(user=trainee, page=lessons_of(course)[0])
    html = trainee_client.get(reverse("training:dashboard")).content.decode()
    assert "Completed" in html


def test_in_order_course_keeps_later_lessons_closed_with_a_pointer(trainee_client, trainee):
    course = build_course(modules=1, lessons_per_module=3, slug="ordered", lessons_in_order=True)
    lessons = lessons_of(course)
    html = trainee_client.get(lessons[2].url).content.decode()
    assert "opens once you have finished" in html
    assert "Lesson text." not in html
    assert f'href="{lessons[0].url}"' in html
    progress_mark_complete(user=trainee, page=lessons[0])
    progress_mark_complete(user=trainee, page=lessons[1])
    assert "Lesson text." in trainee_client.get(lessons[2].url).content.decode()


def test_any_order_course_opens_every_lesson(trainee_client, course):
    html = trainee_client.get(lessons_of(course)[-1].url).content.decode()
    assert "Lesson text." in html


def test_unpublished_lessons_are_not_listed_or_served(trainee_client, course):
    lesson = lessons_of(course)[1]
    url = lesson.url
    lesson.unpublish()
    assert lesson.title not in trainee_client.get(course.url).content.decode()
    assert trainee_client.get(url).status_code == 404


def test_unknown_path_below_the_catalogue_is_404(trainee_client, course):
    assert trainee_client.get(course.url + "no-such-module/").status_code == 404


def test_search_finds_lessons_for_signed_in_people_only(client, trainee, course):
    lesson = lessons_of(course)[0]
    lesson.title = "Hospitality first"
    lesson.save_revision().publish()
    call_command("update_index", verbosity=0)
    url = reverse("search") + "?q=hospitality"
    assert client.get(url).status_code == 302
    client.force_login(trainee)
    html = client.get(url).content.decode()
    assert "Hospitality first" in html
    assert "1 result" in html
