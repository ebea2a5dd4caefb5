"""Reading the curriculum's content files into plain data. Pure: no database."""

import tomllib
from dataclasses import dataclass, field
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
class ModuleSpec:
    slug: str
    title: str
    summary: str
    lessons: tuple[LessonSpec, ...]


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

    @property
    def lessons(self) -> list[LessonSpec]:
        return [lesson for module in self.modules for lesson in module.lessons]


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
        modules.append(
            ModuleSpec(
                slug=_require(module, "slug", where),
                title=_require(module, "title", where),
                summary=module.get("summary", ""),
                lessons=tuple(lessons),
            )
        )
    return CourseSpec(
        slug=_require(data, "slug", "course.toml"),
        title=_require(data, "title", "course.toml"),
        summary=_require(data, "summary", "course.toml"),
        audience=data.get("audience", ""),
        estimated_minutes=int(data.get("estimated_minutes", 60)),
        lessons_in_order=bool(data.get("lessons_in_order", False)),
        outcomes=tuple(data.get("outcomes", ())),
        modules=tuple(modules),
    )
