"""Cached outlines and routes follow the page tree; personal data is never cached."""

from datetime import timedelta

import pytest

from django.urls import reverse
from django.utils import timezone

from lessons.models import LessonPage
from tests.factories import UserFactory, lessons_of, publish_child
from training.models import LearningProgress
from training.services import progress_mark_complete

pytestmark = pytest.mark.django_db


def test_a_newly_published_lesson_appears_in_a_warm_outline(trainee_client, course):
    assert trainee_client.get(course.url).status_code == 200  # outline now cached
    module = lessons_of(course)[0].get_parent()
    publish_child(module, LessonPage(title="Brand new lesson", slug="brand-new"))
    html = trainee_client.get(course.url).content.decode()
    assert "Brand new lesson" in html
    assert "0 of 5 done" in html


def test_a_renamed_lesson_shows_its_new_title_everywhere(trainee_client, course):
    lesson = lessons_of(course)[1]
    trainee_client.get(lessons_of(course)[0].url)
    lesson.title = "Hospitality first"
    lesson.save_revision().publish()
    assert "Hospitality first" in trainee_client.get(lessons_of(course)[0].url).content.decode()


def test_a_cached_route_stops_serving_an_unpublished_page(trainee_client, course):
    lesson = lessons_of(course)[0]
    url = lesson.url
    assert trainee_client.get(url).status_code == 200  # route now cached
    lesson.unpublish()
    assert trainee_client.get(url).status_code == 404


def test_a_cached_route_follows_a_changed_slug(trainee_client, course):
    lesson = lessons_of(course)[0]
    old_url = lesson.url
    assert trainee_client.get(old_url).status_code == 200
    lesson.slug = "renamed"
    lesson.save_revision().publish()
    lesson.refresh_from_db()
    assert trainee_client.get(old_url).status_code == 404
    assert trainee_client.get(lesson.url).status_code == 200


def test_a_cached_route_follows_a_moved_page(trainee_client, course):
    lessons = lessons_of(course)
    old_url = lessons[0].url
    assert trainee_client.get(old_url).status_code == 200
    other_module = lessons[-1].get_parent()
    lessons[0].move(other_module, pos="last-child")
    moved = LessonPage.objects.get(pk=lessons[0].pk)
    old = trainee_client.get(old_url)
    assert old.status_code in (301, 404)  # Wagtail may leave a redirect behind
    if old.status_code == 301:
        assert old["Location"] == moved.url
    assert trainee_client.get(moved.url).status_code == 200


def test_progress_shown_is_each_trainees_own_despite_shared_caches(client, course):
    first, second = UserFactory(), UserFactory()
    lesson = lessons_of(course)[0]
    progress_mark_complete(user=first, page=lesson)
    client.force_login(first)
    assert "1 of 4 done" in client.get(lesson.url).content.decode()
    client.force_login(second)
    html = client.get(lesson.url).content.decode()
    assert "0 of 4 done" in html
    assert "data-complete-form" in html  # still offered "Mark as done"


def test_repeat_visits_refresh_the_visit_date_at_most_every_few_minutes(trainee_client, trainee, course):
    lesson = lessons_of(course)[0]
    trainee_client.get(lesson.url)
    first = LearningProgress.objects.get(user=trainee, page=lesson).last_visited_at
    trainee_client.get(lesson.url)
    assert LearningProgress.objects.get(user=trainee, page=lesson).last_visited_at == first
    LearningProgress.objects.filter(user=trainee, page=lesson).update(
        last_visited_at=timezone.now() - timedelta(minutes=6)
    )
    trainee_client.get(lesson.url)
    assert LearningProgress.objects.get(user=trainee, page=lesson).last_visited_at > first


def test_dashboard_continue_follows_the_most_recent_visit(trainee_client, trainee, course):
    lessons = lessons_of(course)
    trainee_client.get(lessons[2].url)
    html = trainee_client.get(reverse("training:dashboard")).content.decode()
    assert f'href="{lessons[2].url}"' in html


def test_privacy_settings_added_later_are_enforced_despite_the_cache(trainee_client, course):
    from django.contrib.auth.models import Group

    from wagtail.models import PageViewRestriction

    lesson = lessons_of(course)[0]
    assert trainee_client.get(lesson.url).status_code == 200  # "no restrictions anywhere" now cached
    restriction = PageViewRestriction.objects.create(page=course, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(Group.objects.get(name="Trainers"))
    assert trainee_client.get(lesson.url).status_code in (302, 403)
    restriction.delete()
    assert trainee_client.get(lesson.url).status_code == 200
