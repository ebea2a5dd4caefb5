"""Build each lesson's narrated slide video, captions and poster from its content file.

Usage::

    python -m curriculum.media              # every lessons/*.toml whose outputs are missing or stale
    python -m curriculum.media SLUG ...     # only these lessons
    python -m curriculum.media --force ...  # rebuild even if the outputs are newer than the lesson file

For every ``curriculum/content/lessons/<slug>.toml`` it writes, in ``curriculum/assets/``:

- ``<slug>.mp4``: one 1280x720 slide per ``[[slides]]`` entry (scaled to the video size), narrated by
  espeak-ng, encoded with ffmpeg (H.264 + AAC, fast start, a keyframe at least every two seconds);
- ``<slug>.en.vtt``: WebVTT captions, one cue per narrated sentence, timed from the synthesised audio;
- ``<slug>.poster.png``: the first slide, as the video's poster image.

Needs ``ffmpeg``, ``espeak-ng`` and the DejaVu fonts (Debian: ``fonts-dejavu-core``). The outputs are
committed, so only whoever edits a lesson's slides needs these tools. The pure parts (sentence splitting,
caption wrapping, timing and WebVTT rendering) need none of them and are unit-tested.
"""

from __future__ import annotations

import argparse
import array
import functools
import itertools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
import wave
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import webvtt
from PIL import Image, ImageDraw, ImageFont

BASE_DIR = Path(__file__).resolve().parent
LESSONS_DIR = BASE_DIR / "content" / "lessons"
ASSETS_DIR = BASE_DIR / "assets"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = "DejaVuSans.ttf"
FONT_BOLD = "DejaVuSans-Bold.ttf"

# Slide design, in slide pixels (SLIDE_SIZE); frames are scaled down to VIDEO_SIZE with Lanczos.
SLIDE_SIZE = (1280, 720)
VIDEO_SIZE = (960, 540)
POSTER_SIZE = (960, 540)
MARGIN_X = 96
TEXT_WIDTH = SLIDE_SIZE[0] - 2 * MARGIN_X
CONTENT_TOP = 170
CONTENT_BOTTOM = SLIDE_SIZE[1] - 90
HEADING_SIZES = (64, 60, 56, 52, 48, 44)
BULLET_SIZES = (38, 36, 34, 32, 30, 28)
HEADING_GAP = 44
BULLET_GAP = 22
BULLET_INDENT = 44
BULLET_DOT_RADIUS = 8
MAX_BULLETS = 3
BACKGROUND = "#0f5f5c"
HEADING_COLOUR = "#ffffff"
BULLET_COLOUR = "#e8f5f2"
MUTED_COLOUR = "#bfe3de"
ACCENT_COLOUR = "#f4c95d"

# Narration and timing, in seconds.
VOICE = "en-us"
WORDS_PER_MINUTE = 150
LEAD_IN = 0.5
SENTENCE_GAP = 0.4
SLIDE_GAP = 0.8
TAIL = 1.0
SILENCE_THRESHOLD = 328  # 1% of 16-bit full scale
SILENCE_MARGIN = 0.03

# Captions and encoding.
CAPTION_LINE_CHARS = 42
FPS = 5
KEYFRAME_SECONDS = 2
VIDEO_CRF = 35
AUDIO_BITRATE = "48k"
MAX_VIDEO_BYTES = 2_000_000
MAX_POSTER_BYTES = 150_000

_ABBREVIATIONS = frozenset({"cf", "dr", "e.g", "eg", "i.e", "ie", "mr", "mrs", "ms", "prof", "vs"})
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


class MediaError(RuntimeError):
    """A lesson file, tool or output is not as the media build needs it."""


@dataclass(frozen=True)
class Slide:
    """One slide of a lesson video: what is shown, and what the narrator says."""

    heading: str
    bullets: tuple[str, ...]
    narration: str


@dataclass(frozen=True)
class Lesson:
    """The parts of a lesson file the media build uses."""

    slug: str
    title: str
    slides: tuple[Slide, ...]


@dataclass(frozen=True)
class Cue:
    """A caption: one narrated sentence and when it is spoken."""

    start: float
    end: float
    text: str


@dataclass(frozen=True)
class Timeline:
    """When each sentence is spoken and each slide is shown, for the whole video."""

    cues: tuple[Cue, ...]
    slide_spans: tuple[tuple[float, float], ...]
    duration: float


@dataclass(frozen=True)
class Clip:
    """One synthesised sentence: mono 16-bit samples at ``rate`` Hz."""

    text: str
    samples: array.array
    rate: int

    @property
    def duration(self) -> float:
        """Length of the clip in seconds."""
        return len(self.samples) / self.rate


@dataclass(frozen=True)
class TextBlock:
    """Lines of text wrapped for one font, ready to draw."""

    lines: tuple[str, ...]
    font: ImageFont.FreeTypeFont
    line_height: int

    @property
    def height(self) -> int:
        """Total height of the block in pixels."""
        return len(self.lines) * self.line_height


# --- Pure text and timing -----------------------------------------------------------------------------------


def split_sentences(text: str) -> list[str]:
    """Split narration into sentences, with whitespace (including line breaks) collapsed.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (optionally followed by closing quotes or brackets) when
    the next word starts with a capital letter, a digit or an opening quote. Common abbreviations
    ("e.g.", "Dr."), dotted acronyms ("U.K.") and single initials do not end a sentence.
    """
    flat = " ".join(text.split())
    sentences = []
    start = 0
    for match in _SENTENCE_END.finditer(flat):
        if _is_abbreviation(flat[start : match.start()]):
            continue
        sentences.append(flat[start : match.end()].strip())
        start = match.end()
    if flat[start:].strip():
        sentences.append(flat[start:].strip())
    return sentences


def _is_abbreviation(text_before_stop: str) -> bool:
    """Whether the word just before a full stop is an abbreviation or initial rather than a sentence's end."""
    word = text_before_stop.rsplit(" ", 1)[-1].lstrip("\"'\u201c\u2018([")
    return word.lower() in _ABBREVIATIONS or "." in word or (len(word) == 1 and word.isupper())


def wrap_caption(text: str, width: int = CAPTION_LINE_CHARS) -> list[str]:
    """Lay a caption out on one line, or on two balanced lines when it is longer than ``width`` characters.

    The break goes at the space that makes the longer line as short as possible; on a tie the first line is
    the shorter one. Sentences longer than ``2 * width`` still get two (long) lines: a cue is one sentence.
    """
    flat = " ".join(text.split())
    spaces = [index for index, char in enumerate(flat) if char == " "]
    if len(flat) <= width or not spaces:
        return [flat] if flat else []
    best = min(spaces, key=lambda index: (max(index, len(flat) - index - 1), index))
    return [flat[:best], flat[best + 1 :]]


def format_timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp, ``HH:MM:SS.mmm``, rounded to the millisecond."""
    if seconds < 0:
        raise ValueError(f"negative timestamp: {seconds}")
    millis = round(seconds * 1000)
    hours, millis = divmod(millis, 3_600_000)
    minutes, millis = divmod(millis, 60_000)
    secs, millis = divmod(millis, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def build_timeline(
    slides: Sequence[Sequence[tuple[str, float]]],
    *,
    lead_in: float = LEAD_IN,
    sentence_gap: float = SENTENCE_GAP,
    slide_gap: float = SLIDE_GAP,
    tail: float = TAIL,
) -> Timeline:
    """Place every sentence and slide on one timeline, given each slide's (sentence, duration) pairs.

    The first sentence starts after ``lead_in``; sentences on a slide are ``sentence_gap`` apart and slides
    ``slide_gap`` apart, the slide changing halfway through that pause. The last slide stays ``tail``
    seconds after the last sentence ends.
    """
    if not slides or not all(slides):
        raise ValueError("every slide needs at least one sentence")
    cues: list[Cue] = []
    spans: list[tuple[float, float]] = []
    slide_start, cursor = 0.0, lead_in
    for number, sentences in enumerate(slides, start=1):
        for position, (text, duration) in enumerate(sentences):
            if duration <= 0:
                raise ValueError(f"sentence has no duration: {text!r}")
            cursor += sentence_gap if position else 0.0
            cues.append(Cue(start=cursor, end=cursor + duration, text=text))
            cursor += duration
        slide_end = cursor + (tail if number == len(slides) else slide_gap / 2)
        spans.append((slide_start, slide_end))
        slide_start, cursor = slide_end, cursor + slide_gap
    return Timeline(cues=tuple(cues), slide_spans=tuple(spans), duration=spans[-1][1])


def escape_cue_text(text: str) -> str:
    """Escape the characters WebVTT cue text reserves (``&``, ``<``, ``>``)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_vtt(cues: Sequence[Cue], width: int = CAPTION_LINE_CHARS) -> str:
    """Render cues as a WebVTT file: numbered cues, each caption wrapped onto at most two lines."""
    blocks = ["WEBVTT"]
    for number, cue in enumerate(cues, start=1):
        lines = [escape_cue_text(line) for line in wrap_caption(cue.text, width)]
        blocks.append(
            "\n".join([str(number), f"{format_timestamp(cue.start)} --> {format_timestamp(cue.end)}", *lines])
        )
    return "\n\n".join(blocks) + "\n"


def frame_counts(spans: Sequence[tuple[float, float]], fps: int = FPS) -> list[int]:
    """How many video frames each slide is shown for, rounding slide boundaries without drift."""
    boundaries = [0] + [round(end * fps) for _, end in spans]
    return [max(1, after - before) for before, after in itertools.pairwise(boundaries)]


# --- Lesson files -------------------------------------------------------------------------------------------


def parse_lesson(data: dict, slug: str) -> Lesson:
    """Check and extract the title and slides of a parsed lesson file named ``<slug>.toml``."""
    if data.get("slug") != slug:
        raise MediaError(f"{slug}.toml: slug {data.get('slug')!r} does not match the file name")
    title = data.get("title")
    raw_slides = data.get("slides")
    if not isinstance(title, str) or not title.strip():
        raise MediaError(f"{slug}.toml: 'title' is missing")
    if not isinstance(raw_slides, list) or not raw_slides:
        raise MediaError(f"{slug}.toml: no [[slides]]")
    slides = tuple(_parse_slide(slide, f"{slug}.toml slide {n}") for n, slide in enumerate(raw_slides, start=1))
    return Lesson(slug=slug, title=title.strip(), slides=slides)


def _parse_slide(data: dict, where: str) -> Slide:
    """Check and extract one ``[[slides]]`` table."""
    heading, narration, bullets = data.get("heading"), data.get("narration"), data.get("bullets", [])
    if not isinstance(heading, str) or not heading.strip():
        raise MediaError(f"{where}: 'heading' is missing")
    if not isinstance(narration, str) or not split_sentences(narration):
        raise MediaError(f"{where}: 'narration' is missing")
    if not isinstance(bullets, list) or not all(isinstance(b, str) and b.strip() for b in bullets):
        raise MediaError(f"{where}: 'bullets' must be a list of non-empty strings")
    if len(bullets) > MAX_BULLETS:
        raise MediaError(f"{where}: at most {MAX_BULLETS} bullets fit on a slide, not {len(bullets)}")
    return Slide(heading=heading.strip(), bullets=tuple(b.strip() for b in bullets), narration=narration)


def load_lesson(path: Path) -> Lesson:
    """Read a lesson file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise MediaError(f"{path.name}: not valid TOML: {error}") from error
    return parse_lesson(data, path.stem)


def output_paths(slug: str, assets_dir: Path = ASSETS_DIR) -> dict[str, Path]:
    """Where a lesson's video, captions and poster are written."""
    return {
        "video": assets_dir / f"{slug}.mp4",
        "captions": assets_dir / f"{slug}.en.vtt",
        "poster": assets_dir / f"{slug}.poster.png",
    }


def is_up_to_date(source: Path, outputs: Sequence[Path]) -> bool:
    """Whether every output exists and is newer than the lesson file."""
    source_mtime = source.stat().st_mtime
    return all(path.exists() and path.stat().st_mtime >= source_mtime for path in outputs)


# --- Slides -------------------------------------------------------------------------------------------------


@functools.cache
def load_font(filename: str, size: int) -> ImageFont.FreeTypeFont:
    """Load a DejaVu font at a pixel size."""
    path = FONT_DIR / filename
    if not path.exists():
        raise MediaError(f"font {path} not found: install it with `apt-get install fonts-dejavu-core`")
    return ImageFont.truetype(str(path), size)


def wrap_to_width(text: str, font: ImageFont.FreeTypeFont, max_width: int) -> list[str]:
    """Greedy word wrap to a pixel width (a single over-long word gets a line of its own)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and font.getlength(candidate) > max_width:
            lines.append(current)
            current = word
        else:
            current = candidate
    return [*lines, current] if current else lines


def fit_text(
    text: str, filename: str, sizes: Sequence[int], max_width: int, max_lines: int, spacing: float
) -> TextBlock:
    """Wrap text at the largest of ``sizes`` that needs at most ``max_lines`` lines (else the smallest size)."""
    for size in sizes:
        font = load_font(filename, size)
        lines = wrap_to_width(text, font, max_width)
        if len(lines) <= max_lines:
            break
    return TextBlock(lines=tuple(lines), font=font, line_height=round(size * spacing))


def fit_bullets(bullets: Sequence[str], max_width: int, max_height: int) -> list[TextBlock]:
    """Wrap all bullets at one common size, the largest whose blocks fit in ``max_height``."""
    for size in BULLET_SIZES:
        blocks = [fit_text(bullet, FONT_REGULAR, (size,), max_width, 99, 1.3) for bullet in bullets]
        if sum(block.height for block in blocks) + BULLET_GAP * (len(blocks) - 1) <= max_height:
            break
    return blocks


def ellipsize(text: str, font: ImageFont.FreeTypeFont, max_width: int) -> str:
    """Shorten text with an ellipsis until it fits on one line."""
    if font.getlength(text) <= max_width:
        return text
    words = text.split()
    while words and font.getlength(" ".join(words) + "\u2026") > max_width:
        words.pop()
    return " ".join(words) + "\u2026"


def draw_block(draw: ImageDraw.ImageDraw, block: TextBlock, x: int, y: int, colour: str) -> int:
    """Draw a text block with its top at ``y``; return the y just below it."""
    for line in block.lines:
        draw.text((x, y), line, font=block.font, fill=colour, anchor="la")
        y += block.line_height
    return y


def draw_header(draw: ImageDraw.ImageDraw, lesson_title: str, number: int, total: int) -> None:
    """Draw the lesson title and accent rule at the top and the slide number at the bottom right."""
    title_font = load_font(FONT_REGULAR, 26)
    draw.text(
        (MARGIN_X, 64), ellipsize(lesson_title, title_font, TEXT_WIDTH), font=title_font, fill=MUTED_COLOUR, anchor="la"
    )
    draw.rectangle((MARGIN_X, 112, MARGIN_X + 72, 117), fill=ACCENT_COLOUR)
    counter_font = load_font(FONT_REGULAR, 22)
    draw.text(
        (SLIDE_SIZE[0] - MARGIN_X, SLIDE_SIZE[1] - 48),
        f"{number} / {total}",
        font=counter_font,
        fill=MUTED_COLOUR,
        anchor="rs",
    )


def draw_bullets(draw: ImageDraw.ImageDraw, blocks: Sequence[TextBlock], y: int) -> None:
    """Draw bullet blocks from ``y`` down, each with an accent dot beside its first line."""
    for block in blocks:
        top, bottom = block.font.getbbox("x", anchor="la")[1::2]
        centre_y = y + (top + bottom) / 2
        r = BULLET_DOT_RADIUS
        draw.ellipse((MARGIN_X, centre_y - r, MARGIN_X + 2 * r, centre_y + r), fill=ACCENT_COLOUR)
        y = draw_block(draw, block, MARGIN_X + BULLET_INDENT, y, BULLET_COLOUR) + BULLET_GAP


def draw_slide(lesson_title: str, slide: Slide, number: int, total: int) -> Image.Image:
    """Draw one 1280x720 slide: lesson title, heading, then bullets (or the heading centred if it has none)."""
    image = Image.new("RGB", SLIDE_SIZE, BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw_header(draw, lesson_title, number, total)
    heading = fit_text(slide.heading, FONT_BOLD, HEADING_SIZES, TEXT_WIDTH, 2, 1.18)
    if not slide.bullets:
        draw_block(draw, heading, MARGIN_X, (CONTENT_TOP + CONTENT_BOTTOM - heading.height) // 2, HEADING_COLOUR)
        return image
    y = draw_block(draw, heading, MARGIN_X, CONTENT_TOP, HEADING_COLOUR) + HEADING_GAP
    draw_bullets(draw, fit_bullets(slide.bullets, TEXT_WIDTH - BULLET_INDENT, CONTENT_BOTTOM - y), y)
    return image


def save_png(image: Image.Image, size: tuple[int, int], path: Path) -> None:
    """Scale an image down to ``size`` (Lanczos) and save it as an optimised PNG."""
    if image.size != size:
        image = image.resize(size, Image.Resampling.LANCZOS)
    image.save(path, format="PNG", optimize=True)


# --- Narration ----------------------------------------------------------------------------------------------


def synthesise(sentence: str, path: Path) -> None:
    """Speak one sentence with espeak-ng into a WAV file."""
    subprocess.run(
        ["espeak-ng", "-v", VOICE, "-s", str(WORDS_PER_MINUTE), "-w", str(path), "--stdin"],
        input=sentence,
        text=True,
        check=True,
        capture_output=True,
    )


def read_wav(path: Path) -> tuple[array.array, int]:
    """Read a mono 16-bit WAV file into samples and its sample rate."""
    with wave.open(str(path), "rb") as wav:
        if wav.getnchannels() != 1 or wav.getsampwidth() != 2:
            raise MediaError(f"{path.name}: expected mono 16-bit audio")
        samples = array.array("h", wav.readframes(wav.getnframes()))
        rate = wav.getframerate()
    if sys.byteorder == "big":
        samples.byteswap()
    return samples, rate


def trim_silence(samples: array.array, rate: int) -> array.array:
    """Drop leading and trailing near-silence (espeak-ng pads each utterance), keeping a short margin."""
    loud = [index for index, value in enumerate(samples) if abs(value) > SILENCE_THRESHOLD]
    if not loud:
        return samples
    margin = round(SILENCE_MARGIN * rate)
    return samples[max(0, loud[0] - margin) : loud[-1] + 1 + margin]


def synthesise_slides(lesson: Lesson, workdir: Path) -> list[list[Clip]]:
    """Synthesise every sentence of every slide; each clip's length is the sentence's exact duration."""
    clips: list[list[Clip]] = []
    for slide_number, slide in enumerate(lesson.slides, start=1):
        slide_clips = []
        for sentence_number, sentence in enumerate(split_sentences(slide.narration), start=1):
            path = workdir / f"speech-{slide_number:02d}-{sentence_number:02d}.wav"
            synthesise(sentence, path)
            samples, rate = read_wav(path)
            slide_clips.append(Clip(text=sentence, samples=trim_silence(samples, rate), rate=rate))
        clips.append(slide_clips)
    return clips


def write_narration(timeline: Timeline, clips: Sequence[Clip], path: Path) -> None:
    """Write the whole soundtrack: each clip at its cue's start, silence in between, to the timeline's end."""
    rate = clips[0].rate
    if any(clip.rate != rate for clip in clips):
        raise MediaError("espeak-ng returned clips at different sample rates")
    audio = array.array("h")
    for cue, clip in zip(timeline.cues, clips, strict=True):
        audio.extend([0] * max(0, round(cue.start * rate) - len(audio)))
        audio.extend(clip.samples)
    audio.extend([0] * max(0, round(timeline.duration * rate) - len(audio)))
    if sys.byteorder == "big":
        audio.byteswap()
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(audio.tobytes())


# --- Encoding and output ------------------------------------------------------------------------------------


def ffmpeg_command(slide_paths: Sequence[Path], counts: Sequence[int], audio: Path, output: Path) -> list[str]:
    """The ffmpeg command that shows each slide image for its frame count over the narration track."""
    inputs: list[str] = []
    chains: list[str] = []
    for index, (slide_path, count) in enumerate(zip(slide_paths, counts, strict=True)):
        inputs += ["-loop", "1", "-framerate", str(FPS), "-i", str(slide_path)]
        chains.append(f"[{index}:v]trim=end_frame={count},setpts=PTS-STARTPTS[s{index}]")
    joined = "".join(f"[s{index}]" for index in range(len(slide_paths)))
    chains.append(
        f"{joined}concat=n={len(slide_paths)}:v=1:a=0,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p[video]"
    )
    return [
        "ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y", *inputs, "-i", str(audio),
        "-filter_complex", ";".join(chains), "-map", "[video]", "-map", f"{len(slide_paths)}:a",
        "-c:v", "libx264", "-preset", "veryslow", "-tune", "stillimage", "-crf", str(VIDEO_CRF),
        "-g", str(FPS * KEYFRAME_SECONDS), "-threads", "1",
        "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv",
        "-c:a", "aac", "-b:a", AUDIO_BITRATE, "-ac", "1",
        "-map_metadata", "-1", "-map_chapters", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        "-movflags", "+faststart", str(output),
    ]  # fmt: skip


def encode_video(slide_paths: Sequence[Path], timeline: Timeline, audio: Path, output: Path) -> None:
    """Encode the slides and narration into an MP4."""
    command = ffmpeg_command(slide_paths, frame_counts(timeline.slide_spans), audio, output)
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode:
        raise MediaError(f"ffmpeg failed:\n{result.stderr.strip()}")


def validated_vtt(cues: Sequence[Cue]) -> str:
    """Render the captions and check that webvtt-py reads back the same cues and timings."""
    text = render_vtt(cues)
    try:
        parsed = webvtt.from_string(text)
    except webvtt.errors.MalformedFileError as error:
        raise MediaError(f"generated captions are not valid WebVTT: {error}") from error
    if len(parsed.captions) != len(cues):
        raise MediaError(f"captions: wrote {len(cues)} cues, read back {len(parsed.captions)}")
    for caption, cue in zip(parsed.captions, cues, strict=True):
        if (caption.start, caption.end) != (format_timestamp(cue.start), format_timestamp(cue.end)):
            raise MediaError(f"captions: cue {cue.text!r} read back as {caption.start} --> {caption.end}")
    return text


def install(source: Path, destination: Path) -> None:
    """Copy a finished file into place atomically, so a failed build never leaves a half-written output."""
    partial = destination.with_name(f".{destination.name}.partial")
    shutil.copyfile(source, partial)
    os.replace(partial, destination)


def check_size(path: Path, limit: int) -> int:
    """Return a file's size, failing if it is not under ``limit`` bytes."""
    size = path.stat().st_size
    if size >= limit:
        raise MediaError(f"{path.name} is {size:,} bytes, over the {limit:,}-byte limit")
    return size


def build_lesson(lesson: Lesson, assets_dir: Path = ASSETS_DIR) -> None:
    """Build a lesson's video, captions and poster, and report their sizes."""
    outputs = output_paths(lesson.slug, assets_dir)
    with tempfile.TemporaryDirectory(prefix=f"media-{lesson.slug}-") as tmp:
        workdir = Path(tmp)
        clips = synthesise_slides(lesson, workdir)
        timeline = build_timeline([[(clip.text, clip.duration) for clip in slide] for slide in clips])
        captions = validated_vtt(timeline.cues)
        slides = [draw_slide(lesson.title, slide, n, len(lesson.slides)) for n, slide in enumerate(lesson.slides, 1)]
        slide_paths = [workdir / f"slide-{n:02d}.png" for n in range(1, len(slides) + 1)]
        for image, path in zip(slides, slide_paths, strict=True):
            save_png(image, VIDEO_SIZE, path)
        save_png(slides[0], POSTER_SIZE, workdir / "poster.png")
        write_narration(timeline, [clip for slide in clips for clip in slide], workdir / "narration.wav")
        encode_video(slide_paths, timeline, workdir / "narration.wav", workdir / "video.mp4")
        video_bytes = check_size(workdir / "video.mp4", MAX_VIDEO_BYTES)
        poster_bytes = check_size(workdir / "poster.png", MAX_POSTER_BYTES)
        (workdir / "captions.vtt").write_text(captions, encoding="utf-8")
        install(workdir / "poster.png", outputs["poster"])
        install(workdir / "captions.vtt", outputs["captions"])
        install(workdir / "video.mp4", outputs["video"])
    print(
        f"{lesson.slug}: {timeline.duration:.1f} s, video {video_bytes / 1000:.0f} kB, "
        f"{len(timeline.cues)} caption cues, poster {poster_bytes / 1000:.0f} kB"
    )
    longest = max(len(line) for cue in timeline.cues for line in wrap_caption(cue.text))
    if longest > CAPTION_LINE_CHARS:
        print(
            f"  note: longest caption line is {longest} characters (sentences over {2 * CAPTION_LINE_CHARS} wrap long)"
        )


# --- Command line -------------------------------------------------------------------------------------------


def check_tools() -> None:
    """Fail early, with a hint, if a required program or font is missing."""
    for program, package in (("ffmpeg", "ffmpeg"), ("espeak-ng", "espeak-ng")):
        if shutil.which(program) is None:
            raise MediaError(f"{program} not found: install it with `apt-get install {package}`")
    load_font(FONT_REGULAR, 26)
    load_font(FONT_BOLD, 26)


def lesson_files(slugs: Sequence[str], lessons_dir: Path = LESSONS_DIR) -> list[Path]:
    """The lesson files named on the command line, or every lesson file if none are."""
    if not slugs:
        return sorted(lessons_dir.glob("*.toml"))
    paths = [lessons_dir / f"{slug.removesuffix('.toml')}.toml" for slug in slugs]
    missing = [path.name for path in paths if not path.exists()]
    if missing:
        raise MediaError(f"no such lesson file(s) in {lessons_dir}: {', '.join(missing)}")
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    """Build media for the requested lessons; return a process exit status."""
    parser = argparse.ArgumentParser(prog="python -m curriculum.media", description=__doc__.split("\n")[0])
    parser.add_argument("slugs", nargs="*", metavar="slug", help="lessons to build (default: every lesson file)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the outputs are up to date")
    args = parser.parse_args(argv)
    try:
        check_tools()
        paths = lesson_files(args.slugs)
    except MediaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    failures = 0
    for path in paths:
        try:
            lesson = load_lesson(path)
            if not args.force and is_up_to_date(path, list(output_paths(lesson.slug).values())):
                print(f"{lesson.slug}: up to date (use --force to rebuild)")
                continue
            build_lesson(lesson)
        except (MediaError, subprocess.CalledProcessError) as error:
            failures += 1
            print(f"error: {path.name}: {error}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
