"""The blocks a trainer can put in a lesson. Each block has its own template under
templates/blocks/."""

from embed_video.backends import (
    UnknownBackendException,
    UnknownIdException,
    VimeoBackend,
    YoutubeBackend,
    detect_backend,
)

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from home.validators import CAPTION_EXTENSIONS, VIDEO_EXTENSIONS, validate_webvtt_file

EMBED_HOSTS = {
    YoutubeBackend: ("youtube", "https://www.youtube-nocookie.com/embed/{code}?autoplay=1&rel=0"),
    VimeoBackend: ("vimeo", "https://player.vimeo.com/video/{code}?autoplay=1&dnt=1"),
}


def embed_info(url: str) -> dict:
    """Provider, video id and privacy-enhanced player URL for a YouTube or Vimeo link.

    Parses the URL only: no request leaves the server.
    """
    backend = detect_backend(url)
    provider, pattern = EMBED_HOSTS[type(backend)]
    code = backend.code
    return {"provider": provider, "code": code, "player_url": pattern.format(code=code), "watch_url": url}


class EmbeddedVideoBlock(blocks.StructBlock):
    url = blocks.URLBlock(
        label=_("Video address"),
        help_text=_("A YouTube or Vimeo link, such as https://www.youtube.com/watch?v=… or https://vimeo.com/…"),
    )
    title = blocks.CharBlock(
        label=_("Title"), help_text=_("Names the video for screen readers and on the play button.")
    )
    duration = blocks.CharBlock(label=_("Length"), required=False, help_text=_("For example: 4 min"))

    class Meta:
        icon = "media"
        label = _("YouTube or Vimeo video")
        template = "blocks/embedded_video.html"
        help_text = _("Nothing loads from YouTube or Vimeo until the trainee presses play.")
        preview_value = {"url": "https://www.youtube.com/watch?v=aqz-KE-bpKQ", "title": "Example video"}

    def clean(self, value):
        value = super().clean(value)
        try:
            embed_info(value["url"])
        except (UnknownBackendException, UnknownIdException, KeyError):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Use a YouTube or Vimeo video link. Other sites are not supported."))
                }
            ) from None
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["embed"] = embed_info(value["url"])
        return context


class CaptionTrackBlock(blocks.StructBlock):
    file = DocumentChooserBlock(label=_("Caption file (.vtt)"))
    language = blocks.CharBlock(
        label=_("Language code"), max_length=12, default="en", help_text=_("For example: en, es")
    )
    label = blocks.CharBlock(label=_("Label"), default=_("English"), help_text=_("Shown in the player's caption menu."))

    class Meta:
        icon = "doc-full"
        label = _("Caption track")

    def clean(self, value):
        value = super().clean(value)
        document = value.get("file")
        if document is not None:
            if not document.file.name.lower().endswith(CAPTION_EXTENSIONS):
                raise StructBlockValidationError(
                    block_errors={"file": ValidationError(_("Captions must be a WebVTT file ending in .vtt."))}
                )
            try:
                with document.file.open("rb") as handle:
                    validate_webvtt_file(handle)
            except FileNotFoundError:
                raise StructBlockValidationError(
                    block_errors={"file": ValidationError(_("The caption file is missing from storage."))}
                ) from None
            except ValidationError as error:
                raise StructBlockValidationError(block_errors={"file": error}) from None
        return value


class HostedVideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    video = DocumentChooserBlock(label=_("Video file"), help_text=_("An MP4 or WebM file from the document library."))
    poster = ImageChooserBlock(label=_("Poster image"), required=False, help_text=_("Shown before the video plays."))
    captions = blocks.ListBlock(CaptionTrackBlock(), label=_("Captions"), min_num=1)

    class Meta:
        icon = "media"
        label = _("Video file with captions")
        template = "blocks/hosted_video.html"
        help_text = _("Watching this video to the course's threshold completes the lesson.")

    def clean(self, value):
        value = super().clean(value)
        video = value.get("video")
        if video is not None and not video.file.name.lower().endswith(VIDEO_EXTENSIONS):
            raise StructBlockValidationError(
                block_errors={"video": ValidationError(_("Choose an MP4 or WebM video file."))}
            )
        return value


class KeyPointBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default=_("Key point"))
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "pick"
        label = _("Key point")
        template = "blocks/key_point.html"
        preview_value = {"heading": "Key point", "text": "<p>Meet people where they are.</p>"}


class ReflectionPromptBlock(blocks.StructBlock):
    prompt = blocks.TextBlock(label=_("Question to reflect on"))
    guidance = blocks.TextBlock(
        label=_("Guidance"), required=False, help_text=_("Optional hint shown under the question.")
    )

    class Meta:
        icon = "help"
        label = _("Reflection prompt")
        # Rendered for each trainee with their own answer, never from the shared cache.
        template = "blocks/reflection_prompt.html"
        help_text = _("Each trainee's answer is private to them.")
        preview_value = {"prompt": "When did you last feel welcomed somewhere new?"}


class ResourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"))
    document = DocumentChooserBlock(label=_("File"), required=False)
    link = blocks.URLBlock(label=_("Or a link"), required=False)
    description = blocks.CharBlock(label=_("Description"), required=False)

    class Meta:
        icon = "download"
        label = _("Resource")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("document")) == bool(value.get("link")):
            raise StructBlockValidationError(
                block_errors={"document": ValidationError(_("Choose a file or give a link, not both and not neither."))}
            )
        return value


class ResourcesBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default=_("Downloads and further reading"))
    items = blocks.ListBlock(ResourceBlock(), label=_("Resources"), min_num=1)

    class Meta:
        icon = "download"
        label = _("Downloadable resources")
        template = "blocks/resources.html"


class TranscriptBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Heading"), default=_("Transcript"))
    text = blocks.RichTextBlock(label=_("Transcript"), features=["bold", "italic", "ul", "ol"])

    class Meta:
        icon = "doc-full"
        label = _("Transcript")
        template = "blocks/transcript.html"


class LessonBodyBlock(blocks.StreamBlock):
    embedded_video = EmbeddedVideoBlock()
    hosted_video = HostedVideoBlock()
    text = blocks.RichTextBlock(
        label=_("Text"),
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "blockquote"],
        template="blocks/text.html",
    )
    key_point = KeyPointBlock()
    reflection = ReflectionPromptBlock()
    resources = ResourcesBlock()
    transcript = TranscriptBlock()

    # Blocks holding something personal are rendered per request; the rest is cached.
    personal_block_types = frozenset({"reflection"})
