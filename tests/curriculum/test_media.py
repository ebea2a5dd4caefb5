"""The pure parts of the lesson media build: no ffmpeg, espeak-ng or database needed."""

import pytest
import webvtt

from curriculum.media import (
    Cue,
    MediaError,
    build_timeline,
    escape_cue_text,
    format_timestamp,
    frame_counts,
    parse_lesson,
    render_vtt,
    split_sentences,
    wrap_caption,
)

# --- split_sentences ------------------------------------------------------------------------------------------


def test_splits_on_full_stops_question_and_exclamation_marks():
    text = "Welcome to the course. Is this your first lesson? Take your time! 2 short videos follow."
    assert split_sentences(text) == [
        "Welcome to the course.",
        "Is this your first lesson?",
        "Take your time!",
        "2 short videos follow.",
    ]


def test_collapses_line_breaks_and_spaces_like_the_transcript():
    text = """
    This narration is written
    over several lines.   It has   extra spaces.
    """
    assert split_sentences(text) == ["This narration is written over several lines.", "It has extra spaces."]


def test_keeps_abbreviations_acronyms_and_initials_inside_a_sentence():
    text = "Bring snacks, e.g. Fruit and water. Ask Dr. Lee or J. Smith. Rules differ in the U.K. Check first."
    assert split_sentences(text) == [
        "Bring snacks, e.g. Fruit and water.",
        "Ask Dr. Lee or J. Smith.",
        "Rules differ in the U.K. Check first.",
    ]


def test_closing_quotes_stay_with_their_sentence():
    text = 'She said "come as you are." "Thank you," he replied. (It was warm.) Then we began.'
    assert split_sentences(text) == [
        'She said "come as you are."',
        '"Thank you," he replied.',
        "(It was warm.)",
        "Then we began.",
    ]


def test_does_not_split_before_a_lower_case_word_or_inside_numbers():
    assert split_sentences("The dose was 2.5 mg. that is all") == ["The dose was 2.5 mg. that is all"]


def test_text_without_final_punctuation_is_one_sentence():
    assert split_sentences("A heading-like line") == ["A heading-like line"]


@pytest.mark.parametrize("text", ["", "   \n  "])
def test_blank_text_has_no_sentences(text):
    assert split_sentences(text) == []


# --- wrap_caption ---------------------------------------------------------------------------------------------


def test_short_caption_stays_on_one_line():
    assert wrap_caption("Welcome to the training platform.") == ["Welcome to the training platform."]
    exactly_42 = "x" * 20 + " " + "y" * 21
    assert wrap_caption(exactly_42) == [exactly_42]


def test_long_caption_is_split_into_two_balanced_lines():
    text = "Captions are always available, and there is a written transcript under the video."
    lines = wrap_caption(text)
    assert lines == ["Captions are always available, and there", "is a written transcript under the video."]
    assert " ".join(lines) == text
    assert all(len(line) <= 42 for line in lines)


def test_tie_puts_the_shorter_line_first():
    assert wrap_caption("aa bb cc", width=5) == ["aa", "bb cc"]


def test_very_long_sentence_still_gets_two_lines_only():
    text = " ".join(["word"] * 30)
    lines = wrap_caption(text)
    assert len(lines) == 2
    assert " ".join(lines) == text


def test_single_long_word_is_not_broken():
    assert wrap_caption("x" * 60) == ["x" * 60]


def test_custom_width():
    assert wrap_caption("one two three four", width=10) == ["one two", "three four"]


# --- timestamps and timing ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "expected"),
    [
        (0, "00:00:00.000"),
        (1.5, "00:00:01.500"),
        (2.0004, "00:00:02.000"),
        (2.0006, "00:00:02.001"),
        (59.9996, "00:01:00.000"),
        (3723.25, "01:02:03.250"),
    ],
)
def test_format_timestamp(seconds, expected):
    assert format_timestamp(seconds) == expected


def test_format_timestamp_rejects_negative_times():
    with pytest.raises(ValueError):
        format_timestamp(-0.1)


def flatten(spans):
    return [time for span in spans for time in span]


def test_timeline_on_one_slide():
    timeline = build_timeline([[("First.", 1.0), ("Second.", 2.0)]], lead_in=0.5, sentence_gap=0.4, tail=1.0)
    assert [(round(cue.start, 3), round(cue.end, 3), cue.text) for cue in timeline.cues] == [
        (0.5, 1.5, "First."),
        (1.9, 3.9, "Second."),
    ]
    assert flatten(timeline.slide_spans) == pytest.approx([0.0, 4.9])
    assert timeline.duration == pytest.approx(4.9)


def test_timeline_across_slides_changes_slide_halfway_through_the_pause():
    timeline = build_timeline(
        [[("A.", 1.0), ("B.", 1.0)], [("C.", 2.0)], [("D.", 0.5)]],
        lead_in=0.5,
        sentence_gap=0.4,
        slide_gap=0.8,
        tail=1.0,
    )
    starts = [cue.start for cue in timeline.cues]
    ends = [cue.end for cue in timeline.cues]
    assert starts == pytest.approx([0.5, 1.9, 3.7, 6.5])
    assert ends == pytest.approx([1.5, 2.9, 5.7, 7.0])
    assert flatten(timeline.slide_spans) == pytest.approx([0.0, 3.3, 3.3, 6.1, 6.1, 8.0])
    assert timeline.duration == pytest.approx(8.0)


def test_timeline_slides_are_contiguous_and_cover_every_cue():
    slides = [[("One.", 1.234), ("Two.", 2.345)], [("Three.", 3.456)], [("Four.", 0.789), ("Five.", 1.0)]]
    timeline = build_timeline(slides)
    assert timeline.slide_spans[0][0] == 0.0
    for (_, end), (start, _) in zip(timeline.slide_spans, timeline.slide_spans[1:], strict=False):
        assert end == start
    cue_index = 0
    for (start, end), sentences in zip(timeline.slide_spans, slides, strict=True):
        for text, duration in sentences:
            cue = timeline.cues[cue_index]
            assert cue.text == text
            assert cue.end - cue.start == pytest.approx(duration)
            assert start < cue.start and cue.end < end
            cue_index += 1


@pytest.mark.parametrize("slides", [[], [[]], [[("A.", 1.0)], []], [[("A.", 0.0)]]])
def test_timeline_rejects_empty_slides_and_silent_sentences(slides):
    with pytest.raises(ValueError):
        build_timeline(slides)


def test_frame_counts_round_boundaries_without_drift():
    spans = [(0.0, 3.33), (3.33, 6.66), (6.66, 9.99)]
    counts = frame_counts(spans, fps=5)
    assert counts == [17, 16, 17]
    assert sum(counts) == round(9.99 * 5)


# --- WebVTT ---------------------------------------------------------------------------------------------------


def test_render_vtt_exact_output():
    cues = [
        Cue(0.5, 2.506, "Welcome to the training platform."),
        Cue(2.906, 7.8244, "Captions are always available, and there is a written transcript under the video."),
    ]
    assert render_vtt(cues) == (
        "WEBVTT\n"
        "\n"
        "1\n"
        "00:00:00.500 --> 00:00:02.506\n"
        "Welcome to the training platform.\n"
        "\n"
        "2\n"
        "00:00:02.906 --> 00:00:07.824\n"
        "Captions are always available, and there\n"
        "is a written transcript under the video.\n"
    )


def test_render_vtt_escapes_reserved_characters():
    assert escape_cue_text("Less <than> & more -->") == "Less &lt;than&gt; &amp; more --&gt;"
    vtt = render_vtt([Cue(0, 1, "Salt & pepper <b>")])
    assert "Salt &amp; pepper &lt;b&gt;" in vtt
    assert "<b>" not in vtt


def test_rendered_timeline_parses_as_webvtt_with_the_same_timing():
    pairs = [
        ("Welcome to the training platform.", 2.006),
        ("This short video shows how each lesson works.", 2.918),
        ("It takes about a minute.", 1.513),
    ]
    timeline = build_timeline([pairs[:2], pairs[2:]])
    parsed = webvtt.from_string(render_vtt(timeline.cues))
    assert [caption.start for caption in parsed.captions] == ["00:00:00.500", "00:00:02.906", "00:00:06.624"]
    assert [caption.end for caption in parsed.captions] == ["00:00:02.506", "00:00:05.824", "00:00:08.137"]
    assert [" ".join(caption.text.splitlines()) for caption in parsed.captions] == [text for text, _ in pairs]
    assert all(len(line) <= 42 for caption in parsed.captions for line in caption.text.splitlines())


# --- lesson files ---------------------------------------------------------------------------------------------


def lesson_data(**overrides):
    data = {
        "title": "Welcome",
        "slug": "welcome",
        "slides": [{"heading": "Hello", "bullets": ["One", "Two"], "narration": "Hi there. Welcome."}],
    }
    return {**data, **overrides}


def test_parse_lesson_reads_title_and_slides():
    lesson = parse_lesson(lesson_data(), "welcome")
    assert lesson.title == "Welcome"
    assert lesson.slides[0].heading == "Hello"
    assert lesson.slides[0].bullets == ("One", "Two")
    assert split_sentences(lesson.slides[0].narration) == ["Hi there.", "Welcome."]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"slug": "other"}, "does not match"),
        ({"title": ""}, "'title' is missing"),
        ({"slides": []}, "no [[slides]]"),
        ({"slides": [{"heading": "H", "narration": " "}]}, "'narration' is missing"),
        ({"slides": [{"narration": "Hi."}]}, "'heading' is missing"),
        ({"slides": [{"heading": "H", "narration": "Hi.", "bullets": ["a", "b", "c", "d"]}]}, "at most 3"),
    ],
)
def test_parse_lesson_rejects_incomplete_files(overrides, message):
    with pytest.raises(MediaError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_lesson(lesson_data(**overrides), "welcome")
