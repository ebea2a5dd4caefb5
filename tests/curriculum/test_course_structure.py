"""The starter course loads whole: every lesson with a captioned video, transcript, key points
and a reflection; written in person-first language and in our own words."""

import re
from pathlib import Path

import pytest

from curriculum.services import curriculum_install
from curriculum.spec import ASSETS_DIR, CONTENT_DIR, read_course
from home.validators import validate_webvtt_file
from lessons.models import CoursePage, LessonPage, ModulePage
from quizzes.models import QuizPage

SOURCE = Path(__file__).resolve().parents[3] / "shared" / "source" / "hrt-principles.txt"
BANNED = re.compile(r"\b(addicts?|alcoholics?|abusers?|junkies?|clean|dirty)\b", re.IGNORECASE)
MAX_VIDEO_BYTES = 2 * 1024 * 1024


def words(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("\u2019", "'"))


def content_files() -> list[Path]:
    return [
        CONTENT_DIR / "course.toml",
        *sorted((CONTENT_DIR / "lessons").glob("[!_]*.toml")),
        *sorted((CONTENT_DIR / "quizzes").glob("[!_]*.toml")),
    ]


def test_the_course_covers_six_modules_of_two_to_four_lessons():
    spec = read_course()
    assert len(spec.modules) == 6
    for module in spec.modules:
        assert 2 <= len(module.lessons) <= 4, module.slug


@pytest.mark.parametrize("lesson", read_course().lessons, ids=lambda lesson: lesson.slug)
def test_every_lesson_has_a_small_video_valid_captions_and_a_poster(lesson):
    video = ASSETS_DIR / f"{lesson.slug}.mp4"
    captions = ASSETS_DIR / f"{lesson.slug}.en.vtt"
    assert video.exists() and 0 < video.stat().st_size < MAX_VIDEO_BYTES
    assert (ASSETS_DIR / f"{lesson.slug}.poster.png").exists()
    with captions.open("rb") as handle:
        validate_webvtt_file(handle)
    assert lesson.key_points and lesson.reflection_prompt and lesson.transcript


@pytest.mark.django_db
def test_installing_the_course_builds_every_lesson_with_video_captions_and_transcript():
    spec = read_course()
    report = curriculum_install(spec=spec)
    assert report.warnings == []
    course = CoursePage.objects.get(slug=spec.slug)
    assert [m.title for m in ModulePage.objects.child_of(course).order_by("path")] == [m.title for m in spec.modules]
    lessons = LessonPage.objects.live().descendant_of(course)
    assert lessons.count() == len(spec.lessons)
    for lesson in lessons:
        kinds = [block.block_type for block in lesson.body]
        assert {"hosted_video", "transcript", "key_point", "reflection"} <= set(kinds), lesson.slug
        video = next(block.value for block in lesson.body if block.block_type == "hosted_video")
        assert video["captions"] and video["poster"] is not None
    assert curriculum_install(spec=spec).created == []  # a second run changes nothing


def test_person_first_language_throughout():
    for path in content_files():
        if path.stem == "person-first-language":
            continue  # the lesson that names the labels we do not use, once each, in quotes
        hits = BANNED.findall(path.read_text(encoding="utf-8"))
        assert not hits, f"{path.name}: {hits}"


@pytest.mark.skipif(not SOURCE.exists(), reason="the shared source text is not beside this checkout")
def test_no_run_of_eight_words_is_copied_from_the_source():
    source = words(SOURCE.read_text(encoding="utf-8"))
    motto = words("come as you are take what you need leave when you're ready")
    in_motto = set()
    for i in range(len(source) - len(motto) + 1):
        if source[i : i + len(motto)] == motto:
            in_motto.update(range(i, i + len(motto)))
    runs = {" ".join(source[i : i + 8]) for i in range(len(source) - 7) if not set(range(i, i + 8)) <= in_motto}
    # Captions too: they join one slide's narration to the next, which can make a run the
    # lesson file itself does not have.
    for path in [*content_files(), *sorted(ASSETS_DIR.glob("*.vtt"))]:
        text = words(path.read_text(encoding="utf-8"))
        copied = [" ".join(text[i : i + 8]) for i in range(len(text) - 7) if " ".join(text[i : i + 8]) in runs]
        assert not copied, f"{path.name} copies: {copied[:3]}"


def test_each_module_has_a_check_quiz_and_the_last_ends_with_a_sign_off():
    spec = read_course()
    for module in spec.modules:
        assert any(quiz.kind == "check" for quiz in module.quizzes), module.slug
    assert spec.modules[-1].quizzes[-1].kind == "signoff"
    assert [q.kind for q in spec.quizzes].count("signoff") == 1


@pytest.mark.parametrize("quiz", read_course().quizzes, ids=lambda quiz: quiz.slug)
def test_every_quiz_answer_explains_itself(quiz):
    assert quiz.questions
    for question in quiz.questions:
        if question.type == "true_false":
            assert question.feedback_true and question.feedback_false
        else:
            assert 2 <= len(question.choices) <= 8
            assert all(choice.feedback.strip() for choice in question.choices), question.prompt
            right = sum(choice.correct for choice in question.choices)
            assert right >= 1 if question.multiple else right == 1, question.prompt


@pytest.mark.django_db
def test_installing_the_course_adds_each_modules_quizzes_after_its_lessons():
    spec = read_course()
    curriculum_install(spec=spec)
    course = CoursePage.objects.get(slug=spec.slug)
    for module_spec, module in zip(spec.modules, ModulePage.objects.child_of(course).order_by("path"), strict=True):
        children = [page.specific for page in module.get_children().live().order_by("path")]
        lessons, quizzes = children[: len(module_spec.lessons)], children[len(module_spec.lessons) :]
        assert all(isinstance(page, LessonPage) for page in lessons)
        assert [q.slug for q in quizzes] == [q.slug for q in module_spec.quizzes]
        for quiz, quiz_spec in zip(quizzes, module_spec.quizzes, strict=True):
            assert isinstance(quiz, QuizPage)
            assert quiz.kind == quiz_spec.kind
            snapshot = quiz.build_snapshot(seed=0)
            assert len(snapshot) == len(quiz_spec.questions)
            assert all(choice["feedback"] for question in snapshot for choice in question["choices"])
    signoff = QuizPage.objects.descendant_of(course).get(slug="signoff-foundations")
    assert signoff.pass_mark == 80
    report = curriculum_install(spec=spec)
    assert report.created == []
    assert QuizPage.objects.descendant_of(course).count() == len(spec.quizzes)
