"""HTTP validation of what shows a unit's data: an ETag, and 304 Not Modified without
rendering when the browser's copy is still the page it would get.

The tag is a hash of everything the answer depends on: the data stamps it reads
(services/freshness.py, read before any row), the person as the request signed in (user,
name, grants, session and its CSRF token, which the page's forms carry), the day it is
judged as of, the address asked for, the application's version and its templates. Any
write through the application changes a stamp, so the tag. `Cache-Control: private,
no-cache` lets the browser keep the page but ask every time, and no shared cache keep it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from fastapi import Request, Response

from theodoi import __version__
from theodoi.services.accounts.access import Principal
from theodoi.services.freshness import Stamps
from theodoi.web.templating import TEMPLATES

CACHE_CONTROL = "private, no-cache"


def _templates_digest() -> str:
    """A digest of every template, so a changed template is a changed page."""
    digest = hashlib.sha256()
    for path in sorted(TEMPLATES.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


RELEASE = f"{__version__}:{_templates_digest()}"


def etag(request: Request, p: Principal, day: date, stamps: Stamps, extra: str = "") -> str:
    """The validator of the answer to `request` for `p` as of `day`, from `stamps` and
    `extra` (what the page shows that hangs on no unit's stamp, e.g. an item's comments)."""
    parts = (RELEASE, request.url.path, request.url.query, day.isoformat(), repr(p),
             repr(stamps), extra)
    return '"' + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32] + '"'


def matches(request: Request, tag: str) -> bool:
    """Whether the request's If-None-Match names `tag` (weak or strong, or '*')."""
    sent = request.headers.get("if-none-match")
    if not sent:
        return False
    names = {part.strip().removeprefix("W/") for part in sent.split(",")}
    return tag in names or "*" in names


def validated(request: Request, p: Principal, day: date, stamps: Stamps,
              make: Callable[[], Response], extra: str = "") -> Response:
    """304 when the browser has the answer already; else `make()`'s, with its ETag."""
    tag = etag(request, p, day, stamps, extra)
    headers = {"ETag": tag, "Cache-Control": CACHE_CONTROL}
    if matches(request, tag):
        return Response(status_code=304, headers=headers)
    response = make()
    response.headers.update(headers)
    return response
