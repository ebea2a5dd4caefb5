"""The shorter path for partner clinics: chosen lessons of the full course, installed as
aliases so a trainer edits each lesson once."""

import pytest

from curriculum.services import curriculum_install
from curriculum.spec import CONTENT_DIR, SpecError, read_course
from lessons.models import CoursePage, LessonPage, ModulePage
from lessons.rendering import render_body_segments
from quizzes.models import QuizPage

pytestmark = pytest.mark.django_db


def _variant():
    spec = read_course()
    (variant,) = spec.variants
    return spec, variant


def test_the_essentials_take_one_core_lesson_per_module_and_the_same_sign_off():
    spec, variant = _variant()
    full_lessons = sum(len(module.lessons) for module in spec.modules)
    short_lessons = sum(len(module.lessons) for module in variant.modules)
    assert [module.module for module in variant.modules] == [module.slug for module in spec.modules]
    assert short_lessons < full_lessons / 2
    assert variant.modules[-1].quizzes == ("signoff-foundations",)
    assert variant.estimated_minutes < spec.estimated_minutes


def test_installing_builds_the_shorter_course_from_aliases_of_the_full_course():
    spec, variant = _variant()
    report = curriculum_install(spec=spec)
    assert report.warnings == []
    full = CoursePage.objects.get(slug=spec.slug)
    short = CoursePage.objects.get(slug=variant.slug)
    assert short.live and short.title == variant.title
    modules = list(ModulePage.objects.child_of(short).order_by("path"))
    assert [m.slug for m in modules] == [m.module for m in variant.modules]
    for module, module_spec in zip(modules, variant.modules, strict=True):
        children = [page.specific for page in module.get_children().live().order_by("path")]
        assert [page.slug for page in children] == [*module_spec.lessons, *module_spec.quizzes]
        for page in children:
            original = page.alias_of.specific
            assert original.is_descendant_of(full)
            assert page.title == original.title
    assert LessonPage.objects.descendant_of(short).count() == sum(len(m.lessons) for m in variant.modules)
    assert QuizPage.objects.descendant_of(short).get().kind == "signoff"
    assert curriculum_install(spec=spec).created == []  # a second run changes nothing


def test_editing_a_lesson_in_the_full_course_changes_it_in_the_essentials_too(rf):
    spec, variant = _variant()
    curriculum_install(spec=spec)
    short = CoursePage.objects.get(slug=variant.slug)
    alias = LessonPage.objects.descendant_of(short).first()
    render_body_segments(alias)  # cache what it says now
    original = alias.alias_of.specific
    original.body = [{"type": "text", "value": "<p>A trainer rewrote this lesson.</p>"}, *original.body.raw_data]
    original.save_revision().publish()
    alias = LessonPage.objects.get(pk=alias.pk)
    html = "".join(segment.html for segment in render_body_segments(alias) if segment.html)
    assert "A trainer rewrote this lesson." in html


def test_a_variant_naming_a_lesson_of_another_module_is_refused(tmp_path):
    for part in ("course.toml",):
        (tmp_path / part).write_text((CONTENT_DIR / part).read_text(encoding="utf-8"), encoding="utf-8")
    for folder in ("lessons", "quizzes"):
        (tmp_path / folder).symlink_to(CONTENT_DIR / folder)
    (tmp_path / "variants").mkdir()
    (tmp_path / "variants" / "short.toml").write_text(
        'title = "Short"\nslug = "short"\nsummary = "S"\n'
        '[[modules]]\nmodule = "what-harm-reduction-is"\nlessons = ["person-first-language"]\n',
        encoding="utf-8",
    )
    with pytest.raises(SpecError, match="person-first-language not in module 'what-harm-reduction-is'"):
        read_course(tmp_path)


def test_a_partner_trainee_takes_the_essentials_to_the_end_through_the_site(
    trainee_client, trainee, django_capture_on_commit_callbacks
):
    from django.urls import reverse

    from certificates.models import Certificate
    from quizzes.models import QuizAttempt
    from tests.factories import right_answers
    from tests.quizzes.conftest import form_answers
    from training.selectors import course_progress

    spec, variant = _variant()
    curriculum_install(spec=spec)
    short = CoursePage.objects.get(slug=variant.slug)
    for lesson in LessonPage.objects.live().descendant_of(short).order_by("path"):
        assert trainee_client.get(lesson.url).status_code == 200
        assert trainee_client.post(reverse("training:mark_complete", args=[lesson.pk])).status_code == 302
    signoff = QuizPage.objects.live().descendant_of(short).get()
    assert trainee_client.get(signoff.url).status_code == 200
    assert trainee_client.post(reverse("quizzes:start", args=[signoff.pk])).status_code == 302
    attempt = QuizAttempt.objects.get(user=trainee, quiz=signoff)
    with django_capture_on_commit_callbacks(execute=True):
        response = trainee_client.post(
            reverse("quizzes:submit", args=[attempt.pk]), form_answers(right_answers(attempt.questions))
        )
    assert response.status_code in (200, 302)
    assert course_progress(user=trainee, course=short).is_complete
    assert Certificate.objects.get(user=trainee).course_id == short.pk
    # The full course's own pages are untouched: its progress is its own.
    full = CoursePage.objects.get(slug=spec.slug)
    assert not course_progress(user=trainee, course=full).is_started
