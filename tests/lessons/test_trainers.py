"""Trainers create, edit, preview and publish course pages; they cannot administer users or settings."""

import pytest

from django.urls import reverse

from lessons.models import CoursePage, LessonPage

pytestmark = pytest.mark.django_db


def test_trainers_reach_the_admin(client, trainer):
    client.force_login(trainer)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_trainers_can_add_publish_and_edit_course_pages(client, trainer, course):
    client.force_login(trainer)
    module = course.get_children().first()
    add_url = reverse("wagtailadmin_pages:add", args=["lessons", "lessonpage", module.pk])
    assert client.get(add_url).status_code == 200
    response = client.post(
        add_url,
        {
            "title": "Hospitality first",
            "slug": "hospitality-first",
            "summary": "",
            "estimated_minutes": 5,
            "body-count": 0,
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    lesson = LessonPage.objects.get(slug="hospitality-first")
    assert lesson.live
    assert client.get(reverse("wagtailadmin_pages:edit", args=[course.pk])).status_code == 200


def test_trainers_can_preview(client, trainer, course):
    client.force_login(trainer)
    page = CoursePage.objects.get(pk=course.pk)
    response = client.get(reverse("wagtailadmin_pages:view_draft", args=[page.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url_name",
    ["wagtailusers_users:index", "wagtailusers_groups:index", "wagtailsites:index", "wagtailredirects:index"],
)
def test_trainers_cannot_administer_users_or_settings(client, trainer, url_name):
    client.force_login(trainer)
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert reverse("wagtailadmin_home") in response["Location"] or "login" in response["Location"]


def test_trainees_do_not_reach_the_admin(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
