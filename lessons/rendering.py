"""Rendering of lesson bodies, cached per published revision.

The rendered HTML of a lesson is the same for every trainee, so it is cached under the page's
live revision: publishing a change makes a new key. Blocks that hold something personal (a
trainee's reflection) are left out of the cache and rendered for each request.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from home import versioned_cache

CACHE_TIMEOUT = 60 * 60 * 24 * 7


@dataclass(frozen=True)
class BodySegment:
    block_type: str
    block_id: str
    html: SafeString | None  # None: a personal block, rendered per request
    value: object = None


def _render_all(page) -> list[tuple[str, str, str | None]]:
    personal = page.body.stream_block.personal_block_types
    rendered = []
    for block in page.body:
        if block.block_type in personal:
            rendered.append((block.block_type, block.id, None))
        else:
            rendered.append((block.block_type, block.id, str(block.render(context={"page": page}))))
    return rendered


def render_body_segments(page, *, request=None) -> list[BodySegment]:
    is_preview = bool(request is not None and getattr(request, "is_preview", False))
    if is_preview or not page.live_revision_id:
        rendered = _render_all(page)
    else:
        # An alias (a lesson shared by a shorter course) keeps its original's old revision id
        # when the original is published again; the publish time moves for both.
        published = page.last_published_at.timestamp() if page.last_published_at else 0
        key = f"lesson-body:{page.pk}:{page.live_revision_id}:{published}:{get_language()}"
        rendered = versioned_cache.get(key)
        if rendered is None:
            rendered = _render_all(page)
            versioned_cache.set(key, rendered, CACHE_TIMEOUT)
    stream_block = page.body.stream_block
    values = {
        raw["id"]: stream_block.child_blocks[raw["type"]].to_python(raw["value"])
        for raw in page.body.raw_data
        if raw["type"] in stream_block.personal_block_types
    }
    return [
        BodySegment(
            block_type=block_type,
            block_id=block_id,
            html=mark_safe(html) if html is not None else None,
            value=values.get(block_id),
        )
        for block_type, block_id, html in rendered
    ]
