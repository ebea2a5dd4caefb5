"""WebVTT caption tracks are checked when they are uploaded."""

import pytest

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from home.validators import validate_webvtt_file

GOOD = b"WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nWelcome.\n\n00:00:02.000 --> 00:00:04.000\nCome as you are.\n"


def document_form():
    """The admin's document form, built on our DocumentForm base as the settings say."""
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    return get_document_form(get_document_model())


def upload(content: bytes, name: str = "captions.vtt"):
    return SimpleUploadedFile(name, content, content_type="text/vtt")


def test_a_good_caption_file_passes():
    validate_webvtt_file(upload(GOOD))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"1\n00:00:00,000 --> 00:00:02,000\nAn SRT file\n", "WEBVTT"),
        (b"WEBVTT\n\n", "no captions"),
        (b"WEBVTT\n\n00:00:xx --> 00:00:02.000\nBroken\n", "could not be read"),
        (b"WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nBackwards\n", "ends before it starts"),
        (b"WEBVTT\n\n\xff\xfe\x00bad", "UTF-8"),
    ],
)
def test_bad_caption_files_are_refused_with_a_reason(content, message):
    with pytest.raises(ValidationError) as error:
        validate_webvtt_file(upload(content))
    assert message.lower() in str(error.value).lower()


@pytest.mark.django_db
def test_the_document_upload_form_rejects_a_broken_caption_file(admin_user):
    form = document_form()(
        data={"title": "Captions", "collection": 1},
        files={"file": upload(b"not captions")},
        user=admin_user,
    )
    assert not form.is_valid()
    assert "file" in form.errors


@pytest.mark.django_db
def test_the_document_upload_form_accepts_good_captions(admin_user):
    from wagtail.models import Collection

    form = document_form()(
        data={"title": "Captions", "collection": Collection.get_first_root_node().pk},
        files={"file": upload(GOOD)},
        user=admin_user,
    )
    assert form.is_valid(), form.errors
