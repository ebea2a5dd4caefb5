"""Serve files from media storage with HTTP byte ranges.

Browsers fetch video in ranges; a server that ignores `Range` makes seeking impossible.
In a larger deployment a web server or object store in front of the site does this job
and `DJANGO_SERVE_MEDIA` is turned off.
"""

import mimetypes
import os
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe
from django.views.decorators.http import require_safe

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
CHUNK_SIZE = 64 * 1024

mimetypes.add_type("text/vtt", ".vtt")
mimetypes.add_type("video/webm", ".webm")
mimetypes.add_type("video/mp4", ".mp4")


def _resolve(path: str) -> Path:
    root = Path(settings.MEDIA_ROOT).resolve()
    full = (root / path).resolve()
    if root not in full.parents or not full.is_file():
        raise Http404("No such file")
    return full


def parse_range(header: str, size: int) -> tuple[int, int] | None:
    """Return the inclusive (start, end) of a single byte range, or None when unsatisfiable.

    Raises ValueError when the header is not a single byte range we understand, in which
    case the whole file is sent, as RFC 9110 allows.
    """
    match = RANGE_RE.match(header.strip())
    if not match:
        raise ValueError(header)
    first, last = match.groups()
    if first == "" and last == "":
        raise ValueError(header)
    if first == "":  # suffix range: the last N bytes
        length = int(last)
        if length == 0:
            return None
        return max(size - length, 0), size - 1
    start = int(first)
    end = int(last) if last else size - 1
    if start >= size or end < start:
        return None
    return start, min(end, size - 1)


class RangeFileWrapper:
    def __init__(self, handle, start: int, length: int):
        self.handle = handle
        self.handle.seek(start)
        self.remaining = length

    def __iter__(self):
        while self.remaining > 0:
            data = self.handle.read(min(CHUNK_SIZE, self.remaining))
            if not data:
                break
            self.remaining -= len(data)
            yield data

    def close(self):
        self.handle.close()


@require_safe
def serve_media(request, path: str):
    full = _resolve(path)
    stat = full.stat()
    size = stat.st_size
    content_type = mimetypes.guess_type(full.name)[0] or "application/octet-stream"
    last_modified = http_date(stat.st_mtime)
    etag = f'"{stat.st_mtime_ns:x}-{size:x}"'

    if request.headers.get("If-None-Match") == etag:
        return HttpResponseNotModified()
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if since is not None and int(stat.st_mtime) <= since and "If-None-Match" not in request.headers:
        return HttpResponseNotModified()

    range_header = request.headers.get("Range")
    if_range = request.headers.get("If-Range")
    if range_header and if_range and if_range not in (etag, last_modified):
        range_header = None  # the file changed since the client's copy: send all of it

    byte_range = None
    if range_header:
        try:
            byte_range = parse_range(range_header, size)
        except ValueError:
            range_header = None
        else:
            if byte_range is None:
                response = HttpResponse(status=416)
                response["Content-Range"] = f"bytes */{size}"
                response["Accept-Ranges"] = "bytes"
                return response

    if byte_range:
        start, end = byte_range
        length = end - start + 1
        handle = open(full, "rb")  # noqa: SIM115 - closed by the response
        response = FileResponse(RangeFileWrapper(handle, start, length), status=206, content_type=content_type)
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(length)
    else:
        response = FileResponse(open(full, "rb"), content_type=content_type)  # noqa: SIM115
        response["Content-Length"] = str(size)
    response["Accept-Ranges"] = "bytes"
    response["Last-Modified"] = last_modified
    response["ETag"] = etag
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    if content_type not in {"video/mp4", "video/webm", "text/vtt"} and not (
        content_type.startswith("image/") and "svg" not in content_type
    ):
        # Anything that is not a video, a caption track or an image is downloaded, never shown
        # inline, so an uploaded HTML or SVG file cannot run script on this site.
        response["Content-Disposition"] = f'attachment; filename="{os.path.basename(full.name)}"'
    return response
