"""Forms shared across the site."""

from wagtail.documents.forms import BaseDocumentForm

from .validators import CAPTION_EXTENSIONS, validate_webvtt_file


class DocumentForm(BaseDocumentForm):
    """Wagtail's document upload form, which also checks caption tracks when they are uploaded."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        name = (getattr(file, "name", "") or "").lower()
        if file and name.endswith(CAPTION_EXTENSIONS):
            validate_webvtt_file(file)
        return file
