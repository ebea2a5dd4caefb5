import socket

import pytest

from django.core.exceptions import ValidationError

from lessons.blocks import EmbeddedVideoBlock, ResourceBlock, embed_info
from tests.factories import build_course, lessons_of

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"
VIMEO = "https://vimeo.com/76979871"


@pytest.mark.parametrize(
    ("url", "provider", "player"),
    [
        (YOUTUBE, "youtube", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&rel=0"),
        (
            "https://youtu.be/aqz-KE-bpKQ",
            "youtube",
            "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&rel=0",
        ),
        (VIMEO, "vimeo", "https://player.vimeo.com/video/76979871?autoplay=1&dnt=1"),
    ],
)
def test_supported_links_become_privacy_enhanced_players(url, provider, player):
    info = embed_info(url)
    assert info["provider"] == provider
    assert info["player_url"] == player


@pytest.mark.parametrize(
    "url",
    ["https://example.org/video.mp4", "https://soundcloud.com/someone/track", "https://www.dailymotion.com/video/x7"],
)
def test_other_links_are_a_validation_error_for_the_trainer(url):
    block = EmbeddedVideoBlock()
    with pytest.raises(ValidationError) as error:
        block.clean(block.to_python({"url": url, "title": "A video"}))
    assert "YouTube or Vimeo" in str(error.value.block_errors["url"])


def test_a_resource_needs_a_file_or_a_link_not_both():
    block = ResourceBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "Leaflet"}))
    assert block.clean(block.to_python({"title": "Leaflet", "link": "https://example.org/"}))["link"]


@pytest.fixture
def no_network(monkeypatch):
    """Fail on any connection that leaves this machine (the database and cache are local)."""
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else "local"
        if host not in {"local", "127.0.0.1", "::1", "localhost"}:
            raise AssertionError(f"a request to {host} was made while serving the page")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)


def test_embedded_video_renders_a_facade_with_no_third_party_request(trainee_client, no_network):
    body = [("embedded_video", {"url": YOUTUBE, "title": "Welcome", "duration": "3 min"})]
    lesson = lessons_of(build_course(modules=1, lessons_per_module=1, slug="embed", body=body))[0]
    html = trainee_client.get(lesson.url).content.decode()
    assert "data-embed-facade" in html
    assert 'referrerpolicy="strict-origin-when-cross-origin"' in html
    assert "youtube-nocookie.com/embed/aqz-KE-bpKQ" in html
    # Outside the inert <template>, nothing points the browser at a third party.
    outside = html.split("<template", 1)[0] + html.split("</template>", 1)[1]
    assert "youtube-nocookie.com" not in outside
    assert "img.youtube.com" not in html and "i.ytimg.com" not in html
    assert "<iframe" not in outside
