"""Installing the starter curriculum into the CMS. Idempotent: what exists is left alone,
so running it again changes nothing, and trainers' later edits are never overwritten."""

from dataclasses import dataclass, field
from html import escape
from pathlib import Path

from django.core.files import File
from django.db import transaction

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page

from home.content_version import content_changed
from home.setup import site_ensure_home_page
from lessons.models import CourseIndexPage, CoursePage, LessonPage, ModulePage
from quizzes.models import QuizPage

from .spec import ASSETS_DIR, CourseSpec, LessonSpec, QuestionSpec, QuizSpec, VariantSpec

COLLECTION_NAME = "Starter curriculum"


@dataclass
class InstallReport:
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _collection() -> Collection:
    existing = Collection.objects.filter(name=COLLECTION_NAME).first()
    if existing:
        return existing
    return Collection.get_first_root_node().add_child(name=COLLECTION_NAME)


def _document(path: Path, title: str, collection: Collection):
    Document = get_document_model()
    document = Document.objects.filter(title=title, collection=collection).first()
    if document is None:
        with path.open("rb") as handle:
            document = Document(title=title, collection=collection)
            document.file.save(path.name, File(handle), save=False)
            document.save()
    return document


def _image(path: Path, title: str, collection: Collection):
    Image = get_image_model()
    image = Image.objects.filter(title=title, collection=collection).first()
    if image is None:
        with path.open("rb") as handle:
            image = Image(title=title, collection=collection)
            image.file.save(path.name, File(handle), save=False)
            image.save()
    return image


def _paragraphs(texts) -> str:
    return "".join(f"<p>{escape(text)}</p>" for text in texts)


def lesson_body(lesson: LessonSpec, *, assets_dir: Path, collection: Collection, report: InstallReport) -> list:
    """The StreamField content of one lesson, built from its content file and media."""
    body = []
    video = assets_dir / f"{lesson.slug}.mp4"
    captions = assets_dir / f"{lesson.slug}.en.vtt"
    poster = assets_dir / f"{lesson.slug}.poster.png"
    if video.exists() and captions.exists():
        body.append(
            (
                "hosted_video",
                {
                    "title": lesson.title,
                    "video": _document(video, f"Video: {lesson.title}", collection),
                    "poster": _image(poster, f"Poster: {lesson.title}", collection) if poster.exists() else None,
                    "captions": [
                        {
                            "file": _document(captions, f"Captions (English): {lesson.title}", collection),
                            "language": "en",
                            "label": "English",
                        }
                    ],
                },
            )
        )
    else:
        report.warnings.append(f"{lesson.slug}: no video or captions in {assets_dir}; run python -m curriculum.media")
    if lesson.example_embed:
        body.append(("embedded_video", dict(lesson.example_embed)))
    body.append(("text", _paragraphs(lesson.paragraphs)))
    items = "".join(f"<li>{escape(point)}</li>" for point in lesson.key_points)
    body.append(("key_point", {"heading": "Key points", "text": f"<ul>{items}</ul>"}))
    body.append(("transcript", {"heading": "Transcript of the video", "text": _paragraphs(lesson.transcript)}))
    body.append(("reflection", {"prompt": lesson.reflection_prompt, "guidance": lesson.reflection_guidance}))
    return body


def _choices(question: QuestionSpec) -> list[dict]:
    return [{"text": c.text, "correct": c.correct, "feedback": c.feedback} for c in question.choices]


def quiz_questions(quiz: QuizSpec) -> list:
    """The StreamField content of one quiz, built from its content file."""
    blocks = []
    for question in quiz.questions:
        if question.type == "true_false":
            value = {
                "prompt": question.prompt,
                "answer": question.answer,
                "feedback_true": question.feedback_true,
                "feedback_false": question.feedback_false,
            }
            blocks.append(("true_false", value))
        elif question.type == "scenario":
            value = {
                "case": question.case,
                "prompt": question.prompt,
                "multiple": question.multiple,
                "choices": _choices(question),
            }
            blocks.append(("scenario", value))
        else:
            block_type = "multiple_select" if question.type == "multiple" else "single_choice"
            blocks.append((block_type, {"prompt": question.prompt, "choices": _choices(question)}))
    return blocks


def _publish_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def _course_page(catalogue, spec: CourseSpec | VariantSpec, *, lessons_in_order: bool, report) -> CoursePage:
    course = CoursePage.objects.child_of(catalogue).filter(slug=spec.slug).first()
    if course is not None:
        report.existing.append(f"course: {spec.title}")
        return course
    report.created.append(f"course: {spec.title}")
    return _publish_child(
        catalogue,
        CoursePage(
            title=spec.title,
            slug=spec.slug,
            summary=spec.summary,
            audience=spec.audience,
            estimated_minutes=spec.estimated_minutes,
            lessons_in_order=lessons_in_order,
            ce_hours=spec.ce_hours,
            certificate_valid_months=spec.certificate_valid_months,
            learning_outcomes=[("outcome", outcome) for outcome in spec.outcomes],
        ),
    )


@transaction.atomic
def curriculum_install(*, spec: CourseSpec, assets_dir: Path = ASSETS_DIR) -> InstallReport:
    """Create the course, its modules, lessons and quizzes where they do not exist yet."""
    report = InstallReport()
    home = site_ensure_home_page()
    catalogue = CourseIndexPage.objects.child_of(home).first()
    if catalogue is None:
        catalogue = _publish_child(
            home,
            CourseIndexPage(
                title="Courses", slug="courses", intro="<p>Every course here can be taken at your own pace.</p>"
            ),
        )
        report.created.append("catalogue: Courses")

    course = _course_page(catalogue, spec, lessons_in_order=spec.lessons_in_order, report=report)

    collection = _collection()
    for module_spec in spec.modules:
        module = ModulePage.objects.child_of(course).filter(slug=module_spec.slug).first()
        if module is None:
            module = _publish_child(
                course, ModulePage(title=module_spec.title, slug=module_spec.slug, summary=module_spec.summary)
            )
            report.created.append(f"module: {module_spec.title}")
        else:
            report.existing.append(f"module: {module_spec.title}")
        for lesson_spec in module_spec.lessons:
            if LessonPage.objects.child_of(module).filter(slug=lesson_spec.slug).exists():
                report.existing.append(f"lesson: {lesson_spec.title}")
                continue
            _publish_child(
                module,
                LessonPage(
                    title=lesson_spec.title,
                    slug=lesson_spec.slug,
                    summary=lesson_spec.summary[:255],
                    estimated_minutes=lesson_spec.estimated_minutes,
                    body=lesson_body(lesson_spec, assets_dir=assets_dir, collection=collection, report=report),
                ),
            )
            report.created.append(f"lesson: {lesson_spec.title}")
        # Quizzes come after the module's lessons, in the order course.toml lists them.
        for quiz_spec in module_spec.quizzes:
            if QuizPage.objects.child_of(module).filter(slug=quiz_spec.slug).exists():
                report.existing.append(f"quiz: {quiz_spec.title}")
                continue
            _publish_child(
                module,
                QuizPage(
                    title=quiz_spec.title,
                    slug=quiz_spec.slug,
                    kind=quiz_spec.kind,
                    intro=_paragraphs(quiz_spec.paragraphs),
                    pass_mark=quiz_spec.pass_mark,
                    questions=quiz_questions(quiz_spec),
                ),
            )
            report.created.append(f"quiz: {quiz_spec.title}")
    for variant in spec.variants:
        _install_variant(variant=variant, course=course, catalogue=catalogue, report=report)
    if report.created:
        content_changed()  # aliases are created without a publish signal
    return report


def _install_variant(*, variant: VariantSpec, course: CoursePage, catalogue: CourseIndexPage, report) -> None:
    """A shorter course whose lessons and quizzes are aliases of the full course's pages."""
    page = _course_page(catalogue, variant, lessons_in_order=course.lessons_in_order, report=report)
    for module_spec in variant.modules:
        original_module = ModulePage.objects.child_of(course).filter(slug=module_spec.module).first()
        if original_module is None:
            report.warnings.append(f"{variant.slug}: the module '{module_spec.module}' is not in {course.title}")
            continue
        module = ModulePage.objects.child_of(page).filter(slug=original_module.slug).first()
        if module is None:
            module = _publish_child(
                page,
                ModulePage(title=original_module.title, slug=original_module.slug, summary=original_module.summary),
            )
            report.created.append(f"module: {variant.title} / {module.title}")
        for slug in (*module_spec.lessons, *module_spec.quizzes):
            if Page.objects.child_of(module).filter(slug=slug).exists():
                report.existing.append(f"alias: {variant.title} / {slug}")
                continue
            original = Page.objects.child_of(original_module).filter(slug=slug).first()
            if original is None:
                report.warnings.append(f"{variant.slug}: '{slug}' is not in the module '{original_module.title}'")
                continue
            original.specific.create_alias(parent=module, update_slug=slug)
            report.created.append(f"alias: {variant.title} / {original.title}")
