"""A file answer with a Vietnamese name that every browser saves correctly."""

from __future__ import annotations

from urllib.parse import quote

from fastapi.responses import Response

from theodoi.services.reporting.report_files import ReportFile


def content_disposition(filename: str, ascii_fallback: str) -> str:
    """`attachment; filename="ASCII"; filename*=UTF-8''…` (RFC 6266 / 5987)."""
    return (f'attachment; filename="{ascii_fallback}"; '
            f"filename*=UTF-8''{quote(filename, safe='')}")


def file_response(f: ReportFile) -> Response:
    return Response(f.content, media_type=f.media_type,
                    headers={"Content-Disposition": content_disposition(f.filename,
                                                                        f.ascii_name),
                             "Cache-Control": "no-store"})


def attachment_response(filename: str, content: bytes) -> Response:
    """A stored file someone uploaded, always saved, never shown in the browser (its type
    was checked by content on upload, but a download cannot run as a page)."""
    fallback = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(content, media_type="application/octet-stream",
                    headers={"Content-Disposition": content_disposition(filename, fallback),
                             "X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"})
