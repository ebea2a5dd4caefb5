"""Reading the curriculum's content files into plain data. Pure: no database."""

import tomllib
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

CONTENT_DIR = Path(__file__).resolve().parent / "content"
ASSETS_DIR = Path(__file__).resolve().parent / "assets"


class SpecError(ValueError):
    """A content file is missing something or has the wrong shape."""


@dataclass(frozen=True)
class Slide:
    heading: str
    narration: str
    bullets: tuple[str, ...] = ()


@dataclass(frozen=True)
class LessonSpec:
    slug: str
    title: str
    summary: str
    estimated_minutes: int
    intro: str
    key_points: tuple[str, ...]
    reflection_prompt: str
    reflection_guidance: str
    slides: tuple[Slide, ...]
    example_embed: dict | None = None

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.intro.strip().split("\n\n") if p.strip()]

    @property
    def transcript(self) -> list[str]:
        return [" ".join(slide.narration.split()) for slide in self.slides]


@dataclass(frozen=True)
class ChoiceSpec:
    text: str
    correct: bool
    feedback: str


@dataclass(frozen=True)
class QuestionSpec:
    type: str  # single | multiple | true_false | scenario
    prompt: str
    case: str = ""
    multiple: bool = False  # scenario questions with several right choices
    answer: bool = False  # true_false: whether the statement is true
    feedback_true: str = ""
    feedback_false: str = ""
    choices: tuple[ChoiceSpec, ...] = ()


@dataclass(frozen=True)
class QuizSpec:
    slug: str
    title: str
    kind: str  # check | signoff
    intro: str
    questions: tuple[QuestionSpec, ...]
    pass_mark: int = 80

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.intro.strip().split("\n\n") if p.strip()]


@dataclass(frozen=True)
class ModuleSpec:
    slug: str
    title: str
    summary: str
    lessons: tuple[LessonSpec, ...]
    quizzes: tuple[QuizSpec, ...] = ()


@dataclass(frozen=True)
class VariantModuleSpec:
    """One module of a shorter variant: some lessons and quizzes of a module of the full course."""

    module: str  # the slug of the full course's module
    lessons: tuple[str, ...]
    quizzes: tuple[str, ...] = ()


@dataclass(frozen=True)
class VariantSpec:
    """A shorter course made of chosen lessons and quizzes of the full course.

    Its lessons and quizzes are installed as Wagtail aliases of the full course's pages, so a
    trainer edits each lesson once and both courses show the change."""

    slug: str
    title: str
    summary: str
    audience: str
    estimated_minutes: int
    outcomes: tuple[str, ...]
    modules: tuple[VariantModuleSpec, ...]
    ce_hours: Decimal | None = None
    certificate_valid_months: int | None = None


@dataclass(frozen=True)
class CourseSpec:
    slug: str
    title: str
    summary: str
    audience: str
    estimated_minutes: int
    lessons_in_order: bool
    outcomes: tuple[str, ...]
    modules: tuple[ModuleSpec, ...] = field(default_factory=tuple)
    variants: tuple[VariantSpec, ...] = ()
    ce_hours: Decimal | None = None  # continuing-education hours printed on the certificate
    certificate_valid_months: int | None = None  # None: the certificate never expires

    @property
    def lessons(self) -> list[LessonSpec]:
        return [lesson for module in self.modules for lesson in module.lessons]

    @property
    def quizzes(self) -> list[QuizSpec]:
        return [quiz for module in self.modules for quiz in module.quizzes]


def _require(data: dict, key: str, where: str):
    if key not in data or data[key] in ("", None, []):
        raise SpecError(f"{where}: '{key}' is missing")
    return data[key]


def read_lesson(path: Path) -> LessonSpec:
    where = path.name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    reflection = _require(data, "reflection", where)
    slides = tuple(
        Slide(
            heading=_require(slide, "heading", f"{where} slide {n}"),
            narration=" ".join(_require(slide, "narration", f"{where} slide {n}").split()),
            bullets=tuple(slide.get("bullets", ())),
        )
        for n, slide in enumerate(_require(data, "slides", where), start=1)
    )
    slug = _require(data, "slug", where)
    if slug != path.stem:
        raise SpecError(f"{where}: slug '{slug}' does not match the file name")
    return LessonSpec(
        slug=slug,
        title=_require(data, "title", where),
        summary=_require(data, "summary", where),
        estimated_minutes=int(data.get("estimated_minutes", 5)),
        intro=_require(data, "intro", where),
        key_points=tuple(_require(data, "key_points", where)),
        reflection_prompt=_require(reflection, "prompt", f"{where} reflection"),
        reflection_guidance=reflection.get("guidance", ""),
        slides=slides,
        example_embed=data.get("example_embed"),
    )


QUESTION_TYPES = ("single", "multiple", "true_false", "scenario")
QUIZ_KINDS = ("check", "signoff")


def _read_question(data: dict, where: str) -> QuestionSpec:
    kind = _require(data, "type", where)
    if kind not in QUESTION_TYPES:
        raise SpecError(f"{where}: type '{kind}' is not one of {', '.join(QUESTION_TYPES)}")
    prompt = _require(data, "prompt", where)
    if kind == "true_false":
        if not isinstance(data.get("answer"), bool):
            raise SpecError(f"{where}: 'answer' must be true or false")
        return QuestionSpec(
            type=kind,
            prompt=prompt,
            answer=data["answer"],
            feedback_true=_require(data, "feedback_true", where),
            feedback_false=_require(data, "feedback_false", where),
        )
    choices = tuple(
        ChoiceSpec(
            text=_require(choice, "text", f"{where} choice {n}"),
            correct=bool(choice.get("correct", False)),
            feedback=_require(choice, "feedback", f"{where} choice {n}"),
        )
        for n, choice in enumerate(_require(data, "choices", where), start=1)
    )
    several = kind == "multiple" or (kind == "scenario" and bool(data.get("multiple", False)))
    right = sum(1 for choice in choices if choice.correct)
    if not 2 <= len(choices) <= 8:
        raise SpecError(f"{where}: a question needs two to eight choices")
    if (several and right < 1) or (not several and right != 1):
        raise SpecError(f"{where}: {'at least one' if several else 'exactly one'} choice must be correct")
    return QuestionSpec(
        type=kind,
        prompt=prompt,
        case=_require(data, "case", where) if kind == "scenario" else "",
        multiple=several,
        choices=choices,
    )


def read_quiz(path: Path) -> QuizSpec:
    where = path.name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    slug = _require(data, "slug", where)
    if slug != path.stem:
        raise SpecError(f"{where}: slug '{slug}' does not match the file name")
    kind = data.get("kind", "check")
    if kind not in QUIZ_KINDS:
        raise SpecError(f"{where}: kind '{kind}' is not one of {', '.join(QUIZ_KINDS)}")
    pass_mark = int(data.get("pass_mark", 80))
    if not 1 <= pass_mark <= 100:
        raise SpecError(f"{where}: pass_mark must be a percentage from 1 to 100")
    return QuizSpec(
        slug=slug,
        title=_require(data, "title", where),
        kind=kind,
        intro=data.get("intro", ""),
        pass_mark=pass_mark,
        questions=tuple(
            _read_question(question, f"{where} question {n}")
            for n, question in enumerate(_require(data, "questions", where), start=1)
        ),
    )


def read_course(content_dir: Path = CONTENT_DIR) -> CourseSpec:
    data = tomllib.loads((content_dir / "course.toml").read_text(encoding="utf-8"))
    modules = []
    for module in _require(data, "modules", "course.toml"):
        where = f"course.toml module '{module.get('slug', '?')}'"
        lessons = []
        for slug in _require(module, "lessons", where):
            path = content_dir / "lessons" / f"{slug}.toml"
            if not path.exists():
                raise SpecError(f"{where}: lesson file lessons/{slug}.toml does not exist")
            lessons.append(read_lesson(path))
        quizzes = []
        for slug in module.get("quizzes", ()):
            path = content_dir / "quizzes" / f"{slug}.toml"
            if not path.exists():
                raise SpecError(f"{where}: quiz file quizzes/{slug}.toml does not exist")
            quizzes.append(read_quiz(path))
        modules.append(
            ModuleSpec(
                slug=_require(module, "slug", where),
                title=_require(module, "title", where),
                summary=module.get("summary", ""),
                lessons=tuple(lessons),
                quizzes=tuple(quizzes),
            )
        )
    variants = tuple(_read_variant(path, modules) for path in sorted((content_dir / "variants").glob("[!_]*.toml")))
    return CourseSpec(
        slug=_require(data, "slug", "course.toml"),
        title=_require(data, "title", "course.toml"),
        summary=_require(data, "summary", "course.toml"),
        audience=data.get("audience", ""),
        estimated_minutes=int(data.get("estimated_minutes", 60)),
        lessons_in_order=bool(data.get("lessons_in_order", False)),
        outcomes=tuple(data.get("outcomes", ())),
        modules=tuple(modules),
        variants=variants,
        ce_hours=_hours(data.get("ce_hours")),
        certificate_valid_months=int(data["certificate_valid_months"]) if "certificate_valid_months" in data else None,
    )


def _read_variant(path: Path, modules: list[ModuleSpec]) -> VariantSpec:
    where = path.name
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    slug = _require(data, "slug", where)
    if slug != path.stem:
        raise SpecError(f"{where}: slug '{slug}' does not match the file name")
    by_slug = {module.slug: module for module in modules}
    chosen = []
    for entry in _require(data, "modules", where):
        module = by_slug.get(_require(entry, "module", f"{where} module"))
        if module is None:
            raise SpecError(f"{where}: module '{entry['module']}' is not a module of the course")
        lessons = tuple(_require(entry, "lessons", f"{where} module '{module.slug}'"))
        quizzes = tuple(entry.get("quizzes", ()))
        unknown = (set(lessons) - {lesson.slug for lesson in module.lessons}) | (
            set(quizzes) - {quiz.slug for quiz in module.quizzes}
        )
        if unknown:
            raise SpecError(f"{where}: {', '.join(sorted(unknown))} not in module '{module.slug}'")
        chosen.append(VariantModuleSpec(module=module.slug, lessons=lessons, quizzes=quizzes))
    return VariantSpec(
        slug=slug,
        title=_require(data, "title", where),
        summary=_require(data, "summary", where),
        audience=data.get("audience", ""),
        estimated_minutes=int(data.get("estimated_minutes", 30)),
        outcomes=tuple(data.get("outcomes", ())),
        modules=tuple(chosen),
        ce_hours=_hours(data.get("ce_hours")),
        certificate_valid_months=int(data["certificate_valid_months"]) if "certificate_valid_months" in data else None,
    )


def _hours(value) -> Decimal | None:
    if value is None:
        return None
    try:
        hours = Decimal(str(value))
    except InvalidOperation:
        raise SpecError(f"course.toml: ce_hours '{value}' is not a number") from None
    if hours <= 0:
        raise SpecError("course.toml: ce_hours must be more than zero")
    return hours
