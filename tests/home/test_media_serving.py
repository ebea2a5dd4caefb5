"""Media files are served with byte ranges, so a trainee can seek in a self-hosted video."""

import pytest

from django.urls import reverse

pytestmark = pytest.mark.django_db

CONTENT = bytes(range(256)) * 40  # 10,240 bytes


@pytest.fixture
def video(settings):
    path = settings.MEDIA_ROOT / "documents" / "clip.mp4"
    path.parent.mkdir(parents=True)
    path.write_bytes(CONTENT)
    return reverse("media", args=["documents/clip.mp4"])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_whole_file_advertises_byte_ranges(client, video):
    response = client.get(video)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"
    assert response["Content-Type"] == "video/mp4"
    assert body(response) == CONTENT


def test_a_range_request_gets_206_with_just_those_bytes(client, video):
    response = client.get(video, HTTP_RANGE="bytes=100-199")
    assert response.status_code == 206
    assert response["Content-Range"] == f"bytes 100-199/{len(CONTENT)}"
    assert response["Content-Length"] == "100"
    assert body(response) == CONTENT[100:200]


def test_an_open_ended_range_runs_to_the_end(client, video):
    response = client.get(video, HTTP_RANGE="bytes=10000-")
    assert response.status_code == 206
    assert body(response) == CONTENT[10000:]


def test_a_suffix_range_gets_the_last_bytes(client, video):
    response = client.get(video, HTTP_RANGE="bytes=-40")
    assert response.status_code == 206
    assert body(response) == CONTENT[-40:]


def test_a_range_past_the_end_is_416(client, video):
    response = client.get(video, HTTP_RANGE="bytes=999999-")
    assert response.status_code == 416
    assert response["Content-Range"] == f"bytes */{len(CONTENT)}"


def test_a_malformed_range_gets_the_whole_file(client, video):
    response = client.get(video, HTTP_RANGE="bytes=abc")
    assert response.status_code == 200
    assert body(response) == CONTENT


def test_a_stale_if_range_gets_the_whole_file(client, video):
    response = client.get(video, HTTP_RANGE="bytes=0-9", HTTP_IF_RANGE='"old-etag"')
    assert response.status_code == 200


def test_unchanged_file_is_304(client, video):
    etag = client.get(video)["ETag"]
    assert client.get(video, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_paths_outside_media_are_404(client, video):
    assert client.get("/media/../config/settings/base.py").status_code == 404
    assert client.get("/media/%2e%2e/manage.py").status_code == 404
    assert client.get("/media/documents/missing.mp4").status_code == 404


def test_html_and_svg_uploads_are_downloaded_not_shown(client, settings):
    for name in ("page.html", "pic.svg"):
        (settings.MEDIA_ROOT / name).write_text("<script>alert(1)</script>")
        response = client.get(reverse("media", args=[name]))
        assert response["Content-Disposition"].startswith("attachment")


def test_caption_files_are_served_as_webvtt(client, settings):
    (settings.MEDIA_ROOT / "c.vtt").write_text("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n")
    assert client.get(reverse("media", args=["c.vtt"]))["Content-Type"].startswith("text/vtt")


def test_only_get_and_head(client, video):
    assert client.post(video).status_code == 405
