"""Validators shared across the site (no model imports, so any module may use them)."""

import re

import webvtt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

TIMING_RE = re.compile(r"^(\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}[ \t]+-->[ \t]+(\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}([ \t].*)?$")
VIDEO_EXTENSIONS = (".mp4", ".webm")
CAPTION_EXTENSIONS = (".vtt",)


def validate_webvtt_file(file) -> None:
    """Raise ValidationError unless `file` holds a readable WebVTT caption track."""
    position = file.tell() if hasattr(file, "tell") else 0
    try:
        file.seek(0)
        raw = file.read()
    finally:
        file.seek(position)
    try:
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as error:
        raise ValidationError(_("Caption files must be saved as UTF-8 text.")) from error
    if not text.lstrip().startswith("WEBVTT"):
        raise ValidationError(_("This is not a WebVTT caption file: the first line must be “WEBVTT”."))
    # webvtt-py skips cues it cannot read; a trainer should hear about them instead.
    for number, line in enumerate(text.splitlines(), start=1):
        if "-->" in line and not TIMING_RE.match(line.strip()):
            raise ValidationError(
                _("Line %(number)s of the caption file has a timing that could not be read: “%(line)s”.")
                % {"number": number, "line": line.strip()[:60]}
            )
    try:
        captions = webvtt.from_string(text)
    except Exception as error:  # webvtt-py raises several types for malformed cues
        raise ValidationError(_("The caption file could not be read: %(error)s") % {"error": error}) from error
    if not len(captions):
        raise ValidationError(_("The caption file has no captions in it."))
    for caption in captions:
        if caption.end_in_seconds < caption.start_in_seconds:
            raise ValidationError(_("The caption at %(start)s ends before it starts.") % {"start": caption.start})
