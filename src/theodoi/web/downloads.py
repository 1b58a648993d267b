"""A file answer with a Vietnamese name that every browser saves (or shows) correctly."""

from __future__ import annotations

from typing import Protocol
from urllib.parse import quote

from fastapi.responses import Response


class Downloadable(Protocol):
    """What a file answer needs: a report file, a stored evidence file."""

    @property
    def content(self) -> bytes: ...
    @property
    def filename(self) -> str: ...
    @property
    def media_type(self) -> str: ...
    @property
    def ascii_name(self) -> str: ...


def content_disposition(filename: str, ascii_fallback: str, inline: bool = False) -> str:
    """`attachment; filename="ASCII"; filename*=UTF-8''…` (RFC 6266 / 5987); `inline` for
    what the browser shows itself (a PDF, a photo)."""
    return (f'{"inline" if inline else "attachment"}; filename="{ascii_fallback}"; '
            f"filename*=UTF-8''{quote(filename, safe='')}")


def file_response(f: Downloadable, inline: bool = False) -> Response:
    """The file, never cached, never sniffed into another type by the browser (an upload
    that is HTML inside is never run as a page of theodoi)."""
    return Response(f.content, media_type=f.media_type,
                    headers={"Content-Disposition": content_disposition(
                        f.filename, f.ascii_name, inline),
                             "Cache-Control": "no-store",
                             "X-Content-Type-Options": "nosniff"})


def attachment_response(filename: str, content: bytes) -> Response:
    """A stored file someone uploaded, always saved, never shown in the browser (its type
    was checked by content on upload, but a download cannot run as a page)."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(content, media_type="application/octet-stream",
                    headers={"Content-Disposition": content_disposition(filename, fallback),
                             "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
