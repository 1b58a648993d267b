"""Security headers on every response, and a refusal of oversized bodies before parsing."""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-frame-options", b"DENY"),
           (b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"same-origin"),
           (b"cross-origin-opener-policy", b"same-origin")]
BODY_SLACK = 1 << 20  # multipart framing and the form's other fields


class SecurityMiddleware:
    """Pure ASGI so it also covers static files and error responses."""

    def __init__(self, app: ASGIApp, max_body: int) -> None:
        self.app, self.max_body = app, max_body  # the upload limit and BODY_SLACK

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *[(k, v) for k, v in HEADERS if k not in names]]
            await send(message)

        if self._too_large(scope):
            await refuse_too_large(with_headers, self.max_body)
            return
        await self.app(scope, receive, with_headers)

    def _too_large(self, scope: Scope) -> bool:
        length = dict(scope.get("headers", [])).get(b"content-length")
        return length is not None and length.isdigit() and int(length) > self.max_body


async def refuse_too_large(send: Any, max_body: int) -> None:
    """413 in the one error shape, naming the upload limit (`max_body` less the slack)."""
    mb = (max_body - BODY_SLACK) / 1048576
    body = json.dumps({"error": {"code": "E103", "type": "bad_input", "message":
                                 f"tệp lớn hơn giới hạn {mb:.0f} MB."}},
                      ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
