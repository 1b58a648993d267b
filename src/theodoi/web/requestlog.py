"""A request id for every request, returned as `X-Request-ID` and logged with one line
per request: method, path, status, duration, the signed-in user's id and the server
process that answered (`worker`, its pid: which of `serve --workers N` served what).

The id comes from the client's `X-Request-ID` when it is a plain token (letters, digits,
'.', '_', '-', at most 64): a reverse proxy that sets one ties its log to ours. Anything
else (too long, spaces, control characters that could forge log lines) is replaced by a
new random id, so what is logged and echoed is always safe.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = b"x-request-id"
TRUSTED = re.compile(rb"^[A-Za-z0-9._-]{1,64}$")
log = logging.getLogger("theodoi.requests")


def request_id(scope: Scope) -> str:
    """The client's id when it is a plain token, else a new random one."""
    sent = dict(scope.get("headers", [])).get(HEADER)
    return sent.decode() if sent and TRUSTED.match(sent) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Pure ASGI, outermost, so static files, refusals and errors are logged too."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rid = request_id(scope)
        scope.setdefault("state", {})["request_id"] = rid
        status, started = 500, time.perf_counter()

        async def with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, rid.encode())]
            await send(message)

        try:
            await self.app(scope, receive, with_id)
        finally:
            _log(scope, rid, status, time.perf_counter() - started)


def _log(scope: Scope, rid: str, status: int, seconds: float) -> None:
    """One record per request; the user id is whoever the request signed in as."""
    user = scope.get("state", {}).get("user")
    log.info("request", extra={"request_id": rid, "method": scope["method"],
                               "path": scope["path"], "status": status,
                               "duration_ms": round(seconds * 1000, 1),
                               "user_id": getattr(user, "user_id", None),
                               "worker": os.getpid()})
