"""Rendering a course outline fast: the shared structure is cached, the personal marks are
filled in per request.

A lesson page lists every item of its course. The list (titles, links, order) is the same
for every trainee and is rendered once per content version; each trainee's ticks and locks
are a handful of small strings put in its markers.
"""

import re
from html import escape

from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from home import versioned_cache
from home.content_version import content_version

from .selectors import COMPLETE, IN_PROGRESS, CourseProgress, ItemStatus

MARKER = re.compile(r"<!--@([cst])(\d+)@-->")
CACHE_TIMEOUT = 60 * 60 * 24


def _shared_outline(progress: CourseProgress, current_id: int | None) -> str:
    outline = progress.outline
    key = f"training:outline-html:{content_version()}:{outline.path}:{current_id}:{get_language()}"
    html = versioned_cache.get(key)
    if html is None:
        html = render_to_string("components/course_outline.html", {"outline": outline, "current_id": current_id})
        versioned_cache.set(key, html, CACHE_TIMEOUT)
    return html


def _status_html(labels: dict) -> dict[str, str]:
    """The status marker for each kind of item, built once per outline (not once per item)."""
    html = {
        kind: format_html(
            '<span class="status status--{}"><span class="visually-hidden">{}</span></span>', kind, labels[kind]
        )
        for kind in ("locked", "started", "new")
    }
    html["complete"] = format_html(
        '<span class="status status--complete"><span aria-hidden="true">✓</span>'
        '<span class="visually-hidden">{}</span></span>',
        labels["done"],
    )
    return html


def _marks(item: ItemStatus, current_id: int | None, statuses: dict[str, str]) -> dict[str, str]:
    node = item.page
    if item.status == COMPLETE:
        css, status = " is-complete", statuses["complete"]
    else:
        css = ""
        status = statuses["locked" if item.locked else ("started" if item.status == IN_PROGRESS else "new")]
    # Plain string building with html.escape (what Django's escape does): this runs for every
    # item of the course on every lesson view.
    if item.locked:
        title = f'<span class="outline__title is-locked">{escape(node.title)}</span>'
    else:
        current = ' aria-current="page"' if node.id == current_id else ""
        title = f'<a class="outline__title" href="{escape(node.url)}"{current}>{escape(node.title)}</a>'
    return {f"c{node.id}": css, f"s{node.id}": status, f"t{node.id}": title}


def course_outline_html(*, progress: CourseProgress, current_id: int | None = None) -> SafeString:
    """The course outline with this trainee's ticks, for the sidebar of a lesson or quiz."""
    labels = {
        "done": _("Done"),
        "locked": _("Opens after the lesson before it"),
        "started": _("Started"),
        "new": _("Not started"),
    }
    statuses = _status_html(labels)
    marks: dict[str, str] = {}
    for item in progress.items:
        marks.update(_marks(item, current_id, statuses))
    shared = _shared_outline(progress, current_id)
    return mark_safe(MARKER.sub(lambda m: marks.get(m.group(1) + m.group(2), ""), shared))
